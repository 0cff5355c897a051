#include "services/service_pay_subsidy.hpp"

#include <algorithm>

namespace kokeilu::services {

SubsidyTerms subsidy_terms(int spell_weeks, bool barrier_known, scenario::Sector sector) {
  SubsidyTerms terms;
  if (spell_weeks >= 104 || barrier_known) terms = {0.5, 104};
  else if (spell_weeks >= 52) terms = {0.4, 52};
  else terms = {0.3, 26};
  if (sector == scenario::Sector::third_sector) terms.rate = 1.0;  // associations, reduced hours
  return terms;
}

Cents weekly_subsidy(const PaySubsidy::Spec& spec, const SubsidyTerms& terms) {
  const double monthly = std::min(spec.monthly_pay_cost_eur * terms.rate, spec.monthly_cap_eur);
  return cents_from_eur(monthly * 12.0 / 52.0);
}

}  // namespace kokeilu::services
