#pragma once
// Service-needs assessment (palvelutarpeen arviointi): some weeks after a person becomes a
// client, an assessment may reveal a health or life-management barrier. Services that require
// an assessment are open only to the assessed (services/referral.hpp reads the person's
// kAssessed flag; a change of organiser may clear it: services/service_client.hpp).
//
// A service module (services/module.hpp): an event without places, once per client relation.
// Counted in module_events and, as before it was a module, in its own counter `assessments`.
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "services/module.hpp"

namespace kokeilu::services {

struct Assessment {
  static constexpr std::string_view kName = "assessment";
  static constexpr scenario::Service kService = scenario::Service::assessment;  // its code on the `service` axis
  static constexpr std::string_view kAbout =
      "Service-needs assessment: an event some weeks after a person becomes a client.";

  struct Spec : ModuleSchedule {
    int weeks_after_entry = 4;                 // weeks
    double barrier_found_probability = 0.8;    // a person's barrier is revealed with this probability
    double cost_eur = 0;                       // per assessment
  };

  static std::span<const scenario::Field<Spec>> fields() {
    using namespace scenario;
    using namespace scenario::yaml;
    static const std::vector<Field<Spec>> table = schedule_fields<Spec>({
        whole_field<Spec>("weeks_after_entry", &Spec::weeks_after_entry, 0, kMaxWeeks, "weeks",
                          "weeks after becoming a client that the assessment is made"),
        number_field<Spec>("barrier_found_probability", &Spec::barrier_found_probability, kProbability,
                           "a person's health or life-management barrier is revealed with this probability"),
        number_field<Spec>("cost_eur", &Spec::cost_eur, kEurosOnce, "per assessment"),
    });
    return {table.data(), table.size()};
  }

  struct Plan : ModuleInForce {
    int weeks_after_entry = 4;
    double barrier_found_probability = 0.8;
  };

  static Plan plan(const Spec& spec, const Calendar& calendar) {
    Plan plan;
    // The TE office funds a pilot's assessments up to its own cost per assessment, whether or
    // not its design makes any (services/plan.cpp fund_baseline_volume).
    static_cast<ModuleInForce&>(plan) = in_force_from(spec, calendar, spec.cost_eur);
    plan.weeks_after_entry = spec.weeks_after_entry;
    plan.barrier_found_probability = spec.barrier_found_probability;
    return plan;
  }

  /// The assessment of an unemployed client, once per relation, `weeks_after_entry` after it
  /// began: 1 event when made this week.
  static std::int64_t unemployed_week(const Plan& plan, PersonWeek& w) {
    auto& p = w.people;
    if (!has_flag(p, w.i, population::kClient) || has_flag(p, w.i, population::kAssessed)) return 0;
    if (w.weeks_as_client() < plan.weeks_after_entry) return 0;
    set_flag(p, w.i, population::kAssessed, true);
    if (p.barrier[w.i] && uniform(w.draws.assessment, w.i) < plan.barrier_found_probability)
      set_flag(p, w.i, population::kBarrierKnown, true);
    return 1;
  }

  template <class Totals>
  static void count(Totals& totals, std::int64_t events) {
    totals.assessments += events;
  }
};

}  // namespace kokeilu::services
