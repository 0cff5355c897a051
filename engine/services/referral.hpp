#pragma once
// Referral of unemployed clients to placed services (services::StatusModules). Each eligible
// service has a weekly rate (raised while coached: services/module_hooks.hpp); one uniform
// decides whether the person is referred this week and, by the rates' shares, to which service.
// A referred person waits in that service's queue.
#include "services/module_hooks.hpp"
#include "services/service_week.hpp"

namespace kokeilu::services {

/// Bracket of a spell of `spell_weeks` weeks (scenario::kDurationBracketStartWeeks).
inline std::size_t spell_bracket(int spell_weeks) {
  std::size_t b = 0;
  while (b + 1 < scenario::kDurationBracketStartWeeks.size() && spell_weeks >= scenario::kDurationBracketStartWeeks[b + 1]) ++b;
  return b;
}

/// Eligible for a placed service's referral: its plan has it with a rate, the person has the
/// assessment it may require and the spell it may ask for, and whatever its module asks besides
/// (it sees the person's age this year, `age_years`: ServiceWeek::year - birth_year).
template <class Module>
bool eligible_for(const population::People& p, std::size_t i, const typename Module::Plan& s, int age_years) {
  if (!s.enabled || s.referral_rate <= 0) return false;
  if (s.requires_assessment && !has_flag(p, i, population::kAssessed)) return false;
  if (p.spell_weeks[i] < s.min_spell_weeks) return false;
  static_assert(!requires { Module::eligible(p, i); }, "a module's eligible() takes the person's age (module.hpp)");
  if constexpr (kHasOwnEligibility<Module>) return Module::eligible(p, i, age_years);
  return true;
}

inline void refer(population::People& p, std::size_t i, const ServiceWeek& sw, ServiceDraws& draws,
                  ServiceTotals& totals, ChunkRequests& requests) {
  if (!has_flag(p, i, population::kClient) || p.waiting_for[i] != 0) return;
  const auto& plan = *sw.plan;
  const double multiplier = module_referral_multiplier(plan, p, i) * plan.design->referral_by_spell[spell_bracket(p.spell_weeks[i])];
  std::array<double, scenario::kServiceCount> rates{};  // by code; 0 for services without a queue
  const int age_years = sw.year - p.birth_year[i];
  for_each_status_module([&](auto module, auto) {
    using Module = typename decltype(module)::type;
    constexpr int k = kServiceCodeOf<Module>;
    const auto& service = plan.status_of<Module>();
    if (eligible_for<Module>(p, i, service, age_years)) rates[k] = service.referral_rate * multiplier;
    // A municipality responding to its co-payment bill sends more people to the service whose
    // places it opens (docs/capacity.md).
    if constexpr (kRaisedByMunicipalityResponse<Module>)
      if (sw.rehabilitative_added_share != nullptr) rates[k] *= 1.0 + sw.rehabilitative_added_share[p.municipality[i]];
  });
  double total = 0;
  for (int k = 0; k < scenario::kServiceCount; ++k) total += rates[k];
  if (total <= 0) return;
  const double probability = draws.referral_probability.of(total);  // -expm1(-total)
  const double u = uniform(draws.referral, i);
  if (u >= probability) return;
  double target = u / probability * total, cumulative = 0;
  int chosen = scenario::kServiceCount - 1;
  for (int k = 0; k < scenario::kServiceCount; ++k) {
    if (rates[k] <= 0) continue;
    chosen = k;
    cumulative += rates[k];
    if (target < cumulative) break;
  }
  p.waiting_for[i] = static_cast<std::uint8_t>(chosen + 1);
  p.waiting_since[i] = static_cast<std::uint16_t>(sw.week);
  totals.referrals[chosen] += 1;
  requests.referrals.push_back({static_cast<std::uint32_t>(i), static_cast<scenario::Service>(chosen)});
}

}  // namespace kokeilu::services
