#pragma once
// The metrics of a comparison, per group and week, and the sink that computes them from one
// run. Status metrics come from the per-person trajectory (so any group can be measured); money
// comes from the engine's per-municipality totals (so only groups made of whole municipalities
// carry it: the others get NaN).
#include <array>
#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

#include "compare/groups.hpp"
#include "io/comparison_writer.hpp"
#include "sim/run_sink.hpp"

namespace kokeilu::compare {

enum class Metric : int {
  open_employment = 0,
  subsidised_employment,
  unemployment,
  long_term_unemployment,
  in_services,
  activation_rate,
  unemployed_or_in_services,
  weeks_employed_per_person,
  weeks_unemployed_per_person,
  municipal_copayment_eur,
  cost_state_eur,
  cost_municipality_eur,
  cost_kela_eur,
  cost_unemployment_fund_eur,
  cost_total_eur,
  group_size,
};
inline constexpr int kMetricCount = 16;

struct MetricInfo {
  std::string_view name;
  std::string_view unit;
  std::string_view description;
};
const std::array<MetricInfo, kMetricCount>& metric_table();

/// Index of metric k of group g in week w in a [W, G, K] table.
inline std::size_t metric_index(int week, std::size_t group, Metric metric, std::size_t groups) {
  return (static_cast<std::size_t>(week) * groups + group) * kMetricCount + static_cast<std::size_t>(metric);
}

/// Computes the [W, G, K] metrics and the status transition counts of one run. Trajectory blocks
/// are handed to `keep` once tallied, when given (the comparison keeps them for the groups found
/// after the runs and for writing in order); otherwise they are returned for reuse.
class MetricsSink final : public sim::RunSink {
 public:
  /// Takes a tallied block for good and returns a buffer for the simulation to fill next (an
  /// empty one, or one recycled from an earlier run).
  using Keep = std::function<std::vector<std::uint8_t>(std::vector<std::uint8_t> block)>;
  explicit MetricsSink(const GroupSet& groups, Keep keep = {});

  void begin(const sim::RunHeader& header, const population::People& initial) override;
  /// begin() from the initial statuses and spell weeks alone (all it reads of the population).
  void begin(const sim::RunHeader& header, const std::vector<std::uint8_t>& status,
             const std::vector<std::uint16_t>& spell_weeks);
  std::vector<std::uint8_t> trajectory(int first_week, int weeks, std::vector<std::uint8_t> block) override;
  void week(int week, const sim::WeekTotals& totals) override;
  void end(const population::People& final_state) override;

  /// [W * G * K], complete after end().
  const std::vector<double>& metrics() const { return metrics_; }
  /// [from * kStatusCount + to]: person-weeks, every week's move (or stay) counted once.
  const std::vector<std::int64_t>& transitions() const { return transitions_; }
  /// The pilot's clients and service starts by organiser, week by week (io::PilotWeekly).
  const io::PilotWeekly& pilot() const { return pilot_; }

 private:
  void tally_week(int week, const std::uint8_t* statuses);

  const GroupSet& groups_;
  Keep keep_;
  std::size_t persons_ = 0;
  int weeks_ = 0;
  std::vector<std::uint8_t> previous_status_;   // [N]
  std::vector<std::uint16_t> spell_weeks_;      // [N], as the engine counts them
  std::vector<std::int64_t> cell_status_;       // [cell * kStatusCount + status], one week
  std::vector<std::int64_t> cell_long_term_;    // [cell], one week
  std::vector<double> metrics_;
  std::vector<std::int64_t> transitions_;
  io::PilotWeekly pilot_;
};

}  // namespace kokeilu::compare
