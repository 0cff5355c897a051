#pragma once
// Pay-subsidised work (palkkatuki) by the rules of 2015 - mid-2023 (DOMAIN.md): 30 % of the pay
// cost for up to 6 months for those unemployed under a year, 40 % for up to 12 months after 12
// months of unemployment, 50 % for up to 24 months after 24 months or with a disability (here: a
// known barrier); associations (third sector) up to 100 %. Capped per month.
#include "core/vocabulary.hpp"
#include "scenario/design_spec.hpp"

namespace kokeilu::services {

struct SubsidyTerms {
  double rate = 0;        // share of the employer's pay cost
  int max_weeks = 0;      // longest subsidy
};

SubsidyTerms subsidy_terms(int spell_weeks, bool barrier_known, scenario::Sector sector);

/// Subsidy paid per week (state), cents.
Cents weekly_subsidy(const scenario::PaySubsidySpec& spec, const SubsidyTerms& terms);

}  // namespace kokeilu::services
