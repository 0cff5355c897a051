#pragma once
// Keeps every week's totals of a run in memory (they are small: weeks x municipalities), for
// the CLI summary, calibration and tests. Ignores the trajectory.
#include <vector>

#include "sim/run_sink.hpp"

namespace kokeilu::report {

class TotalsRecorder final : public sim::RunSink {
 public:
  void begin(const sim::RunHeader& header, const population::People& initial) override;
  std::vector<std::uint8_t> trajectory(int, int, std::vector<std::uint8_t> block) override { return block; }
  void week(int week, const sim::WeekTotals& totals) override;
  void end(const population::People&) override {}
  bool wants_trajectory() const override { return false; }

  const sim::RunHeader& header() const { return header_; }
  const std::vector<sim::WeekTotals>& weeks() const { return weeks_; }
  /// Persons at the start by status (all municipalities).
  const std::vector<std::int64_t>& initial_status_counts() const { return initial_status_counts_; }

 private:
  sim::RunHeader header_;
  std::vector<sim::WeekTotals> weeks_;
  std::vector<std::int64_t> initial_status_counts_;
};

}  // namespace kokeilu::report
