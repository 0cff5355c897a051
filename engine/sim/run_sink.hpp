#pragma once
// Where a run's results go. The simulation pushes; a sink (the HDF5 writer, an in-memory
// recorder for tests and calibration) consumes. Data flows one way: a sink never changes the
// simulation.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/vocabulary.hpp"
#include "population/people.hpp"
#include "scenario/spec.hpp"
#include "services/week_counters.hpp"

namespace kokeilu::sim {

/// What a sink is told before the first week.
struct RunHeader {
  const scenario::ScenarioSpec* spec = nullptr;
  int weeks = 0;                    // weeks simulated
  std::uint64_t seed = 0;
  std::uint32_t replication = 0;    // random stream of this run
  std::string arm = "baseline";     // design being run
  int threads = 1;                  // the run's threads: its writer may compress on as many
};

#define KOKEILU_WEEK_FIELD_municipality(name) std::vector<std::int64_t> name;
#define KOKEILU_WEEK_FIELD_region(name) std::vector<std::int64_t> name;
#define KOKEILU_WEEK_FIELD_internal(name)
#define KOKEILU_WEEK_FIELD(group, name, extent, axis, unit, scope, meaning) KOKEILU_WEEK_FIELD_##scope(name)

/// Totals of one week over all persons: one vector per reported counter of
/// services::kWeekCounters (its meaning, unit and axis are declared there), laid out
/// [m * extent + k] by municipality m, or [k] for the whole region. Money is in cents.
struct WeekTotals {
  int municipalities = 0;
  KOKEILU_WEEK_COUNTERS(KOKEILU_WEEK_FIELD)

  explicit WeekTotals(int municipality_count = 0) { reset(municipality_count); }
  void reset(int municipality_count);
  /// Adds `other` (integers only, so the order of additions never changes the result).
  void add(const WeekTotals& other);
  /// The reported counters in services::kWeekCounters order; null for internal ones.
  std::array<std::vector<std::int64_t>*, services::kWeekCounterCount> counters();
  std::array<const std::vector<std::int64_t>*, services::kWeekCounterCount> counters() const;
  /// Name of the first counter that differs, or "" when every counter is equal.
  std::string_view first_difference(const WeekTotals& other) const;
  bool operator==(const WeekTotals& other) const { return first_difference(other).empty(); }
};

#undef KOKEILU_WEEK_FIELD
#undef KOKEILU_WEEK_FIELD_internal
#undef KOKEILU_WEEK_FIELD_region
#undef KOKEILU_WEEK_FIELD_municipality

/// Receives a run's results in order: begin, then for each week its totals (and, every few
/// weeks, a block of statuses), then end. Any call may throw; the run then stops.
class RunSink {
 public:
  virtual ~RunSink() = default;
  virtual void begin(const RunHeader& header, const population::People& initial) = 0;
  /// Statuses at the end of weeks first_week .. first_week + weeks - 1, week-major:
  /// person i at week first_week + k is block[k * persons + i]. The sink takes the buffer and
  /// returns one (empty or recycled) for the simulation to fill next.
  virtual std::vector<std::uint8_t> trajectory(int first_week, int weeks,
                                               std::vector<std::uint8_t> block) = 0;
  virtual void week(int week, const WeekTotals& totals) = 0;
  /// Called once after the last week. A sink that writes a file makes it complete only here.
  virtual void end(const population::People& final_state) = 0;
  /// False for sinks that ignore trajectory() (summaries): FanOutSink then keeps the block.
  virtual bool wants_trajectory() const { return true; }
};

/// Keeps nothing: for timing the simulation alone.
class DiscardSink final : public RunSink {
 public:
  void begin(const RunHeader&, const population::People&) override {}
  std::vector<std::uint8_t> trajectory(int, int, std::vector<std::uint8_t> block) override { return block; }
  void week(int, const WeekTotals&) override {}
  void end(const population::People&) override {}
};

/// Sends a run to several sinks. At most one of them may want the trajectory.
class FanOutSink final : public RunSink {
 public:
  /// @throws std::invalid_argument if more than one sink wants the trajectory.
  explicit FanOutSink(std::vector<RunSink*> sinks);
  void begin(const RunHeader& header, const population::People& initial) override;
  std::vector<std::uint8_t> trajectory(int first_week, int weeks, std::vector<std::uint8_t> block) override;
  void week(int week, const WeekTotals& totals) override;
  void end(const population::People& final_state) override;
  bool wants_trajectory() const override { return trajectory_sink_ != nullptr; }

 private:
  std::vector<RunSink*> sinks_;
  RunSink* trajectory_sink_ = nullptr;
};

}  // namespace kokeilu::sim
