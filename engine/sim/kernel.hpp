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
#include <vector>

#include "benefits/rules.hpp"
#include "core/vocabulary.hpp"
#include "market/matching.hpp"
#include "population/people.hpp"
#include "random/distributions.hpp"
#include "random/philox.hpp"
#include "scenario/spec.hpp"
#include "sim/hazard_tables.hpp"

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
  std::vector<std::uint8_t> market_of_municipality;
  std::vector<double> vacancies;          // per market, this week
  std::vector<double> rate_per_effort;    // per market: M / S, set by clear_markets()
};

/// Clears every market from its total search effort (fixed-point units, market::effort_to_units)
/// and sets ctx.rate_per_effort. Both steppers call this one function between their phases.
void clear_markets(const scenario::ScenarioSpec& spec, const std::vector<std::int64_t>& effort_units,
                   WeekContext& ctx);

/// One municipality's totals for part of a week (a chunk of persons, or all of them).
struct MunicipalityTotals {
  std::array<std::int64_t, kStatusCount> status_counts{};
  std::int64_t long_term_unemployed = 0;
  std::array<std::int64_t, kBenefitCount> benefit_days{};
  Cents copayment = 0;
  std::array<Cents, kPayerCount> cost{};
  std::array<std::int64_t, scenario::kDurationBracketCount> unemployed_at_risk{};
  std::array<std::int64_t, scenario::kDurationBracketCount> found_job{};

  void add(const MunicipalityTotals& other);
};

inline constexpr int kLongTermUnemploymentWeeks = 52;  // 12 months without a break (DOMAIN.md)

/// Rates from the precomputed tables (the fast path).
struct TableRates {
  const HazardTables* tables;
  double operator()(Route route, const population::People& p, std::size_t i, int age_years,
                    int bracket) const {
    return tables->rate(route, covariate_cell(age_group(age_years), p.female[i], p.education[i],
                                              p.foreign_language[i], p.barrier[i]),
                        bracket);
  }
};

/// Rates evaluated from the spec per person (the reference path).
struct DirectRates {
  const scenario::BehaviourSpec* behaviour;
  double operator()(Route route, const population::People& p, std::size_t i, int age_years,
                    int bracket) const {
    return weekly_rate(hazard_of(*behaviour, route),
                       covariate_values(age_group(age_years), p.female[i], p.education[i],
                                        p.foreign_language[i], p.barrier[i]),
                       bracket);
  }
};

/// Search effort of person i if unemployed at the start of the week, in fixed-point units
/// (market::effort_to_units), else 0. Its sum over an area is the S of the matching function.
template <class Rates>
std::int64_t search_effort_units(const Rates& rates, const population::People& p, std::size_t i,
                                 const WeekContext& ctx) {
  if (p.status[i] != static_cast<std::uint8_t>(Status::unemployed)) return 0;
  const int age = ctx.year - p.birth_year[i];
  if (age >= ctx.retirement_age_years) return 0;
  const double effort = rates(Route::search_effort, p, i, age, duration_bracket(p.spell_weeks[i])) *
                        static_cast<double>(p.employability[i]);
  return market::effort_to_units(effort);
}

