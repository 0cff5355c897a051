// Benefits: regimes by date (maximum earnings-related days, municipal co-payment tiers) and the
// daily amounts.
#include "scenario/readers.hpp"

namespace kokeilu::scenario::detail {

using namespace yaml;

namespace {

BenefitRegime read_regime(const Node& node) {
  check_keys(node, {"from", "earnings_related_max_days", "copayment_tiers"});
  BenefitRegime regime;
  regime.from = as_date(require(node, "from"));
  if (const Node* max_days = optional(node, "earnings_related_max_days")) {
    check_keys(*max_days, {"short_history", "long_history", "age_58"});
    read_optional(*max_days, "short_history", regime.earnings_related_max_days_short_history, 0, kMaxDays);
    read_optional(*max_days, "long_history", regime.earnings_related_max_days_long_history, 0, kMaxDays);
    read_optional(*max_days, "age_58", regime.earnings_related_max_days_age_58, 0, kMaxDays);
  }
  if (const Node* tiers = optional(node, "copayment_tiers")) {
    expect_sequence(*tiers, "a list of {after_days, municipal_share}");
    for (const auto& item : tiers->items) {
      check_keys(item, {"after_days", "municipal_share"});
      const Node& after = require(item, "after_days");
      CopaymentTier tier{as_int(after, 0, kMaxDays), as_double(require(item, "municipal_share"), kProbability)};
      if (!regime.copayment_tiers.empty() && tier.after_days <= regime.copayment_tiers.back().after_days)
        fail(after, "co-payment tiers must ascend by after_days (the previous tier starts after " +
                        std::to_string(regime.copayment_tiers.back().after_days) + " days)");
      regime.copayment_tiers.push_back(tier);
    }
  }
  return regime;
}

}  // namespace

BenefitSpec read_benefits(const Node& node) {
  check_keys(node, {"regimes", "basic_daily_amount", "earnings_related_daily_eur", "employment_condition_weeks",
                    "benefit_days_per_week"});
  BenefitSpec benefits;
  const Node& regimes = require(node, "regimes");
  expect_sequence(regimes, "a list of benefit regimes");
  for (const auto& item : regimes.items) {
    BenefitRegime regime = read_regime(item);
    check_after_last(require(item, "from"), benefits.regimes, regime.from, "regimes must ascend by date");
    benefits.regimes.push_back(std::move(regime));
  }
  if (benefits.regimes.empty()) fail(regimes, "needs at least one regime");

  const Node& amounts = require(node, "basic_daily_amount");
  expect_sequence(amounts, "a list of {from, eur_per_day}");
  for (const auto& item : amounts.items) {
    check_keys(item, {"from", "eur_per_day"});
    const Node& from = require(item, "from");
    DailyAmount amount{as_date(from), as_double(require(item, "eur_per_day"), kEurosPerDay)};
    check_after_last(from, benefits.basic_daily_amount, amount.from, "amounts must ascend by date");
    benefits.basic_daily_amount.push_back(amount);
  }
  if (benefits.basic_daily_amount.empty()) fail(amounts, "needs at least one amount");

  benefits.earnings_related_daily_eur = as_double(require(node, "earnings_related_daily_eur"), kEurosPerDay);
  read_optional(node, "employment_condition_weeks", benefits.employment_condition_weeks, 0, kMaxWeeks);
  read_optional(node, "benefit_days_per_week", benefits.benefit_days_per_week, 1, 7);
  return benefits;
}

}  // namespace kokeilu::scenario::detail
