#include "policy/municipality_response.hpp"

#include <algorithm>
#include <stdexcept>

namespace kokeilu::policy {

void BillHistory::record(int week, std::span<const std::int64_t> copayment_by_municipality,
                         std::span<const std::int64_t> unemployed_by_municipality) {
  const std::size_t municipalities = copayment_by_municipality.size();
  if (unemployed_by_municipality.size() != municipalities)
    throw std::invalid_argument("BillHistory::record: the bill and the unemployed cover different municipalities");
  if (copayment_cents.size() != municipalities * kWeeks) {
    copayment_cents.assign(municipalities * kWeeks, 0);
    unemployed.assign(municipalities * kWeeks, 0);
    recorded = 0;
  }
  const auto slot = static_cast<std::size_t>(week % kWeeks) * municipalities;
  std::copy(copayment_by_municipality.begin(), copayment_by_municipality.end(), copayment_cents.begin() + static_cast<std::ptrdiff_t>(slot));
  std::copy(unemployed_by_municipality.begin(), unemployed_by_municipality.end(), unemployed.begin() + static_cast<std::ptrdiff_t>(slot));
  recorded = std::min(recorded + 1, kWeeks);
}

double bill_per_unemployed_eur(const scenario::MunicipalityResponseSpec& rule, const BillHistory& bills, int week,
                               std::size_t municipality, std::size_t municipalities) {
  if (bills.recorded < rule.window_weeks + rule.lag_weeks || week < rule.window_weeks + rule.lag_weeks || bills.copayment_cents.size() != municipalities * BillHistory::kWeeks)
    return -1;
  std::int64_t cents = 0, persons = 0;
  for (int back = rule.lag_weeks + 1; back <= rule.lag_weeks + rule.window_weeks; ++back) {
    const auto slot = static_cast<std::size_t>((week - back) % BillHistory::kWeeks);
    cents += bills.copayment_cents[slot * municipalities + municipality];
    persons += bills.unemployed[slot * municipalities + municipality];
  }
  return persons > 0 ? static_cast<double>(cents) / 100.0 / static_cast<double>(persons) : 0.0;
}

double added_places_share(const scenario::MunicipalityResponseSpec& rule, const BillHistory& bills, int week,
                          std::size_t municipality, std::size_t municipalities) {
  if (!rule.enabled) return 0;
  const double bill = bill_per_unemployed_eur(rule, bills, week, municipality, municipalities);
  if (bill <= rule.threshold_eur_per_unemployed_week) return 0;
  return std::min(rule.max_increase, rule.elasticity * (bill / rule.threshold_eur_per_unemployed_week - 1.0));
}

}  // namespace kokeilu::policy