/// Advances person i by one week, adds to `totals`, returns the end-of-week status.
template <class Rates>
std::uint8_t advance_person(const Rates& rates, population::People& p, std::size_t i,
                            const WeekContext& ctx, MunicipalityTotals& totals) {
  const auto status = static_cast<Status>(p.status[i]);
  const int age = ctx.year - p.birth_year[i];
  const int spell = p.spell_weeks[i];
  const int bracket = duration_bracket(spell);
  Status next = status;

  if (age >= ctx.retirement_age_years) {
    next = Status::inactive;  // retired for good: no draws, no benefits
  } else {
    // ---- the week, spent in `status` ----
    if (status == Status::unemployed) {
      benefits::BenefitState state{p.benefit[i], p.earnings_related_days[i], p.subsidy_days[i],
                                   p.work_weeks_since_claim[i]};
      const auto paid = benefits::pay_unemployed_week(state, age, p.work_history_weeks[i], ctx.rules);
      p.benefit[i] = state.benefit;
      p.earnings_related_days[i] = state.earnings_related_days;
      p.subsidy_days[i] = state.subsidy_days;
      for (int b = 0; b < kBenefitCount; ++b) totals.benefit_days[b] += paid.days[b];
      for (int k = 0; k < kPayerCount; ++k) totals.cost[k] += paid.cost[k];
      totals.copayment += paid.copayment;
      totals.unemployed_at_risk[bracket] += 1;
    } else if (status == Status::employed || status == Status::subsidised_job) {
      p.work_weeks_since_claim[i] = population::saturating_add(p.work_weeks_since_claim[i], 1);
      p.work_history_weeks[i] = population::saturating_add(p.work_history_weeks[i], 1);
    }

    // ---- transitions at the week's end: competing routes ----
    std::array<double, 2> route_rate{0.0, 0.0};
    std::array<Status, 2> route_to{status, status};
    switch (status) {
      case Status::employed:
        route_rate = {rates(Route::separation, p, i, age, bracket),
                      rates(Route::employed_to_inactive, p, i, age, bracket)};
        route_to = {Status::unemployed, Status::inactive};
        break;
      case Status::unemployed: {
        double job_rate;
        if (ctx.matching_enabled) {
          const double effort = market::units_to_effort(search_effort_units(rates, p, i, ctx));
          job_rate = ctx.rate_per_effort[ctx.market_of_municipality[p.municipality[i]]] * effort;
        } else {
          job_rate = rates(Route::search_effort, p, i, age, bracket) * static_cast<double>(p.employability[i]);
        }
        route_rate = {job_rate, rates(Route::unemployed_to_inactive, p, i, age, bracket)};
        route_to = {Status::employed, Status::inactive};
        break;
      }
      case Status::inactive:
        route_rate = {rates(Route::inactive_to_unemployed, p, i, age, bracket),
                      rates(Route::inactive_to_employed, p, i, age, bracket)};
        route_to = {Status::unemployed, Status::employed};
        break;
      default:
        break;  // services and subsidised jobs: their modules move people (issue 3)
    }
    const double total_rate = route_rate[0] + route_rate[1];
    if (total_rate > 0.0) {
      const auto draw = random::philox_block(ctx.seed, static_cast<std::uint32_t>(i),
                                             static_cast<std::uint32_t>(ctx.week),
                                             random::Purpose::transition, ctx.stream);
      const double leave_probability = -std::expm1(-total_rate);
      if (random::uniform01(draw[0]) < leave_probability)
        next = random::uniform01(draw[1]) * total_rate < route_rate[0] ? route_to[0] : route_to[1];
    }
    if (status == Status::unemployed && next == Status::employed) totals.found_job[bracket] += 1;
  }

  // ---- end of the week ----
  if (next != status) {
    p.status[i] = static_cast<std::uint8_t>(next);
    p.spell_weeks[i] = 0;
    if (next == Status::unemployed) {
      benefits::BenefitState state{p.benefit[i], p.earnings_related_days[i], p.subsidy_days[i],
                                   p.work_weeks_since_claim[i]};
      benefits::start_claim(state, p.fund_member[i], age, p.work_history_weeks[i], ctx.rules);
      p.benefit[i] = state.benefit;
      p.earnings_related_days[i] = state.earnings_related_days;
      p.subsidy_days[i] = state.subsidy_days;
      p.work_weeks_since_claim[i] = state.work_weeks_since_claim;
    }
  } else {
    p.spell_weeks[i] = population::saturating_add(p.spell_weeks[i], 1);
  }
  totals.status_counts[static_cast<int>(next)] += 1;
  if (next == Status::unemployed && p.spell_weeks[i] >= kLongTermUnemploymentWeeks)
    totals.long_term_unemployed += 1;
  return static_cast<std::uint8_t>(next);
}

}  // namespace kokeilu::sim
