#include "sim/run_sink.hpp"

#include <algorithm>
#include <functional>
#include <stdexcept>

namespace kokeilu::sim {

namespace {

/// The reported counters of `t` (const or not) in services::kWeekCounters order.
template <class Totals>
auto counter_fields(Totals& t) {
  std::array<decltype(&t.status_counts), services::kWeekCounterCount> fields{};
  std::size_t c = 0;
#define KOKEILU_FIELD_municipality(name) fields[c++] = &t.name;
#define KOKEILU_FIELD_region(name) fields[c++] = &t.name;
#define KOKEILU_FIELD_internal(name) fields[c++] = nullptr;
#define KOKEILU_FIELD(group, name, extent, axis, unit, scope, meaning) KOKEILU_FIELD_##scope(name)
  KOKEILU_WEEK_COUNTERS(KOKEILU_FIELD)
#undef KOKEILU_FIELD
#undef KOKEILU_FIELD_internal
#undef KOKEILU_FIELD_region
#undef KOKEILU_FIELD_municipality
  return fields;
}

}  // namespace

std::array<std::vector<std::int64_t>*, services::kWeekCounterCount> WeekTotals::counters() {
  return counter_fields(*this);
}

std::array<const std::vector<std::int64_t>*, services::kWeekCounterCount> WeekTotals::counters() const {
  return counter_fields(*this);
}

void WeekTotals::reset(int municipality_count) {
  municipalities = municipality_count;
  const auto fields = counters();
  for (std::size_t c = 0; c < fields.size(); ++c) {
    const auto& info = services::kWeekCounters[c];
    if (fields[c] == nullptr) continue;
    const auto width = static_cast<std::size_t>(info.width());
    fields[c]->assign(info.scope == services::CounterScope::region
                          ? width
                          : width * static_cast<std::size_t>(municipality_count),
                      0);
  }
}

void WeekTotals::add(const WeekTotals& other) {
  const auto into = counters();
  const auto from = other.counters();
  for (std::size_t c = 0; c < into.size(); ++c) {
    if (into[c] == nullptr) continue;
    std::transform(into[c]->begin(), into[c]->end(), from[c]->begin(), into[c]->begin(), std::plus<std::int64_t>());
  }
}

std::string_view WeekTotals::first_difference(const WeekTotals& other) const {
  const auto a = counters();
  const auto b = other.counters();
  for (std::size_t c = 0; c < a.size(); ++c)
    if (a[c] != nullptr && *a[c] != *b[c]) return services::kWeekCounters[c].name;
  return {};
}

FanOutSink::FanOutSink(std::vector<RunSink*> sinks) : sinks_(std::move(sinks)) {
  for (RunSink* sink : sinks_) {
    if (!sink->wants_trajectory()) continue;
    if (trajectory_sink_ != nullptr) throw std::invalid_argument("two sinks want the trajectory");
    trajectory_sink_ = sink;
  }
}

void FanOutSink::begin(const RunHeader& header, const population::People& initial) {
  for (RunSink* sink : sinks_) sink->begin(header, initial);
}

std::vector<std::uint8_t> FanOutSink::trajectory(int first_week, int weeks, std::vector<std::uint8_t> block) {
  if (trajectory_sink_ == nullptr) return block;
  return trajectory_sink_->trajectory(first_week, weeks, std::move(block));
}

void FanOutSink::week(int week, const WeekTotals& totals) {
  for (RunSink* sink : sinks_) sink->week(week, totals);
}

void FanOutSink::end(const population::People& final_state) {
  for (RunSink* sink : sinks_) sink->end(final_state);
}

}  // namespace kokeilu::sim
