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

void MunicipalityTotals::add(const MunicipalityTotals& other) {
  for (int s = 0; s < kStatusCount; ++s) status_counts[s] += other.status_counts[s];
  long_term_unemployed += other.long_term_unemployed;
  for (int b = 0; b < kBenefitCount; ++b) benefit_days[b] += other.benefit_days[b];
  copayment += other.copayment;
  for (int k = 0; k < kPayerCount; ++k) cost[k] += other.cost[k];
  for (int b = 0; b < scenario::kDurationBracketCount; ++b) {
    unemployed_at_risk[b] += other.unemployed_at_risk[b];
    found_job[b] += other.found_job[b];
    entered_service[b] += other.entered_service[b];
  }
  unemployed_spell_weeks += other.unemployed_spell_weeks;
  services.add(other.services);
}

}  // namespace kokeilu::sim
