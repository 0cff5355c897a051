#include "report/recorder.hpp"

namespace kokeilu::report {

void TotalsRecorder::begin(const sim::RunHeader& header, const population::People& initial) {
  header_ = header;
  weeks_.clear();
  weeks_.reserve(static_cast<std::size_t>(header.weeks));
  initial_status_counts_.assign(kStatusCount, 0);
  for (std::uint8_t s : initial.status)
    if (s != kOutsidePopulation) initial_status_counts_[s] += 1;  // persons in the population only
}

void TotalsRecorder::week(int, const sim::WeekTotals& totals) { weeks_.push_back(totals); }

}  // namespace kokeilu::report
