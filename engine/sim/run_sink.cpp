#include "sim/run_sink.hpp"

#include <algorithm>
#include <stdexcept>

namespace kokeilu::sim {

void WeekTotals::reset(int municipality_count) {
  municipalities = municipality_count;
  const auto m = static_cast<std::size_t>(municipality_count);
  status_counts.assign(m * kStatusCount, 0);
  long_term_unemployed.assign(m, 0);
  benefit_days.assign(m * kBenefitCount, 0);
  copayment.assign(m, 0);
  cost.assign(m * kPayerCount, 0);
  unemployed_at_risk.assign(scenario::kDurationBracketCount, 0);
  found_job.assign(scenario::kDurationBracketCount, 0);
  entered_service.assign(scenario::kDurationBracketCount, 0);
  unemployed_spell_weeks = 0;
  clients.assign(m, 0);
  coached.assign(m, 0);
  assessments.assign(m, 0);
  referrals.assign(m * scenario::kServiceCount, 0);
  service_starts.assign(m * scenario::kServiceCount, 0);
  wait_weeks.assign(m * scenario::kServiceCount, 0);
  waiting.assign(m * scenario::kServiceCount, 0);
  rehabilitative_exits.assign(m * 4, 0);
  subsidised_by_sector.assign(m * scenario::kSectorCount, 0);
  pilot_service_starts.assign(m * scenario::kServiceCount, 0);
  pilot_entries.assign(m, 0);
  ever_pilot_clients.assign(m * kStatusCount, 0);
}

namespace {
template <class T>
void add_into(std::vector<T>& into, const std::vector<T>& from) {
  std::transform(into.begin(), into.end(), from.begin(), into.begin(), std::plus<T>());
}
}  // namespace

void WeekTotals::add(const WeekTotals& other) {
  add_into(status_counts, other.status_counts);
  add_into(long_term_unemployed, other.long_term_unemployed);
  add_into(benefit_days, other.benefit_days);
  add_into(copayment, other.copayment);
  add_into(cost, other.cost);
  add_into(unemployed_at_risk, other.unemployed_at_risk);
  add_into(found_job, other.found_job);
  add_into(entered_service, other.entered_service);
  unemployed_spell_weeks += other.unemployed_spell_weeks;
  add_into(clients, other.clients);
  add_into(coached, other.coached);
  add_into(assessments, other.assessments);
  add_into(referrals, other.referrals);
  add_into(service_starts, other.service_starts);
  add_into(wait_weeks, other.wait_weeks);
  add_into(waiting, other.waiting);
  add_into(rehabilitative_exits, other.rehabilitative_exits);
  add_into(subsidised_by_sector, other.subsidised_by_sector);
  add_into(pilot_service_starts, other.pilot_service_starts);
  add_into(pilot_entries, other.pilot_entries);
  add_into(ever_pilot_clients, other.ever_pilot_clients);
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
