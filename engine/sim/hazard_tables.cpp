#include "sim/hazard_tables.hpp"

#include <algorithm>
#include <cmath>

namespace kokeilu::sim {

using scenario::Covariate;

const scenario::HazardSpec& hazard_of(const scenario::BehaviourSpec& behaviour, Route route) {
  switch (route) {
    case Route::search_effort: return behaviour.search_effort;
    case Route::separation: return behaviour.separation;
    case Route::employed_to_inactive: return behaviour.employed_to_inactive;
    case Route::unemployed_to_inactive: return behaviour.unemployed_to_inactive;
    case Route::inactive_to_unemployed: return behaviour.inactive_to_unemployed;
    case Route::inactive_to_employed: return behaviour.inactive_to_employed;
  }
  return behaviour.search_effort;  // unreachable: every enumerator is handled above
}

CovariateValues covariate_values(int group, bool female, int education, bool foreign_language,
                                 bool barrier) {
  CovariateValues x{};
  auto set = [&x](Covariate c, bool on) { x[static_cast<int>(c)] = on ? 1.0 : 0.0; };
  set(Covariate::age_under_25, group == 0);
  set(Covariate::age_25_29, group == 1);
  set(Covariate::age_50_54, group == 3);
  set(Covariate::age_55_plus, group == 4);
  set(Covariate::female, female);
  set(Covariate::vocational, education == static_cast<int>(Education::vocational));
  set(Covariate::tertiary, education == static_cast<int>(Education::tertiary));
  set(Covariate::foreign_language, foreign_language);
  set(Covariate::barrier, barrier);
  return x;
}

const std::array<std::uint8_t, scenario::kDurationBracketStartWeeks.back() + 1> kBracketOfWeek = [] {
  std::array<std::uint8_t, scenario::kDurationBracketStartWeeks.back() + 1> table{};
  for (int w = 0; w < static_cast<int>(table.size()); ++w) {
    int b = 0;
    while (b + 1 < scenario::kDurationBracketCount && w >= scenario::kDurationBracketStartWeeks[b + 1]) ++b;
    table[w] = static_cast<std::uint8_t>(b);
  }
  return table;
}();

double weekly_rate(const scenario::HazardSpec& hazard, const CovariateValues& x, int bracket) {
  double eta = hazard.intercept;
  for (int k = 0; k < scenario::kCovariateCount; ++k) eta += hazard.covariates[k] * x[k];
  eta += hazard.duration[bracket];
  return std::exp(eta);
}

HazardTables::HazardTables(const scenario::BehaviourSpec& behaviour)
    : rates_(static_cast<std::size_t>(kRouteCount) * kCellCount * scenario::kDurationBracketCount) {
  for (int route = 0; route < kRouteCount; ++route) {
    const auto& hazard = hazard_of(behaviour, static_cast<Route>(route));
    for (int group = 0; group < kAgeGroupCount; ++group)
      for (int female = 0; female < 2; ++female)
        for (int education = 0; education < 3; ++education)
          for (int foreign = 0; foreign < 2; ++foreign)
            for (int barrier = 0; barrier < 2; ++barrier) {
              const auto x = covariate_values(group, female, education, foreign, barrier);
              const int cell = covariate_cell(group, female, education, foreign, barrier);
              for (int b = 0; b < scenario::kDurationBracketCount; ++b)
                rates_[(static_cast<std::size_t>(route) * kCellCount + cell) *
                           scenario::kDurationBracketCount + b] = weekly_rate(hazard, x, b);
            }
  }
  departures_.resize(2 * static_cast<std::size_t>(kCellCount) * scenario::kDurationBracketCount);
  for (int exit = 0; exit < 2; ++exit)
    for (int cell = 0; cell < kCellCount; ++cell)
      for (int b = 0; b < scenario::kDurationBracketCount; ++b)
        departures_[exit_cell_bracket(static_cast<TabulatedExit>(exit), cell, b)] =
            departure(rate(kTabulatedRoutes[exit][0], cell, b), rate(kTabulatedRoutes[exit][1], cell, b));
  for (const auto& d : departures_) leave_words_.push_back(words_below(d.leave_probability));
}

}  // namespace kokeilu::sim
