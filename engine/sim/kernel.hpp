#pragma once
// One person's week: the model's logic, shared by the parallel stepper and the serial
// reference stepper (which differ in how they evaluate rates and in orchestration).
//
// Order within a week: the person spends the week in the status held at its start (benefits
// paid, work counted), then transitions happen at the week's end (competing risks: with total
// rate L the person leaves with probability 1 - exp(-L), to route k with probability r_k / L),
// and the end-of-week status is recorded.
#include <array>
#include <cmath>
#include <cstdint>
#include <span>
#include <vector>

#include "benefits/rules.hpp"
#include "core/vocabulary.hpp"
#include "market/matching.hpp"
#include "population/people.hpp"
#include "random/distributions.hpp"
#include "random/philox.hpp"
#include "scenario/spec.hpp"
#include "services/referral.hpp"
#include "services/registry.hpp"
#include "services/module_hooks.hpp"
#include "services/service_client.hpp"
#include "services/service_week.hpp"
#include "sim/exit_draw.hpp"
#include "sim/hazard_tables.hpp"
#include "sim/quiet_batch.hpp"

namespace kokeilu::sim {

/// Everything a person's week reads besides the person: fixed for the week.
struct WeekContext {
  int week = 0;
  int year = 0;                           // calendar year of the week's first day
  std::uint64_t seed = 0;
  std::uint32_t stream = 0;               // replication
  bool matching_enabled = true;
  int retirement_age_years = 65;
  benefits::WeekRules rules;
  std::vector<MarketIndex> market_of_municipality;
  services::ServiceWeek services;         // the design in force
  /// [municipality]: the share by which the municipality raises its rehabilitative-work places and
  /// referrals this week (policy/municipality_response.hpp); empty when no design in force lets it
  /// respond. services.rehabilitative_added_share points into it.
  std::vector<double> rehabilitative_added_share;
  std::vector<double> vacancies;          // per market, this week
  std::vector<double> rate_per_effort;    // per market: M / S, set by clear_markets()
  /// [person]: the search effort of each jobseeker (search_effort_units) as the market's phase
  /// summed it, which advance_person reuses; empty: advance_person computes it (the reference).
  std::vector<std::int64_t> effort_units;
};

/// Clears every market from its total search effort (fixed-point units, market::effort_to_units)
/// and sets ctx.rate_per_effort. Both steppers call this one function between their phases.
void clear_markets(const scenario::ScenarioSpec& spec, const std::vector<std::int64_t>& effort_units,
                   WeekContext& ctx);

#define KOKEILU_STEP_FIELD_step(name, extent) KOKEILU_COUNTER_FIELD(name, extent)
#define KOKEILU_STEP_FIELD_services(name, extent)
#define KOKEILU_STEP_FIELD(group, name, extent, axis, unit, scope, meaning) KOKEILU_STEP_FIELD_##group(name, extent)

/// One municipality's counters for part of a week (a chunk of persons, or all of them): the
/// step's own and the services' (services::kWeekCounters declares them all).
struct MunicipalityTotals {
  KOKEILU_WEEK_COUNTERS(KOKEILU_STEP_FIELD)
  services::ServiceTotals services;

