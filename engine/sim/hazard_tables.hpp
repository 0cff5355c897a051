#pragma once
// Transition rates r = exp(intercept + covariates . x + duration[bracket]) (BehaviourSpec).
// The covariates are all discrete, so the fast stepper evaluates each route once per
// (covariate cell, spell bracket) at set-up and looks rates up in the weekly step: no exp per
// person. The reference stepper evaluates weekly_rate() per person with the same formula and
// summation order, so the two agree bit for bit and the table indexing is checked.
#include <array>
#include <cmath>
#include <cstdint>
#include <vector>

#include "scenario/spec.hpp"

namespace kokeilu::sim {

/// The routes whose rates come from a HazardSpec.
enum class Route : int {
  search_effort = 0,  // unemployed: effort (matching on) or job-finding rate (matching off)
  separation,         // employed -> unemployed
  employed_to_inactive,
  unemployed_to_inactive,
  inactive_to_unemployed,
  inactive_to_employed,
};
inline constexpr int kRouteCount = 6;

const scenario::HazardSpec& hazard_of(const scenario::BehaviourSpec& behaviour, Route route);

/// Age groups of the covariates: under 25, 25-29, 30-49 (reference), 50-54, 55+.
inline constexpr int kAgeGroupCount = 5;
inline int age_group(int age_years) {
  return age_years < 25 ? 0 : age_years < 30 ? 1 : age_years < 50 ? 2 : age_years < 55 ? 3 : 4;
}

/// A person's covariate values x (0/1 indicators in kCovariateNames order).
using CovariateValues = std::array<double, scenario::kCovariateCount>;
CovariateValues covariate_values(int age_group, bool female, int education, bool foreign_language,
                                 bool barrier);

/// Index of a covariate combination in [0, kCellCount).
inline constexpr int kCellCount = kAgeGroupCount * 2 * 3 * 2 * 2;
inline int covariate_cell(int age_group, bool female, int education, bool foreign_language,
                          bool barrier) {
  return (((age_group * 2 + female) * 3 + education) * 2 + foreign_language) * 2 + barrier;
}

/// Bracket by spell week, up to the last bracket's start (longer spells: the last bracket).
extern const std::array<std::uint8_t, scenario::kDurationBracketStartWeeks.back() + 1> kBracketOfWeek;

/// Spell bracket of a spell of `spell_weeks` weeks (scenario::kDurationBracketStartWeeks).
inline int duration_bracket(int spell_weeks) {
  return kBracketOfWeek[spell_weeks < static_cast<int>(kBracketOfWeek.size()) ? spell_weeks
                                                                              : static_cast<int>(kBracketOfWeek.size()) - 1];
}

/// exp(intercept + sum_k covariates[k] * x[k] + duration[bracket]), summed in that order.
double weekly_rate(const scenario::HazardSpec& hazard, const CovariateValues& x, int bracket);

/// Leaving a status by one of two competing routes with rates a and b in a week.
struct Departure {
  double leave_probability = 0;  // 1 - exp(-(a + b))
  double first_route_share = 0;  // a / (a + b): probability that a leaver takes route a
};
/// The one formula for a Departure, used by the tables and at run time alike.
inline Departure departure(double rate_a, double rate_b) {
  const double total = rate_a + rate_b;
  if (!(total > 0.0)) return {};
  return {-std::expm1(-total), rate_a / total};
}

/// The number of 32-bit words w with random::uniform01(w) < probability: the test `u < p` on the
/// word itself, `w < words_below(p)`, the same decision for every word (no rounding anywhere):
/// uniform01(w) = (w + 0.5) * 2^-32 exactly, so u < p <=> w < p * 2^32 - 0.5, and both sides are
/// exact in double (p * 2^32 < 2^32 has an ulp of at most 2^-21; below 0.25 the difference is
/// negative either way); for an integer w, w < y <=> w < ceil(y). At most 2^32 (every word).
inline std::uint64_t words_below(double probability) {
  const double y = std::ldexp(probability, 32) - 0.5;
  return y <= 0.0 ? 0 : static_cast<std::uint64_t>(std::ceil(y));
}

/// Statuses whose two exits depend only on (cell, bracket), so their Departure is tabulated.
enum class TabulatedExit : int { employed = 0, inactive = 1 };
/// The routes of a tabulated exit: (route a, route b).
inline constexpr std::array<std::array<Route, 2>, 2> kTabulatedRoutes{{
    {Route::separation, Route::employed_to_inactive},
    {Route::inactive_to_unemployed, Route::inactive_to_employed}}};

/// weekly_rate for every route, cell and bracket, and the Departure of the tabulated exits.
class HazardTables {
 public:
  explicit HazardTables(const scenario::BehaviourSpec& behaviour);
  double rate(Route route, int cell, int bracket) const {
    return rates_[(static_cast<std::size_t>(route) * kCellCount + cell) *
                      scenario::kDurationBracketCount + bracket];
  }
  const Departure& departure_of(TabulatedExit exit, int cell, int bracket) const {
    return departures_of(exit)[cell_bracket(cell, bracket)];
  }
  /// One exit's Departures, indexed by cell_bracket(cell, bracket).
  const Departure* departures_of(TabulatedExit exit) const {
    return departures_.data() + static_cast<std::size_t>(exit) * kExitStride;
  }
  /// Both exits' words_below(leave_probability), indexed by exit_cell_bracket(exit, cell, bracket):
  /// the quiet week compares the transition word with it (8 bytes a cell and bracket, not a
  /// Departure's 16).
  const std::uint64_t* leave_words() const { return leave_words_.data(); }
  static std::size_t cell_bracket(int cell, int bracket) {
    return static_cast<std::size_t>(cell) * scenario::kDurationBracketCount + static_cast<std::size_t>(bracket);
  }
  static std::size_t exit_cell_bracket(TabulatedExit exit, int cell, int bracket) {
    return static_cast<std::size_t>(exit) * kExitStride + cell_bracket(cell, bracket);
  }
  static constexpr std::size_t kExitStride = static_cast<std::size_t>(kCellCount) * scenario::kDurationBracketCount;

 private:
  std::vector<double> rates_;
  std::vector<Departure> departures_;
  std::vector<std::uint64_t> leave_words_;  // words_below(departures_[k].leave_probability)
};

}  // namespace kokeilu::sim
