#pragma once
// Where a run's results go. The simulation pushes; a sink (the HDF5 writer, an in-memory
// recorder for tests and calibration) consumes. Data flows one way: a sink never changes the
// simulation.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/vocabulary.hpp"
#include "population/people.hpp"
#include "scenario/spec.hpp"

namespace kokeilu::sim {

/// What a sink is told before the first week.
struct RunHeader {
  const scenario::ScenarioSpec* spec = nullptr;
  int weeks = 0;                    // weeks simulated
  std::uint64_t seed = 0;
  std::uint32_t replication = 0;    // random stream of this run
  std::string arm = "baseline";     // design being run
};

/// Totals of one week over all persons, by municipality (m) where indexed so.
/// Status counts are taken at the end of the week; flows and money are for the week.
struct WeekTotals {
  int municipalities = 0;
  std::vector<std::int64_t> status_counts;         // [m * kStatusCount + status]
  std::vector<std::int64_t> long_term_unemployed;  // [m]: unemployed 52+ weeks
  std::vector<std::int64_t> benefit_days;          // [m * kBenefitCount + benefit]: days paid
  std::vector<Cents> copayment;                    // [m]: municipal share of the subsidy
  std::vector<Cents> cost;                         // [m * kPayerCount + payer]
  /// Job finding by spell bracket, whole region: unemployed at the start of the week and
  /// those of them who took an open job during it (the calibration statistic).
  std::vector<std::int64_t> unemployed_at_risk;    // [bracket]
  std::vector<std::int64_t> found_job;             // [bracket]
  /// Of the unemployed at the week's start, by spell bracket at the start: those admitted to a
  /// placed service this week (the hazard to a service); and the stock's spell weeks summed (its
  /// mean spell). Calibration statistics, kept in memory only (not written to HDF5).
  std::vector<std::int64_t> entered_service;       // [bracket]
  std::int64_t unemployed_spell_weeks = 0;
  // Services, by municipality (m) and service (k, scenario::Service code):
  std::vector<std::int64_t> clients;               // [m]: clients of the design in force
  std::vector<std::int64_t> coached;               // [m]: in a coaching relation
  std::vector<std::int64_t> assessments;           // [m]: made this week
  std::vector<std::int64_t> referrals;             // [m * kServiceCount + k]: joined a queue
  std::vector<std::int64_t> service_starts;        // [m * kServiceCount + k]: admitted
  std::vector<std::int64_t> wait_weeks;            // [m * kServiceCount + k]: waited by those admitted
  std::vector<std::int64_t> waiting;               // [m * kServiceCount + k]: in the queue
  std::vector<std::int64_t> rehabilitative_exits;  // [m * 4 + e]: to training, pay subsidy, open job, unemployment
  std::vector<std::int64_t> subsidised_by_sector;  // [m * kSectorCount + sector]
  // The pilot, as an evaluation follows it:
  std::vector<std::int64_t> pilot_service_starts;  // [m * kServiceCount + k]: admitted clients of the pilot
  std::vector<std::int64_t> pilot_entries;         // [m]: became clients of the pilot this week
  std::vector<std::int64_t> ever_pilot_clients;    // [m * kStatusCount + status]: ever its clients, end of week

  explicit WeekTotals(int municipality_count = 0) { reset(municipality_count); }
  void reset(int municipality_count);
  /// Adds `other` (integers only, so the order of additions never changes the result).
  void add(const WeekTotals& other);
};

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
