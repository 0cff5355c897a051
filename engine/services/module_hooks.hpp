#pragma once
// The kernel's calls into the service modules (services/modules.hpp): each folds over the
// registered modules at compile time, and calls only the hooks a module has (detected with
// `requires`). A plan without an enabled module that has the hook costs one branch.
#include <concepts>

#include "benefits/rules.hpp"
#include "population/people.hpp"
#include "services/module.hpp"
#include "services/module_fold.hpp"
#include "services/module_status.hpp"
#include "services/plan.hpp"
#include "services/service_week.hpp"
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
/// waits): its own `kService` (services/codes.hpp).
template <class Module>
inline constexpr int kServiceCodeOf = static_cast<int>(Module::kService);

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

// ---- The placed services with a status (services/module.hpp, "A module with a status") ----
// Each fold below compares the person's status with each module's (a chain of compares, as the
// switch it replaces) and calls the hook of the one that holds it; a module without a hook has
// no compare there.

template <class Module>
inline constexpr bool kSearchesInStatus =
    requires(const typename Module::Plan& plan) { Module::search_effort_multiplier(plan); };
template <class Module>
inline constexpr bool kHasStatusExits =
    requires(const typename Module::Plan& plan) { { Module::exits(plan, 0.0) } -> std::same_as<StatusExits>; };
template <class Module>
inline constexpr bool kCountsLeavingEarly = requires(ServiceTotals& totals) { Module::left_early(totals); };
template <class Module>
inline constexpr bool kHasOutOfWorkWeek =
    requires(const typename Module::Plan& plan, population::People& p) { Module::out_of_work_week(plan, p, std::size_t{0}); };
template <class Module>
inline constexpr bool kCountsHeld = requires(ServiceTotals& totals, const population::People& p) {
  Module::count_held(totals, p, std::size_t{0});
};
template <class Module>
inline constexpr bool kHasOwnEligibility =
    requires(const population::People& p) { { Module::eligible(p, std::size_t{0}, 0) } -> std::same_as<bool>; };
template <class Module>
inline constexpr bool kHasAdmissionHook = requires(const typename Module::Plan& plan, population::People& p,
                                                   const random::Block& words) {
  { Module::admitted(plan, p, std::size_t{0}, 1, words) } -> std::same_as<int>;
};
template <class Module>
inline constexpr bool kRaisedByMunicipalityResponse = requires { requires Module::kRaisedByMunicipalityResponse; };

/// A placed service's code on the `service` axis, in its status order (the referral draw picks by
/// code, admission goes in list order: the two must agree).
inline constexpr bool kStatusModulesInCodeOrder = [] {
  int last = -1;
  bool ordered = true;
  for_each_status_module([&](auto module, auto) {
    const int code = kServiceCodeOf<typename decltype(module)::type>;
    ordered = ordered && code > last;
    last = code;
  });
  return ordered;
}();
static_assert(kStatusModulesInCodeOrder, "register the placed services with a status in their code order");

/// The statuses held in a placed service, one bit each: one test tells the kernel whether a
/// status's module hooks apply at all (most persons are unemployed, employed or inactive).
inline constexpr std::uint32_t kPlacedStatusBits = [] {
  std::uint32_t bits = 0;
  for_each_status_module([&](auto module, auto) { bits |= 1u << static_cast<unsigned>(decltype(module)::type::kStatus); });
  return bits;
}();
constexpr bool in_placed_service(Status status) { return ((kPlacedStatusBits >> static_cast<unsigned>(status)) & 1u) != 0; }

/// Persons in `status` search for jobs there (training's lock-in), besides the unemployed.
constexpr bool searches_in_status(Status status) {
  bool searches = false;
  for_each_status_module([&](auto module, auto) {
    using Module = typename decltype(module)::type;
    if constexpr (kSearchesInStatus<Module>) searches = searches || status == Module::kStatus;
  });
  return searches;
}

/// Job-search effort in `status`: `effort` times the share its module searches at, if any.
inline double status_search_effort(const ServicePlan& plan, Status status, double effort) {
  for_each_status_module([&](auto module, auto) {
    using Module = typename decltype(module)::type;
    if constexpr (kSearchesInStatus<Module>)
      if (status == Module::kStatus) effort *= Module::search_effort_multiplier(plan.status_of<Module>());
  });
  return effort;
}

/// The week of a person in a placed service, as its `week` hook sees it: what is paid for it,
/// by payer, and the benefit days used.
struct StatusWeek {
  population::People& people;
  std::size_t i;
  int age_years;
  const benefits::WeekRules& rules;
  Cents supplement_per_day;
  ServiceDraws& draws;
  benefits::WeekPayment paid{};

