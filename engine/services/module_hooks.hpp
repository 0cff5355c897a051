#pragma once
// The kernel's calls into the service modules (services/modules.hpp): each folds over the
// registered modules at compile time, and calls only the hooks a module has (detected with
// `requires`). A plan without an enabled module that has the hook costs one branch.
#include <concepts>

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

// A module with places (services/module.hpp, "A module with places").
template <class Module>
inline constexpr bool kHasPlaces = requires(const typename Module::Plan& plan, population::People& p,
                                            ServiceTotals& totals, std::size_t i) {
  { Module::candidate(plan, p, i) } -> std::same_as<bool>;
  Module::waiting_since(p, i);
  Module::admit(plan, p, i);
  { Module::in_relation(p, i) } -> std::same_as<bool>;
  { Module::held(totals) } -> std::same_as<std::int64_t&>;
  Module::end(p, i);
};
template <class Module>
inline constexpr bool kHasStaff = requires(const typename Module::Plan& plan) {
  Module::staff(plan, std::int64_t{0});
  Module::places_of_staff(plan, 0.0);
  plan.cost_per_staff_week;
};
template <class Module>
inline constexpr bool kHasRelationWeek =
    requires(const typename Module::Plan& plan, population::People& p) { Module::relation_week(plan, p, std::size_t{0}); };
template <class Module>
inline constexpr bool kHasRelationEffort = requires(const typename Module::Plan& plan, const population::People& p) {
  Module::relation_effort_multiplier(plan, p, std::size_t{0});
};
template <class Module>
inline constexpr bool kHasReferralHook = requires(const typename Module::Plan& plan, const population::People& p) {
  Module::referral_multiplier(plan, p, std::size_t{0});
};

/// A module with places keeps its code on the `service` axis of the counters (queues, starts,
/// waits): its YAML name's in scenario::kServiceNames.
template <class Module>
inline constexpr int kServiceCodeOf = *code_of(scenario::kServiceNames, Module::kName);

/// The module with staff (the coach): a design's stated `staff` sizes its places
/// (docs/capacity.md). At most one.
inline constexpr std::size_t kStaffedModule = [] {
  std::size_t found = kModuleCount, count = 0;
  for_each_module([&](auto module, auto index) {
    if constexpr (kHasStaff<typename decltype(module)::type>) found = index(), ++count;
  });
  return count <= 1 ? found : kModuleCount + 1;
}();
static_assert(kStaffedModule <= kModuleCount, "one module at most has staff (a design's `staff` sizes it)");
inline constexpr bool kAnyStaffedModule = kStaffedModule < kModuleCount;
inline constexpr bool kAnyPlacedModule = [] {
  bool any = false;
  for_each_module([&](auto module, auto) { any = any || kHasPlaces<typename decltype(module)::type>; });
  return any;
}();

inline ModulePerson module_person(const population::People& p, std::size_t i, int week) {
  ModulePerson person;
  person.status = static_cast<Status>(p.status[i]);
  person.client = (p.client_flags[i] & population::kClient) != 0;
  person.weeks_as_client = week - p.client_since[i];
  person.spell_weeks = p.spell_weeks[i];
  return person;
}

/// A module's events this week: counted by module (and in its own counter) and paid.
template <class Module, std::size_t Index>
void count_module_events(const ServicePlan& plan, std::int64_t events, std::array<Cents, kPayerCount>& cost,
                         ServiceTotals& totals) {
  if (events == 0) return;
  totals.module_events[Index] += events;
  if constexpr (kHasOwnCounter<Module>) Module::count(totals, events);
  for (int payer = 0; payer < kPayerCount; ++payer) cost[payer] += events * plan.module_event_cost[Index][payer];
}

/// The product over the modules of hook(std::type_identity<Module>, its plan): a module without
/// the hook gives exactly 1 there.
template <class Hook>
double module_product(const ServicePlan& plan, Hook&& hook) {
  double multiplier = 1.0;
  for_each_module([&](auto module, auto index) { multiplier *= hook(module, std::get<decltype(index)::value>(plan.modules)); });
  return multiplier;
}

/// Job-search effort multiplier of person i from the relations they are in (modules with places),
/// by the rules of their organiser's plan; exactly 1 when in none. Applied before a status's own
/// (training's lock-in), as the coach's always was.
inline double relation_effort_multiplier(const ServicePlan& plan, const population::People& p, std::size_t i) {
  return module_product(plan, [&](auto module, const auto& module_plan) {
    using Module = typename decltype(module)::type;
    if constexpr (kHasRelationEffort<Module>) return Module::relation_effort_multiplier(module_plan, p, i);
    else return 1.0;
  });
}

/// Multiplier on person i's referral rates to the placed services from the relations they are in.
inline double module_referral_multiplier(const ServicePlan& plan, const population::People& p, std::size_t i) {
  return module_product(plan, [&](auto module, const auto& module_plan) {
    using Module = typename decltype(module)::type;
    if constexpr (kHasReferralHook<Module>) return Module::referral_multiplier(module_plan, p, i);
    else return 1.0;
  });
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
      count_module_events<Module, decltype(index)::value>(plan, events, cost, totals);
    }
  });
}

/// The week of person i in the relations they are in (any status: a relation with places goes
/// on while its person is in a placed service), by the rules of their organiser's plan.
inline void module_relation_week(const ServicePlan& plan, population::People& p, std::size_t i,
                                 std::array<Cents, kPayerCount>& cost, ServiceTotals& totals) {
  for_each_module([&](auto module, auto index) {
    using Module = typename decltype(module)::type;
    if constexpr (kHasRelationWeek<Module>) {
      const std::int64_t events = Module::relation_week(std::get<decltype(index)::value>(plan.modules), p, i);
      count_module_events<Module, decltype(index)::value>(plan, events, cost, totals);
    }
  });
}

/// Ends every module relation of person i (their client relation ended, or a change of
/// organiser restarts their services).
inline void end_module_relations(population::People& p, std::size_t i) {
  for_each_module([&](auto module, auto) {
    using Module = typename decltype(module)::type;
    if constexpr (kHasPlaces<Module>) Module::end(p, i);
  });
}

/// At the end of the week, of a client: counts the places they hold, and says whether they are
/// a candidate for a place of a module of their organiser's plan (admission phase).
inline bool count_places_and_candidacy(const ServicePlan& plan, const population::People& p, std::size_t i,
                                       ServiceTotals& totals) {
  bool candidate = false;
  for_each_module([&](auto module, auto index) {
    using Module = typename decltype(module)::type;
    if constexpr (kHasPlaces<Module>) {
      if (Module::in_relation(p, i)) Module::held(totals) += 1;
      candidate = candidate || Module::candidate(std::get<decltype(index)::value>(plan.modules), p, i);
    }
  });
  return candidate;
}

}  // namespace kokeilu::services
