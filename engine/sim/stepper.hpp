#pragma once
// Steppers advance every person by one week. The parallel stepper runs the week in phases on
// oneTBB (search effort per chunk -> matching per market -> transitions per chunk); the
// reference stepper is a plain serial loop evaluating rates from the spec per person. Both
// must produce the same bits: all sums across persons are integers (counts, cents, fixed-point
// effort), so neither the thread count nor the order of additions can change a result.
#include <cstdint>
#include <memory>
#include <vector>

#include "population/people.hpp"
#include "scenario/spec.hpp"
#include "sim/admission.hpp"
#include "sim/hazard_tables.hpp"
#include "sim/kernel.hpp"
#include "sim/run_sink.hpp"

namespace kokeilu::sim {

class Stepper {
 public:
  virtual ~Stepper() = default;
  /// Advances everyone one week: transitions, then admissions from `queues`; writes end-of-week
  /// statuses to status_out[0..persons), fills `totals` (reset first), sets ctx.rate_per_effort.
  virtual void step(WeekContext& ctx, population::People& people, ServiceQueues& queues,
                    std::uint8_t* status_out, WeekTotals& totals) = 0;
};

/// @param threads worker threads (>= 1); @param chunk_persons persons per task (fixed: results
/// do not depend on it, speed does).
std::unique_ptr<Stepper> make_parallel_stepper(const scenario::ScenarioSpec& spec,
                                               std::vector<std::size_t> municipality_offsets,
                                               int threads, std::size_t chunk_persons = 16384);
std::unique_ptr<Stepper> make_reference_stepper(const scenario::ScenarioSpec& spec);

}  // namespace kokeilu::sim
