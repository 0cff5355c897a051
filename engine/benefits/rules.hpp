#pragma once
// Unemployment benefits and the municipal co-payment, by the rules in force on a date.
// Earnings-related allowance (or basic allowance for non-members of a fund) until its maximum
// days, then labour market subsidy; the municipality pays a share of the subsidy for long-term
// recipients (DOMAIN.md: 50 % after 500 days before 2015; 50 % of days 301-1,000 and 70 % after
// from 2015).
#include <array>
#include <cstdint>
#include <vector>

#include "core/calendar.hpp"
#include "core/vocabulary.hpp"
#include "scenario/spec.hpp"

namespace kokeilu::benefits {

inline constexpr int kMaxCopaymentTiers = 4;
inline constexpr int kLongWorkHistoryWeeks = 3 * 52;  // (rule) "work history over 3 years"
inline constexpr int kOldestMaximumAge = 58;          // (rule) 500 days from age 58

/// The rules of one week, resolved from the scenario once per week (not per person).
struct WeekRules {
  int earnings_related_max_days_short_history = 0;
  int earnings_related_max_days_long_history = 0;
  int earnings_related_max_days_age_58 = 0;
  int copayment_tier_count = 0;
  std::array<int, kMaxCopaymentTiers> copayment_after_days{};
  std::array<Cents, kMaxCopaymentTiers> copayment_cents_per_day{};  // municipal part of a day
  Cents subsidy_cents_per_day = 0;         // = basic allowance
  Cents earnings_related_cents_per_day = 0;
  int employment_condition_weeks = 26;
  int days_per_week = 5;

  int earnings_related_max_days(int age_years, int work_history_weeks) const;
  /// Municipal part of the subsidy for the `day_number`-th subsidy day (1-based).
  Cents copayment_for_day(int day_number) const;
};

/// The rules in force on `date`.
/// @throws std::out_of_range if the scenario states no rules for that date (validation prevents it).
WeekRules rules_on(const scenario::BenefitSpec& spec, Date date);

/// Money and benefit days of one person-week, to be added to the municipality's totals.
struct WeekPayment {
  std::array<std::int32_t, kBenefitCount> days{};  // benefit days paid, by benefit
  std::array<Cents, kPayerCount> cost{};           // euros by payer
  Cents copayment = 0;                             // municipal share of the subsidy
};

/// The benefit state of one person: the columns of People that benefits read and write.
struct BenefitState {
  std::uint8_t benefit;
  std::uint16_t earnings_related_days;
  std::uint16_t subsidy_days;
  std::uint16_t work_weeks_since_claim;
};

/// On entering unemployment: a new entitlement if the employment condition is met since the
/// last claim (counters restart); otherwise the old entitlement goes on, or the subsidy.
void start_claim(BenefitState& state, bool fund_member, int age_years, int work_history_weeks,
                 const WeekRules& rules);

/// Pays one week of unemployment benefit, day by day, moving to the subsidy when the
/// earnings-related days run out.
WeekPayment pay_unemployed_week(BenefitState& state, int age_years, int work_history_weeks,
                                const WeekRules& rules);

/// Pays one week in an activating service (training, rehabilitative work, work trial): the
/// unemployment benefit goes on (earnings-related days are used up as usual), but the subsidy
/// is state-funded and its days do not count towards the co-payment; a supplement is paid for
/// each day (Kela).
WeekPayment pay_service_week(BenefitState& state, int age_years, int work_history_weeks,
                             const WeekRules& rules, Cents supplement_per_day);

}  // namespace kokeilu::benefits
