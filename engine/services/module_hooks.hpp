#pragma once
// The kernel's calls into the service modules (services/modules.hpp): each folds over the
// registered modules at compile time. A plan without an enabled module costs one branch.
#include "population/people.hpp"
#include "services/module.hpp"
#include "services/module_fold.hpp"
#include "services/plan.hpp"
#include "services/week_counters.hpp"

namespace kokeilu::services {

inline ModulePerson module_person(const population::People& p, std::size_t i, int week) {
  ModulePerson person;
  person.status = static_cast<Status>(p.status[i]);
  person.client = (p.client_flags[i] & population::kClient) != 0;
  person.weeks_as_client = week - p.client_since[i];
  person.spell_weeks = p.spell_weeks[i];
  return person;
}

/// Job-search effort multiplier of person i from the modules of their organiser's plan; exactly
/// 1 (and the caller multiplies nothing) when none is in force.
inline double module_effort_multiplier(const ServicePlan& plan, const population::People& p, std::size_t i,
                                       int week) {
  double multiplier = 1.0;
  if (!plan.any_module) return multiplier;
  const ModulePerson person = module_person(p, i, week);
  for_each_module([&](auto module, auto index) {
    using Module = typename decltype(module)::type;
    const auto& module_plan = std::get<decltype(index)::value>(plan.modules);
    if (module_plan.in_force(week)) multiplier *= Module::effort_multiplier(module_plan, person);
  });
  return multiplier;
}

/// The week of an unemployed person in the modules of their organiser's plan: events counted
/// (by module) and paid (cost by payer).
inline void module_unemployed_week(const ServicePlan& plan, const population::People& p, std::size_t i, int week,
                                   std::array<Cents, kPayerCount>& cost, ServiceTotals& totals) {
  if (!plan.any_module) return;
  const ModulePerson person = module_person(p, i, week);
  for_each_module([&](auto module, auto index) {
    using Module = typename decltype(module)::type;
    const auto& module_plan = std::get<decltype(index)::value>(plan.modules);
    if (!module_plan.in_force(week)) return;
    const std::int64_t events = Module::unemployed_week(module_plan, person);
    if (events == 0) return;
    totals.module_events[index()] += events;
    for (int payer = 0; payer < kPayerCount; ++payer) cost[payer] += events * plan.module_event_cost[index()][payer];
  });
}

}  // namespace kokeilu::services