  /// Every counter, in services::kWeekCounters order.
  std::array<std::span<std::int64_t>, services::kWeekCounterCount> counters();
  std::array<std::span<const std::int64_t>, services::kWeekCounterCount> counters() const;
  void add(const MunicipalityTotals& other);
};

#undef KOKEILU_STEP_FIELD
#undef KOKEILU_STEP_FIELD_services
#undef KOKEILU_STEP_FIELD_step

inline constexpr int kLongTermUnemploymentWeeks = 52;  // 12 months without a break (DOMAIN.md)

/// Rates from the precomputed tables (the fast path). A person's key is their covariate cell.
struct TableRates {
  const HazardTables* tables;
  using Key = int;
  Key key(const population::People& p, std::size_t i, int age_years) const {
    return covariate_cell(age_group(age_years), p.female[i], p.education[i], p.foreign_language[i], p.barrier[i]);
  }
  double rate(Route route, Key cell, int bracket) const { return tables->rate(route, cell, bracket); }
  const Departure& tabulated(TabulatedExit exit, Key cell, int bracket) const {
    return tables->departure_of(exit, cell, bracket);
  }
};

/// Rates evaluated from the spec per person (the reference path): the same formulas as the
/// tables, so the same bits, without the tables' indexing.
struct DirectRates {
  const scenario::BehaviourSpec* behaviour;
  using Key = CovariateValues;
  Key key(const population::People& p, std::size_t i, int age_years) const {
    return covariate_values(age_group(age_years), p.female[i], p.education[i], p.foreign_language[i], p.barrier[i]);
  }
  double rate(Route route, const Key& x, int bracket) const {
    return weekly_rate(hazard_of(*behaviour, route), x, bracket);
  }
  Departure tabulated(TabulatedExit exit, const Key& x, int bracket) const {
    const auto& routes = kTabulatedRoutes[static_cast<int>(exit)];
    return departure(rate(routes[0], x, bracket), rate(routes[1], x, bracket));
  }
};

/// Search effort of person i in fixed-point units (market::effort_to_units): the unemployed
/// search fully, trainees at the lock-in share; coaching raises it; others do not search.
/// Its sum over an area is the S of the matching function. Evaluated on the state at the
/// week's start, identically in both phases of the step.
template <class Rates>
std::int64_t effort_units_of(const Rates& rates, const population::People& p, std::size_t i,
                             const typename Rates::Key& key, int bracket, const WeekContext& ctx) {
  const auto& plan = ctx.services.plan_of(p, i);
  double effort = rates.rate(Route::search_effort, key, bracket) * static_cast<double>(p.employability[i]) *
                  services::relation_effort_multiplier(plan, p, i);
  effort = services::status_search_effort(plan, static_cast<Status>(p.status[i]), effort);  // training's lock-in
  if (plan.any_effort_module) effort *= services::module_effort_multiplier(plan, p, i, ctx.week);
  return market::effort_to_units(effort);
}

/// The unemployed search for jobs, and those in a placed service that searches (training's lock-in).
constexpr bool searches_for_jobs(Status status) {
  return status == Status::unemployed || services::searches_in_status(status);
}

template <class Rates>
std::int64_t search_effort_units(const Rates& rates, const population::People& p, std::size_t i,
                                 const WeekContext& ctx) {
  if (!searches_for_jobs(static_cast<Status>(p.status[i]))) return 0;
  const int age = ctx.year - p.birth_year[i];
  if (age >= ctx.retirement_age_years) return 0;
  return effort_units_of(rates, p, i, rates.key(p, i, age), duration_bracket(p.jobless_weeks[i]), ctx);
}

/// Pays the week's benefit of an unemployed person and adds it to the totals.
void pay_benefits(population::People& p, std::size_t i, int age_years, const benefits::WeekRules& rules,
                  MunicipalityTotals& totals);
/// Opens or continues a claim for a person who has just become unemployed.
void start_claim(population::People& p, std::size_t i, int age_years, const benefits::WeekRules& rules);

/// The words of the weekly transition draws: one per person, every person in order
/// (random::DensePersonWords: the words of random::PersonWords, 32 persons at a time).
inline random::DensePersonWords transition_words(const WeekContext& ctx) {
  return random::DensePersonWords(ctx.seed, static_cast<std::uint32_t>(ctx.week), random::Purpose::transition,
                                  ctx.stream);
}

/// The employed and the inactive have no client relation, coach or queue place (the relation
/// ends when they leave unemployment and services): their week is the short path.
inline bool out_of_services(Status status) { return status == Status::employed || status == Status::inactive; }

/// The quiet week of most persons: employed or inactive, in the population, not a client, and
/// no transition at the week's end; and the week of a person outside the population who stays
/// outside (not yet 15, or retired). Does exactly what advance_person() does for such a person
/// (the same draw: the transition word depends only on the person and the week), without the
/// services and the end-of-week branches. batch() leaves anyone else unchanged and marks them:
/// the caller then runs advance_person(). A cheap filter that keeps most person-weeks (about
/// 82 % quiet and 6 % outside at 10^6 persons) out of the general code (law 3 is tested against
/// ctx.services.full_path, which bypasses it).
///
/// A whole Philox batch (32 persons) goes through quiet_batch_avx2 where the CPU has AVX2
/// (sim/quiet_batch.hpp); a part batch (at a chunk's ends), or any batch on another CPU, through
/// the scalar loop here, which makes the same decisions (tests/unit/sim/test_quiet_batch.cpp).
/// The counts are kept here and added once (add_to).
class QuietWeeks {
 public:
  QuietWeeks(const HazardTables& tables, population::People& p, const WeekContext& ctx)
      : in_{p.status.data(),
            p.client_flags.data(),
            p.birth_year.data(),
            p.female.data(),
            p.education.data(),
            p.foreign_language.data(),
            p.barrier.data(),
            p.spell_weeks.data(),
            p.work_weeks_since_claim.data(),
            p.work_history_weeks.data(),
            tables.leave_words(),
            ctx.year,
            ctx.retirement_age_years,
            group_of_age_.data()},
        enabled_(!ctx.services.full_path), vectorise_(quiet_batch_vectorised()),
        group_of_age_(quiet_age_groups(ctx.retirement_age_years)) {}

