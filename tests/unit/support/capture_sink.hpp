#pragma once
// A sink that keeps everything in memory: the whole trajectory (persons x weeks, agent-major),
// every week's totals and the final state. For tests that compare runs bit for bit.
#include <vector>

#include "sim/run_sink.hpp"

namespace kokeilu::testing {

class CaptureSink final : public sim::RunSink {
 public:
  /// A code no week ever delivers (not a status, not kOutsidePopulation).
  static constexpr std::uint8_t kUndelivered = 0xFE;

  void begin(const sim::RunHeader& header, const population::People& initial) override {
    weeks = header.weeks;
    persons = initial.size();
    initial_state = initial;
    statuses.assign(persons * static_cast<std::size_t>(weeks), kUndelivered);
  }
  std::vector<std::uint8_t> trajectory(int first_week, int count, std::vector<std::uint8_t> block) override {
    for (int k = 0; k < count; ++k)
      for (std::size_t i = 0; i < persons; ++i)
        statuses[i * static_cast<std::size_t>(weeks) + static_cast<std::size_t>(first_week + k)] = block[static_cast<std::size_t>(k) * persons + i];
    blocks_received += 1;
    return {};
  }
  void week(int, const sim::WeekTotals& t) override { totals.push_back(t); }
  void end(const population::People& final_people) override {
    final_state = final_people;
    ended = true;
  }

  int weeks = 0;
  std::size_t persons = 0;
  int blocks_received = 0;
  bool ended = false;
  std::vector<std::uint8_t> statuses;  // [person * weeks + week]
  std::vector<sim::WeekTotals> totals;
  population::People initial_state, final_state;
};

}  // namespace kokeilu::testing
