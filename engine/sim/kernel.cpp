#include "sim/kernel.hpp"

namespace kokeilu::sim {

void clear_markets(const scenario::ScenarioSpec& spec, const std::vector<std::int64_t>& effort_units,
                   WeekContext& ctx) {
  ctx.rate_per_effort.assign(spec.markets.size(), 0.0);
  for (std::size_t m = 0; m < spec.markets.size(); ++m)
    ctx.rate_per_effort[m] = market::clear_market(spec.markets[m], market::units_to_effort(effort_units[m]),
                                                  ctx.vacancies[m]).rate_per_effort;
}

void pay_benefits(population::People& p, std::size_t i, int age_years, const benefits::WeekRules& rules,
                  MunicipalityTotals& totals) {
  benefits::BenefitState state{p.benefit[i], p.earnings_related_days[i], p.subsidy_days[i],
                               p.work_weeks_since_claim[i]};
  const auto paid = benefits::pay_unemployed_week(state, age_years, p.work_history_weeks[i], rules);
  p.benefit[i] = state.benefit;
  p.earnings_related_days[i] = state.earnings_related_days;
  p.subsidy_days[i] = state.subsidy_days;
  for (int b = 0; b < kBenefitCount; ++b) totals.benefit_days[b] += paid.days[b];
  for (int k = 0; k < kPayerCount; ++k) totals.cost[k] += paid.cost[k];
  totals.copayment += paid.copayment;
}

void start_claim(population::People& p, std::size_t i, int age_years, const benefits::WeekRules& rules) {
  benefits::BenefitState state{p.benefit[i], p.earnings_related_days[i], p.subsidy_days[i],
                               p.work_weeks_since_claim[i]};
  benefits::start_claim(state, p.fund_member[i], age_years, p.work_history_weeks[i], rules);
  p.benefit[i] = state.benefit;
  p.earnings_related_days[i] = state.earnings_related_days;
  p.subsidy_days[i] = state.subsidy_days;
  p.work_weeks_since_claim[i] = state.work_weeks_since_claim;
}

namespace {

/// The counters of `t` (const or not) in services::kWeekCounters order.
template <class Totals>
auto counter_spans(Totals& t) {
  std::array<decltype(services::counter_values(t.long_term_unemployed)), services::kWeekCounterCount> spans;
  std::size_t c = 0;
#define KOKEILU_SPAN_step(name) spans[c++] = services::counter_values(t.name);
#define KOKEILU_SPAN_services(name) spans[c++] = services::counter_values(t.services.name);
#define KOKEILU_SPAN(group, name, extent, axis, unit, scope, meaning) KOKEILU_SPAN_##group(name)
  KOKEILU_WEEK_COUNTERS(KOKEILU_SPAN)
#undef KOKEILU_SPAN
#undef KOKEILU_SPAN_services
#undef KOKEILU_SPAN_step
  return spans;
}

}  // namespace

std::array<std::span<std::int64_t>, services::kWeekCounterCount> MunicipalityTotals::counters() {
  return counter_spans(*this);
}

std::array<std::span<const std::int64_t>, services::kWeekCounterCount> MunicipalityTotals::counters() const {
  return counter_spans(*this);
}

void MunicipalityTotals::add(const MunicipalityTotals& other) {
  const auto into = counters();
  const auto from = other.counters();
  for (std::size_t c = 0; c < into.size(); ++c)
    for (std::size_t k = 0; k < into[c].size(); ++k) into[c][k] += from[c][k];
}

}  // namespace kokeilu::sim
