#pragma once
// Job-search meetings of the Nordic model (pohjoismainen työvoimapalvelumalli), in force from
// 2.5.2022 (rule): a first meeting within 5 days of registering as a jobseeker, then a meeting
// every 2 weeks for the first 3 months; up to 4 job applications a month for the whole spell
// (DOMAIN.md, "Services"). A service module (services/module.hpp): a relation without places,
// open to every unemployed client of a design that names it.
//
// In the model: a client relation's first week holds the first meeting (5 days fall within it),
// then one every `meeting_interval_weeks` while the relation is younger than `intensive_weeks`;
// during that time job search is raised by `meeting_search_effort_multiplier`; the application
// requirement raises it by `search_effort_per_application` per application a month for the
// whole spell. Each meeting costs the organiser `cost_eur_per_meeting`. The effects' sizes are
// flagged in the field table (docs/keys.md) and in scenarios/designs/baseline-te-office.yaml.
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "services/module.hpp"

namespace kokeilu::services {

struct JobSearchMeetings {
  static constexpr std::string_view kName = "job_search_meetings";
  static constexpr std::string_view kAbout =
      "Job-search meetings of the Nordic model (from 2.5.2022, rule): a first meeting within days of "
      "registering, then every 2 weeks for 3 months; 4 job applications a month. A relation without "
      "places for every unemployed client. Defaults are the rule's figures; effects and cost flagged.";

  struct Spec : ModuleSchedule {
    int first_meeting_days = 5;                   // (rule) within 5 days of registering
    int meeting_interval_weeks = 2;               // (rule) every 2 weeks ...
    int intensive_weeks = 13;                     // (rule) ... for the first 3 months
    int applications_per_month = 4;               // (rule) up to 4 a month
    double meeting_search_effort_multiplier = 1.0;   // effect: see the field table
    double search_effort_per_application = 0.0;      // effect: see the field table
    double cost_eur_per_meeting = 0;
  };

  static std::span<const scenario::Field<Spec>> fields() {
    using scenario::number_field;
    using scenario::whole_field;
    static const std::vector<scenario::Field<Spec>> table = schedule_fields<Spec>({
        whole_field<Spec>("first_meeting_days", &Spec::first_meeting_days, 0, 364, "days",
                          "(rule) the first meeting within this many days of registering"),
        whole_field<Spec>("meeting_interval_weeks", &Spec::meeting_interval_weeks, 1, 52, "weeks",
                          "(rule) then a meeting every this many weeks ..."),
        whole_field<Spec>("intensive_weeks", &Spec::intensive_weeks, 0, scenario::yaml::kMaxWeeks, "weeks",
                          "(rule) ... while the client relation is younger than this (3 months)"),
        whole_field<Spec>("applications_per_month", &Spec::applications_per_month, 0, 100, "applications",
                          "(rule) job applications required a month, for the whole spell"),
        number_field<Spec>("meeting_search_effort_multiplier", &Spec::meeting_search_effort_multiplier,
                           scenario::yaml::kMultiplier,
                           "job search of an unemployed client during the intensive weeks (effect; flag it)"),
        number_field<Spec>("search_effort_per_application", &Spec::search_effort_per_application,
                           scenario::yaml::Bounds{0, 1, false, false, "share per application a month"},
                           "added to the job-search multiplier per required application a month (effect; flag it)"),
        number_field<Spec>("cost_eur_per_meeting", &Spec::cost_eur_per_meeting, scenario::yaml::kEurosOnce,
                           "organiser's cost of one meeting (flag it)"),
    });
    return {table.data(), table.size()};
  }

  struct Plan : ModuleInForce {
    int first_meeting_week = 0;
    int meeting_interval_weeks = 2;
    int intensive_weeks = 13;
    double intensive_multiplier = 1.0;    // meetings and applications
    double later_multiplier = 1.0;        // applications only
  };

  static Plan plan(const Spec& spec, const Calendar& calendar) {
    Plan plan;
    static_cast<ModuleInForce&>(plan) = in_force_from(spec, calendar, spec.cost_eur_per_meeting);
    plan.first_meeting_week = spec.first_meeting_days / 7;
    plan.meeting_interval_weeks = spec.meeting_interval_weeks;
    plan.intensive_weeks = spec.intensive_weeks;
    plan.later_multiplier = 1.0 + spec.search_effort_per_application * spec.applications_per_month;
    plan.intensive_multiplier = spec.meeting_search_effort_multiplier * plan.later_multiplier;
    return plan;
  }

  static double effort_multiplier(const Plan& plan, const ModulePerson& person) {
    if (person.status != Status::unemployed || !person.client) return 1.0;
    return person.weeks_as_client < plan.intensive_weeks ? plan.intensive_multiplier : plan.later_multiplier;
  }

  /// Meetings held this week (0 or 1).
  static std::int64_t unemployed_week(const Plan& plan, const ModulePerson& person) {
    if (!person.client) return 0;
    const int since_first = person.weeks_as_client - plan.first_meeting_week;
    if (since_first < 0 || person.weeks_as_client >= plan.intensive_weeks) return 0;
    return since_first % plan.meeting_interval_weeks == 0 ? 1 : 0;
  }
};

}  // namespace kokeilu::services
