#pragma once
// The service modules, registered by type in this ONE list (services/module.hpp says what a
// module provides). Adding a service module: its file, one include and one type below. The
// order is the order of their blocks in docs/keys.md (after the hard-wired services named
// before them in scenario::kServiceNames) and of the `module` axis of a run file.
#include <tuple>

#include "services/service_assessment.hpp"
#include "services/service_coach.hpp"
#include "services/service_job_search_meetings.hpp"

namespace kokeilu::services {

using ServiceModules = std::tuple<Assessment, JobSearchMeetings, Coach>;

}  // namespace kokeilu::services