  /// The benefit goes on during the service (earnings-related days are used up as usual), with
  /// the supplement (benefits::pay_service_week). Called first: it sets `paid`.
  void pay_benefit_and_supplement() { pay_benefit_with_supplement(supplement_per_day); }
  /// The same without the supplement (self-motivated study).
  void pay_benefit() { pay_benefit_with_supplement(0); }
  void pay(Payer payer, Cents cents) { paid.cost[static_cast<int>(payer)] += cents; }
  /// A week of (subsidised) work counts towards a new earnings-related entitlement.
  void count_work_week() {
    people.work_weeks_since_claim[i] = population::saturating_add(people.work_weeks_since_claim[i], 1);
    people.work_history_weeks[i] = population::saturating_add(people.work_history_weeks[i], 1);
  }

 private:
  void pay_benefit_with_supplement(Cents supplement) {
    benefits::BenefitState state{people.benefit[i], people.earnings_related_days[i], people.subsidy_days[i],
                                 people.work_weeks_since_claim[i]};
    paid = benefits::pay_service_week(state, age_years, people.work_history_weeks[i], rules, supplement);
    people.benefit[i] = state.benefit;
    people.earnings_related_days[i] = state.earnings_related_days;
  }
};

/// The week in a placed service's status: its module's hook, then the weeks left count down.
inline void status_week(const ServicePlan& plan, Status status, StatusWeek& w) {
  for_each_status_module([&](auto module, auto) {
    using Module = typename decltype(module)::type;
    if (status == Module::kStatus) Module::week(plan.status_of<Module>(), w);
  });
  auto& weeks_left = w.people.service_weeks_left[w.i];
  if (weeks_left > 0) weeks_left = static_cast<std::uint16_t>(weeks_left - 1);
}

/// The competing exits of a week in `status` (none: both rates 0, no draw).
inline StatusExits status_exits(const ServicePlan& plan, Status status, double job_rate) {
  StatusExits exits{0.0, 0.0, status, status};
  for_each_status_module([&](auto module, auto) {
    using Module = typename decltype(module)::type;
    if constexpr (kHasStatusExits<Module>)
      if (status == Module::kStatus) exits = Module::exits(plan.status_of<Module>(), job_rate);
  });
  return exits;
}

/// A person left `status` before its weeks ran out: counted where its module counts that.
inline void count_left_early(Status status, ServiceTotals& totals) {
  for_each_status_module([&](auto module, auto) {
    using Module = typename decltype(module)::type;
    if constexpr (kCountsLeavingEarly<Module>)
      if (status == Module::kStatus) Module::left_early(totals);
  });
}

/// Whether the plan has the placed service of this code.
inline bool status_service_enabled(const ServicePlan& plan, scenario::Service service) {
  bool enabled = false;
  for_each_status_module([&](auto module, auto) {
    using Module = typename decltype(module)::type;
    if (static_cast<int>(service) == kServiceCodeOf<Module>) enabled = plan.status_of<Module>().enabled;
  });
  return enabled;
}

/// The end of a placed service whose weeks ran out, as its `complete` hook sees it.
struct StatusEnd {
  population::People& people;
  std::size_t i;
  int week;
  ServiceDraws& draws;
  const ServicePlan& plan;
  ServiceTotals& totals;
  ChunkRequests& requests;

  /// Goes on to the queue of another placed service, where the person's plan has it.
  void queue_for(scenario::Service service) {
    if (!status_service_enabled(plan, service)) return;
    people.waiting_for[i] = static_cast<std::uint8_t>(static_cast<int>(service) + 1);
    people.waiting_since[i] = static_cast<std::uint16_t>(week);
    totals.referrals[static_cast<int>(service)] += 1;
    requests.referrals.push_back({static_cast<std::uint32_t>(i), service});
  }
};

/// Where a person whose weeks in `status` ran out goes (`next` when no placed service holds it).
inline Status complete_status(const ServicePlan& plan, Status status, Status next, StatusEnd& end) {
  for_each_status_module([&](auto module, auto) {
    using Module = typename decltype(module)::type;
    if (status == Module::kStatus) next = Module::complete(plan.status_of<Module>(), end);
  });
  return next;
}

/// A person ends the week in `status`: counted where its module counts its holders.
inline void count_status_held(Status status, ServiceTotals& totals, const population::People& p, std::size_t i) {
  for_each_status_module([&](auto module, auto) {
    using Module = typename decltype(module)::type;
    if constexpr (kCountsHeld<Module>)
      if (status == Module::kStatus) Module::count_held(totals, p, i);
  });
}

/// A week that ends out of work (unemployed), by the rules of the person's organiser's plan.
inline void out_of_work_week(const ServicePlan& plan, population::People& p, std::size_t i) {
  for_each_status_module([&](auto module, auto) {
    using Module = typename decltype(module)::type;
    if constexpr (kHasOutOfWorkWeek<Module>) Module::out_of_work_week(plan.status_of<Module>(), p, i);
  });
}

}  // namespace kokeilu::services
