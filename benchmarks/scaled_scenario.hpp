#pragma once
// The shipped scenarios scaled for benchmarks: every municipality resized in proportion so that
// the region holds `persons`, and the run cut to `weeks` weeks from its start.
#include <chrono>
#include <cstdint>

#include "scenario/spec.hpp"

namespace kokeilu::bench {

inline void scale_scenario(scenario::ScenarioSpec& spec, std::int64_t persons, int weeks) {
  const double scale = static_cast<double>(persons) / static_cast<double>(spec.total_persons());
  std::int64_t assigned = 0;
  for (auto& m : spec.municipalities) {
    m.working_age_persons = static_cast<std::int64_t>(static_cast<double>(m.working_age_persons) * scale);
    assigned += m.working_age_persons;
  }
  spec.municipalities.front().working_age_persons += persons - assigned;
  spec.run.end = Date{std::chrono::sys_days{spec.run.start} + std::chrono::days{7 * weeks - 1}};
}

}  // namespace kokeilu::bench
