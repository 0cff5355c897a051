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

template <class Rates>
std::int64_t effort_units_of(const Rates& rates, const population::People& p, std::size_t i,
                             const typename Rates::Key& key, int bracket) {
  return market::effort_to_units(rates.rate(Route::search_effort, key, bracket) *
                                 static_cast<double>(p.employability[i]));
}

/// Search effort of person i if unemployed at the start of the week, in fixed-point units
/// (market::effort_to_units), else 0. Its sum over an area is the S of the matching function.
template <class Rates>
std::int64_t search_effort_units(const Rates& rates, const population::People& p, std::size_t i,
                                 const WeekContext& ctx) {
  if (p.status[i] != static_cast<std::uint8_t>(Status::unemployed)) return 0;
  const int age = ctx.year - p.birth_year[i];
  if (age >= ctx.retirement_age_years) return 0;
  return effort_units_of(rates, p, i, rates.key(p, i, age), duration_bracket(p.spell_weeks[i]));
}

/// Pays the week's benefit of an unemployed person and adds it to the totals.
void pay_benefits(population::People& p, std::size_t i, int age_years, const benefits::WeekRules& rules,
                  MunicipalityTotals& totals);
/// Opens or continues a claim for a person who has just become unemployed.
void start_claim(population::People& p, std::size_t i, int age_years, const benefits::WeekRules& rules);

/// The words of the weekly transition draws: one per person (random::PersonWords).
inline random::PersonWords transition_words(const WeekContext& ctx) {
  return random::PersonWords(ctx.seed, static_cast<std::uint32_t>(ctx.week), random::Purpose::transition, ctx.stream);
}

/// Advances person i by one week, adds to `totals`, returns the end-of-week status.
/// One uniform u decides: the person leaves if u < P(leave), and then takes the first route if
/// u / P(leave) < its share (given u < P, u / P is again uniform on (0, 1)).
template <class Rates>
std::uint8_t advance_person(const Rates& rates, population::People& p, std::size_t i,
                            const WeekContext& ctx, random::PersonWords& words, MunicipalityTotals& totals) {
  const auto status = static_cast<Status>(p.status[i]);
  const int age = ctx.year - p.birth_year[i];
  const int bracket = duration_bracket(p.spell_weeks[i]);
  Status next = status;

  if (age >= ctx.retirement_age_years) {
    next = Status::inactive;  // retired for good: no draws, no benefits
  } else {
    const auto key = rates.key(p, i, age);
    // ---- the week, spent in `status` ----
    if (status == Status::unemployed) {
      pay_benefits(p, i, age, ctx.rules, totals);
      totals.unemployed_at_risk[bracket] += 1;
    } else if (status == Status::employed || status == Status::subsidised_job) {
      p.work_weeks_since_claim[i] = population::saturating_add(p.work_weeks_since_claim[i], 1);
      p.work_history_weeks[i] = population::saturating_add(p.work_history_weeks[i], 1);
    }

    // ---- transitions at the week's end: two competing routes ----
    Departure leaving;
    std::array<Status, 2> route_to{status, status};
    switch (status) {
      case Status::employed:
        leaving = rates.tabulated(TabulatedExit::employed, key, bracket);
        route_to = {Status::unemployed, Status::inactive};
        break;
      case Status::unemployed: {
        const double job_rate =
            ctx.matching_enabled
                ? ctx.rate_per_effort[ctx.market_of_municipality[p.municipality[i]]] *
                      market::units_to_effort(effort_units_of(rates, p, i, key, bracket))
                : rates.rate(Route::search_effort, key, bracket) * static_cast<double>(p.employability[i]);
        leaving = departure(job_rate, rates.rate(Route::unemployed_to_inactive, key, bracket));
        route_to = {Status::employed, Status::inactive};
        break;
      }
      case Status::inactive:
        leaving = rates.tabulated(TabulatedExit::inactive, key, bracket);
        route_to = {Status::unemployed, Status::employed};
        break;
      default:
        break;  // services and subsidised jobs: their modules move people (issue 3)
    }
    if (leaving.leave_probability > 0.0) {
      const double u = random::uniform01(words(static_cast<std::uint32_t>(i)));
      if (u < leaving.leave_probability)
        next = u / leaving.leave_probability < leaving.first_route_share ? route_to[0] : route_to[1];
    }
    if (status == Status::unemployed && next == Status::employed) totals.found_job[bracket] += 1;
  }

  // ---- end of the week ----
  if (next != status) {
    p.status[i] = static_cast<std::uint8_t>(next);
    p.spell_weeks[i] = 0;
    if (next == Status::unemployed) start_claim(p, i, age, ctx.rules);
  } else {
    p.spell_weeks[i] = population::saturating_add(p.spell_weeks[i], 1);
  }
  totals.status_counts[static_cast<int>(next)] += 1;
  if (next == Status::unemployed && p.spell_weeks[i] >= kLongTermUnemploymentWeeks)
    totals.long_term_unemployed += 1;
  return static_cast<std::uint8_t>(next);
}

}  // namespace kokeilu::sim
