#pragma once
// The service modules, registered by type in this ONE list (services/module.hpp says what a
// module provides). Adding a service module: its file, one include and one type below.
//
// The order matters twice. Among the modules without a status (events and relations) it is the
// order of the `module` axis of a run file and of their blocks in docs/keys.md (after the
// services named in scenario::kServiceNames). Among the placed services with a status it is the
// order of the admission phase (each before the modules with places, like the coach) and must
// follow their codes in scenario::kServiceNames (the referral draw picks by code).
#include <tuple>

#include "services/service_assessment.hpp"
#include "services/service_coach.hpp"
#include "services/service_job_search_meetings.hpp"
#include "services/service_pay_subsidy.hpp"
#include "services/service_rehabilitative_work.hpp"
#include "services/service_self_motivated_study.hpp"
#include "services/service_training.hpp"
#include "services/service_work_trial.hpp"

namespace kokeilu::services {

using RegisteredModules =
    std::tuple<Assessment, JobSearchMeetings, Coach, Training, RehabilitativeWork, PaySubsidy, WorkTrial,
               SelfMotivatedStudy>;

}  // namespace kokeilu::services
