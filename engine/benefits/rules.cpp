#include "benefits/rules.hpp"

#include <chrono>
#include <cmath>
#include <stdexcept>

#include "population/people.hpp"

namespace kokeilu::benefits {

namespace {
using std::chrono::sys_days;

template <class Item>
const Item& in_force(const std::vector<Item>& items, Date date) {
  const Item* found = nullptr;
  for (const auto& item : items)
    if (sys_days{item.from} <= sys_days{date}) found = &item;
  if (found == nullptr) throw std::out_of_range("no benefit rules in force on " + format_date(date));
  return *found;
}

Cents share_of(Cents amount, double share) {
  return static_cast<Cents>(std::llround(static_cast<double>(amount) * share));
}
}  // namespace

int WeekRules::earnings_related_max_days(int age_years, int work_history_weeks) const {
  if (age_years >= kOldestMaximumAge) return earnings_related_max_days_age_58;
  return work_history_weeks >= kLongWorkHistoryWeeks ? earnings_related_max_days_long_history
                                                     : earnings_related_max_days_short_history;
}

Cents WeekRules::copayment_for_day(int day_number) const {
  Cents cents = 0;
  for (int t = 0; t < copayment_tier_count; ++t)
    if (day_number > copayment_after_days[t]) cents = copayment_cents_per_day[t];
  return cents;
}

WeekRules rules_on(const scenario::BenefitSpec& spec, Date date) {
  const auto& regime = in_force(spec.regimes, date);
  WeekRules rules;
  rules.earnings_related_max_days_short_history = regime.earnings_related_max_days_short_history;
  rules.earnings_related_max_days_long_history = regime.earnings_related_max_days_long_history;
  rules.earnings_related_max_days_age_58 = regime.earnings_related_max_days_age_58;
  rules.subsidy_cents_per_day = cents_from_eur(in_force(spec.basic_daily_amount, date).eur_per_day);
  rules.earnings_related_cents_per_day = cents_from_eur(spec.earnings_related_daily_eur);
  if (regime.copayment_tiers.size() > kMaxCopaymentTiers)
    throw std::out_of_range("more than 4 co-payment tiers");
  rules.copayment_tier_count = static_cast<int>(regime.copayment_tiers.size());
  for (int t = 0; t < rules.copayment_tier_count; ++t) {
    rules.copayment_after_days[t] = regime.copayment_tiers[t].after_days;
    rules.copayment_cents_per_day[t] =
        share_of(rules.subsidy_cents_per_day, regime.copayment_tiers[t].municipal_share);
  }
  rules.employment_condition_weeks = spec.employment_condition_weeks;
  rules.days_per_week = spec.benefit_days_per_week;
  return rules;
}

void start_claim(BenefitState& state, bool fund_member, int age_years, int work_history_weeks,
                 const WeekRules& rules) {
  if (state.work_weeks_since_claim >= rules.employment_condition_weeks) {
    // The employment condition opens a new entitlement and restarts the subsidy-day count.
    state.benefit = static_cast<std::uint8_t>(fund_member ? Benefit::earnings_related
                                                          : Benefit::basic_allowance);
    state.earnings_related_days = 0;
    state.subsidy_days = 0;
    state.work_weeks_since_claim = 0;
    return;
  }
  const auto previous = static_cast<Benefit>(state.benefit);
  const bool entitlement_left =
      (previous == Benefit::earnings_related || previous == Benefit::basic_allowance) &&
      state.earnings_related_days < rules.earnings_related_max_days(age_years, work_history_weeks);
  if (!entitlement_left) state.benefit = static_cast<std::uint8_t>(Benefit::labour_market_subsidy);
}

namespace {

/// The tier of the co-payment is the same for the subsidy days first .. last (1-based): no tier
/// starts after first and at or before last.
bool one_copayment_tier(const WeekRules& rules, int first, int last) {
  for (int t = 0; t < rules.copayment_tier_count; ++t)
    if (rules.copayment_after_days[t] >= first && rules.copayment_after_days[t] < last) return false;
  return true;
}

}  // namespace

WeekPayment pay_unemployed_week(BenefitState& state, int age_years, int work_history_weeks,
                                const WeekRules& rules) {
  WeekPayment payment;
  const int max_days = rules.earnings_related_max_days(age_years, work_history_weeks);
  // Most weeks pay one benefit on every day at one rate: the week at once, the same integers as
  // the day-by-day loop below (which any week that changes benefit or tier takes).
  const int n = rules.days_per_week;
  const auto current = static_cast<Benefit>(state.benefit);
  if (current == Benefit::earnings_related || current == Benefit::basic_allowance) {
    if (n > 0 && state.earnings_related_days + n <= max_days && state.earnings_related_days + n <= 0xFFFF) {
      payment.days[static_cast<int>(current)] += n;
      state.earnings_related_days = static_cast<std::uint16_t>(state.earnings_related_days + n);
      if (current == Benefit::earnings_related)
        payment.cost[static_cast<int>(Payer::unemployment_fund)] += n * rules.earnings_related_cents_per_day;
      else
        payment.cost[static_cast<int>(Payer::kela)] += n * rules.subsidy_cents_per_day;
      return payment;
    }
  } else if (n > 0 && state.subsidy_days + n <= 0xFFFF &&
             one_copayment_tier(rules, state.subsidy_days + 1, state.subsidy_days + n)) {
    state.benefit = static_cast<std::uint8_t>(Benefit::labour_market_subsidy);
    payment.days[static_cast<int>(Benefit::labour_market_subsidy)] += n;
    const Cents municipal = rules.copayment_for_day(state.subsidy_days + 1);
    state.subsidy_days = static_cast<std::uint16_t>(state.subsidy_days + n);
    payment.copayment += n * municipal;
    payment.cost[static_cast<int>(Payer::municipality)] += n * municipal;
    payment.cost[static_cast<int>(Payer::state)] += n * (rules.subsidy_cents_per_day - municipal);
    return payment;
  }
  for (int day = 0; day < rules.days_per_week; ++day) {
    auto benefit = static_cast<Benefit>(state.benefit);
    // A person with no benefit recorded (never claimed) gets the subsidy: it is means-tested in
    // life, unconditional here.
    if (benefit == Benefit::none) benefit = Benefit::labour_market_subsidy;
    if ((benefit == Benefit::earnings_related || benefit == Benefit::basic_allowance) &&
        state.earnings_related_days >= max_days) {
      benefit = Benefit::labour_market_subsidy;  // the maximum days ran out
      state.benefit = static_cast<std::uint8_t>(benefit);
    }
    payment.days[static_cast<int>(benefit)] += 1;
    switch (benefit) {
      case Benefit::earnings_related:
        state.earnings_related_days = population::saturating_add(state.earnings_related_days, 1);
        payment.cost[static_cast<int>(Payer::unemployment_fund)] += rules.earnings_related_cents_per_day;
        break;
      case Benefit::basic_allowance:
        state.earnings_related_days = population::saturating_add(state.earnings_related_days, 1);
        payment.cost[static_cast<int>(Payer::kela)] += rules.subsidy_cents_per_day;
        break;
      case Benefit::labour_market_subsidy:
      case Benefit::none: {
        state.benefit = static_cast<std::uint8_t>(Benefit::labour_market_subsidy);
        state.subsidy_days = population::saturating_add(state.subsidy_days, 1);
        const Cents municipal = rules.copayment_for_day(state.subsidy_days);
        payment.copayment += municipal;
        payment.cost[static_cast<int>(Payer::municipality)] += municipal;
        payment.cost[static_cast<int>(Payer::state)] += rules.subsidy_cents_per_day - municipal;
        break;
      }
    }
  }
  return payment;
}

WeekPayment pay_service_week(BenefitState& state, int age_years, int work_history_weeks,
                             const WeekRules& rules, Cents supplement_per_day) {
  WeekPayment payment;
  const int max_days = rules.earnings_related_max_days(age_years, work_history_weeks);
  for (int day = 0; day < rules.days_per_week; ++day) {
    auto benefit = static_cast<Benefit>(state.benefit);
    if (benefit == Benefit::none) benefit = Benefit::labour_market_subsidy;
    if ((benefit == Benefit::earnings_related || benefit == Benefit::basic_allowance) &&
        state.earnings_related_days >= max_days)
      benefit = Benefit::labour_market_subsidy;
    state.benefit = static_cast<std::uint8_t>(benefit);
    payment.days[static_cast<int>(benefit)] += 1;
    payment.cost[static_cast<int>(Payer::kela)] += supplement_per_day;
    switch (benefit) {
      case Benefit::earnings_related:
        state.earnings_related_days = population::saturating_add(state.earnings_related_days, 1);
        payment.cost[static_cast<int>(Payer::unemployment_fund)] += rules.earnings_related_cents_per_day;
        break;
      case Benefit::basic_allowance:
        state.earnings_related_days = population::saturating_add(state.earnings_related_days, 1);
        payment.cost[static_cast<int>(Payer::kela)] += rules.subsidy_cents_per_day;
        break;
      default:  // the subsidy during a service: all state, no co-payment, not counted
        payment.cost[static_cast<int>(Payer::state)] += rules.subsidy_cents_per_day;
        break;
    }
  }
  return payment;
}

}  // namespace kokeilu::benefits