  QuietWeeks(const QuietWeeks&) = delete;  // in_ points into group_of_age_
  QuietWeeks& operator=(const QuietWeeks&) = delete;

  /// The persons first .. last - 1 of one Philox batch of `words` (first / 32 == (last - 1) / 32):
  /// each person's quiet week, or staying outside, if it has one. Returns a mask: bit j set when
  /// person first + j is loud: unchanged but for status_out[first + j], which the caller then
  /// sets from advance_person().
  std::uint32_t batch(std::size_t first, std::size_t last, random::DensePersonWords& words, std::uint8_t* status_out) {
    const auto all = static_cast<std::uint32_t>((std::uint64_t{1} << (last - first)) - 1);
    if (!enabled_ || first == last) return all;
    const std::uint32_t* word = words.batch_of(static_cast<std::uint32_t>(first));
    if (vectorise_ && last - first == kQuietLanesBatch) return quiet_batch_avx2(in_, first, word, status_out, counts_);
    return quiet_batch_scalar(in_, first, last, word + first % kQuietLanesBatch, status_out, counts_);
  }

  /// Adds the quiet weeks counted so far to `totals`.
  void add_to(MunicipalityTotals& totals) const {
    totals.status_counts[kEmployed] += counts_.employed;
    totals.status_counts[kInactive] += counts_.inactive;
    totals.services.ever_pilot_clients[kEmployed] += counts_.employed_ever_pilot_clients;
    totals.services.ever_pilot_clients[kInactive] += counts_.inactive_ever_pilot_clients;
  }

