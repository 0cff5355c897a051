#pragma once
// The shipped scenarios scaled for benchmarks: every municipality resized in proportion so that
// the region holds `persons` (its yearly entrants too), every market's vacancies with it (so the
// market is as tight as the real one at any size), and the run cut to `weeks` weeks from its
// start.
#include <chrono>
#include <cstdint>

#include "scenario/spec.hpp"

namespace kokeilu::bench {

inline void scale_scenario(scenario::ScenarioSpec& spec, std::int64_t persons, int weeks) {
  const double scale = static_cast<double>(persons) / static_cast<double>(spec.total_persons());
  std::int64_t assigned = 0;
  auto scaled = [scale](std::int64_t n) { return static_cast<std::int64_t>(static_cast<double>(n) * scale); };
  for (auto& m : spec.municipalities) {
    m.working_age_persons = scaled(m.working_age_persons);
    m.entrants_per_year = scaled(m.entrants_per_year);
    for (auto& [year, entrants] : m.entrants_by_year) entrants = scaled(entrants);
    assigned += m.working_age_persons;
  }
  spec.municipalities.front().working_age_persons += persons - assigned;
  for (auto& market : spec.markets)
    for (auto& point : market.vacancies) point.vacancies *= scale;
  spec.run.end = Date{std::chrono::sys_days{spec.run.start} + std::chrono::days{7 * weeks - 1}};
}

}  // namespace kokeilu::bench
