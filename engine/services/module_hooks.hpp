#pragma once
// The kernel's calls into the service modules (services/modules.hpp): each folds over the
// registered modules at compile time, and calls only the hooks a module has (detected with
// `requires`). A plan without an enabled module that has the hook costs one branch.
#include "population/people.hpp"
#include "services/module.hpp"
#include "services/module_fold.hpp"
#include "services/plan.hpp"
#include "services/week_counters.hpp"

namespace kokeilu::services {

template <class Module>
inline constexpr bool kHasEffortHook =
    requires(const typename Module::Plan& plan, const ModulePerson& person) { Module::effort_multiplier(plan, person); };
template <class Module>
inline constexpr bool kHasPersonWeekHook =
    requires(const typename Module::Plan& plan, PersonWeek& week) { Module::unemployed_week(plan, week); };
template <class Module>
inline constexpr bool kHasReadOnlyWeekHook =
    requires(const typename Module::Plan& plan, const ModulePerson& person) { Module::unemployed_week(plan, person); };
template <class Module>
inline constexpr bool kHasUnemployedWeekHook = kHasPersonWeekHook<Module> || kHasReadOnlyWeekHook<Module>;
template <class Module>
inline constexpr bool kHasOwnCounter =
    requires(ServiceTotals& totals) { Module::count(totals, std::int64_t{0}); };

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
  if (!plan.any_effort_module) return multiplier;
  const ModulePerson person = module_person(p, i, week);
  for_each_module([&](auto module, auto index) {
    using Module = typename decltype(module)::type;
    if constexpr (kHasEffortHook<Module>) {
      const auto& module_plan = std::get<decltype(index)::value>(plan.modules);
      if (module_plan.in_force(week)) multiplier *= Module::effort_multiplier(module_plan, person);
    }
  });
  return multiplier;
}

/// The week of an unemployed person in the modules of their organiser's plan: events counted
/// (by module, and in a module's own counter) and paid (cost by payer).
inline void module_unemployed_week(const ServicePlan& plan, population::People& p, std::size_t i, int week,
                                   ServiceDraws& draws, std::array<Cents, kPayerCount>& cost, ServiceTotals& totals) {
  if (!plan.any_week_module) return;
  for_each_module([&](auto module, auto index) {
    using Module = typename decltype(module)::type;
    if constexpr (kHasUnemployedWeekHook<Module>) {
      const auto& module_plan = std::get<decltype(index)::value>(plan.modules);
      if (!module_plan.in_force(week)) return;
      std::int64_t events = 0;
      if constexpr (kHasPersonWeekHook<Module>) {
        PersonWeek person_week{p, i, week, draws};
        events = Module::unemployed_week(module_plan, person_week);
      } else {
        events = Module::unemployed_week(module_plan, module_person(p, i, week));
      }
      if (events == 0) return;
      totals.module_events[index()] += events;
      if constexpr (kHasOwnCounter<Module>) Module::count(totals, events);
      for (int payer = 0; payer < kPayerCount; ++payer) cost[payer] += events * plan.module_event_cost[index()][payer];
    }
  });
}

}  // namespace kokeilu::services