 private:
  static constexpr auto kEmployed = static_cast<std::uint8_t>(Status::employed);
  static constexpr auto kInactive = static_cast<std::uint8_t>(Status::inactive);
  QuietBatchInput in_;
  bool enabled_;
  bool vectorise_;
  QuietAgeGroups group_of_age_;  // QuietBatchInput::group_of_age
  QuietCounts counts_;
};

/// Advances person i by one week, adds to `totals`, returns the end-of-week status (or
/// kOutsidePopulation). One uniform u decides the status transition: the person leaves if
/// u < P(leave), and then takes the first route if u / P(leave) < its share (given u < P,
/// u / P is again uniform): exit_by_departure, or exit_by_rates where P is not tabulated.
/// Service events draw from their own purposes (services::ServiceDraws).
///
/// One model for every person (law 3): the short path of the employed and the inactive skips
/// only what cannot touch them, and both paths end in the same end-of-week code; a test runs
/// a whole pilot scenario with ctx.services.full_path and compares the bits (test_laws.cpp).
template <class Rates>
std::uint8_t advance_person(const Rates& rates, population::People& p, std::size_t i, const WeekContext& ctx,
                            random::DensePersonWords& words, services::ServiceDraws& draws,
                            services::ChunkRequests& requests, MunicipalityTotals& totals) {
  const int age = ctx.year - p.birth_year[i];
  if (p.status[i] == kOutsidePopulation) {
    if (age < kEntryAgeYears || age >= ctx.retirement_age_years) return kOutsidePopulation;
    // Turns 15 this year: enters out of the labour force (at school).
    p.status[i] = static_cast<std::uint8_t>(Status::inactive);
    p.spell_weeks[i] = 0;
  } else if (age >= ctx.retirement_age_years) {
    services::end_relation(p, i);  // leaves the population at the retirement age
    p.status[i] = kOutsidePopulation;
    return kOutsidePopulation;
  }
  const auto status = static_cast<Status>(p.status[i]);
  const int bracket = duration_bracket(p.spell_weeks[i]);  // of the registered spell: statistics
  const auto key = rates.key(p, i, age);
  // The design that serves this person, once their organiser is known (ctx.services.for_person);
  // the rest of the week's ServiceWeek is ctx.services itself.
  const services::ServicePlan* plan = ctx.services.plan;
  // The week's one transition uniform (the word depends only on the person and the week, so
  // reading it changes nothing else): stays unless u < P(leave).
  const double u = random::uniform01(words(static_cast<std::uint32_t>(i)));
  Status next = status;

  if (out_of_services(status) && !ctx.services.full_path) {
    // The short path of most persons: the week in work or out of the labour force, then its
    // two exits.
    const bool employed = status == Status::employed;
    if (employed) {
      p.work_weeks_since_claim[i] = population::saturating_add(p.work_weeks_since_claim[i], 1);
      p.work_history_weeks[i] = population::saturating_add(p.work_history_weeks[i], 1);
    }
    const auto& leaving = rates.tabulated(employed ? TabulatedExit::employed : TabulatedExit::inactive, key, bracket);
    const Exit exit = exit_by_departure(leaving, u);
    if (exit != Exit::stays) {
      const bool first = exit == Exit::first_route;
      next = employed ? (first ? Status::unemployed : Status::inactive) : (first ? Status::unemployed : Status::employed);
    }
  } else {
    // Job-finding rate from the state at the week's start (as in the market's phase).
    double job_rate = 0;
    if (searches_for_jobs(status)) {
      // Duration dependence reads the jobseeker's episode, which a service pauses, not restarts.
      const double effort = market::units_to_effort(
          ctx.effort_units.empty() ? effort_units_of(rates, p, i, key, duration_bracket(p.jobless_weeks[i]), ctx)
                                   : ctx.effort_units[i]);
      job_rate = ctx.matching_enabled ? ctx.rate_per_effort[ctx.market_of_municipality[p.municipality[i]]] * effort
                                      : effort;
    }
    if (services::update_client(p, i, age, ctx.services)) totals.services.pilot_entries += 1;
    plan = &ctx.services.plan_of(p, i);
    services::module_relation_week(*plan, p, i, totals.cost, totals.services);

    // ---- the week, spent in `status` ----
    switch (status) {
      case Status::unemployed:
        pay_benefits(p, i, age, ctx.rules, totals);
        totals.unemployed_at_risk[bracket] += 1;
        totals.unemployed_spell_weeks += p.spell_weeks[i];
        services::module_unemployed_week(*plan, p, i, ctx.services.week, draws, totals.cost, totals.services);
        break;
      case Status::employed:
        p.work_weeks_since_claim[i] = population::saturating_add(p.work_weeks_since_claim[i], 1);
        p.work_history_weeks[i] = population::saturating_add(p.work_history_weeks[i], 1);
        break;
      case Status::inactive:
        break;
      default: {  // a placed service's status: its module's week (services::status_week)
        services::StatusWeek week{p, i, age, ctx.rules, plan->supplement_per_day, draws};
        services::status_week(*plan, status, week);
        for (int b = 0; b < kBenefitCount; ++b) totals.benefit_days[b] += week.paid.days[b];
        for (int k = 0; k < kPayerCount; ++k) totals.cost[k] += week.paid.cost[k];
        break;
      }
    }

    // ---- transitions at the week's end: two competing routes ----
    Exit exit = Exit::stays;
    std::array<Status, 2> route_to{status, status};
    switch (status) {
      case Status::employed: {
        const auto& leaving = rates.tabulated(TabulatedExit::employed, key, bracket);
        exit = exit_by_departure(leaving, u);
        route_to = {Status::unemployed, Status::inactive};
        break;
      }
      case Status::unemployed: {
        const double to_inactive =
            rates.rate(Route::unemployed_to_inactive, key, duration_bracket(p.jobless_weeks[i]));
        exit = exit_by_rates(job_rate, to_inactive, u);
        route_to = {Status::employed, Status::inactive};
        break;
      }
      case Status::inactive: {
        const auto& leaving = rates.tabulated(TabulatedExit::inactive, key, bracket);
        exit = exit_by_departure(leaving, u);
        route_to = {Status::unemployed, Status::employed};
        break;
      }
      default: {  // a placed service's status: its module's exits (training's lock-in: job finding)
        const auto exits = services::status_exits(*plan, status, job_rate);
        exit = exit_by_rates(exits.first_rate, exits.second_rate, u);
        route_to = {exits.first, exits.second};
        break;
      }
    }
    const bool left = exit != Exit::stays;
    if (left) next = exit == Exit::first_route ? route_to[0] : route_to[1];
    if (services::in_placed_service(status)) {
      if (left) services::count_left_early(status, totals.services);
      // Services end when their weeks run out.
      if (!left && p.service_weeks_left[i] == 0) {
        services::StatusEnd end{p, i, ctx.services.week, draws, *plan, totals.services, requests};
        next = services::complete_status(*plan, status, next, end);
      }
    }
    if (status == Status::unemployed && next == Status::employed) totals.found_job[bracket] += 1;
    if (next == Status::unemployed && status == Status::unemployed) {
      services::ServiceWeek seen = ctx.services;
      seen.plan = plan;
      services::refer(p, i, seen, draws, totals.services, requests);
    }
  }

  // ---- end of the week: the same for both paths ----
  if (next != status) {
    p.status[i] = static_cast<std::uint8_t>(next);
    p.spell_weeks[i] = 0;
    p.jobless_weeks[i] = population::in_jobseeker_episode(status) && population::in_jobseeker_episode(next)
                             ? population::saturating_add(p.jobless_weeks[i], status == Status::unemployed ? 1 : 0)
                             : 0;
    if (next == Status::unemployed) start_claim(p, i, age, ctx.rules);
    else p.waiting_for[i] = 0;  // queues are for the unemployed
    if (out_of_services(next)) services::end_relation(p, i);  // the client relation ends with the spell
  } else {
    p.spell_weeks[i] = population::saturating_add(p.spell_weeks[i], 1);
    if (status == Status::unemployed) p.jobless_weeks[i] = population::saturating_add(p.jobless_weeks[i], 1);
  }
  if (next == Status::unemployed) services::out_of_work_week(*plan, p, i);  // training's gain fades

  const auto next_code = static_cast<std::uint8_t>(next);
  totals.status_counts[next_code] += 1;
  services::count_status_held(next, totals.services, p, i);  // pay subsidy's by sector
  if (next == Status::unemployed && p.spell_weeks[i] >= kLongTermUnemploymentWeeks) totals.long_term_unemployed += 1;
  if (p.client_flags[i] == 0) return next_code;  // neither a client nor ever the pilot's: nothing more to count
  const bool client = services::has_flag(p, i, population::kClient);
  if (services::has_flag(p, i, population::kEverPilotClient)) totals.services.ever_pilot_clients[next_code] += 1;
  if (!client) return next_code;
  totals.services.clients += 1;
  totals.services.active_clients += 1;  // a client is unemployed or in a service
  if (ctx.services.serves_in_pilot(p, i)) totals.services.pilot_active_clients += 1;
  if (services::count_places_and_candidacy(*plan, p, i, totals.services))
    requests.candidates.push_back(static_cast<std::uint32_t>(i));
  return next_code;
}

}  // namespace kokeilu::sim
