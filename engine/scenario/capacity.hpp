#pragma once
// What a design's stated staff and budget mean in places (docs/capacity.md), shared by the loader
// (which checks that a budget can buy something) and the service plans (which turn it into places).
#include <algorithm>

#include "scenario/design_spec.hpp"

namespace kokeilu::scenario {

inline constexpr Service kPlacedServices[] = {Service::training, Service::rehabilitative_work, Service::pay_subsidy,
                                              Service::work_trial};

/// The spec of a placed service (training, rehabilitative work, pay subsidy, work trial).
inline const PlacedServiceSpec& placed_spec(const DesignSpec& design, Service service) {
  switch (service) {
    case Service::training: return design.training;
    case Service::rehabilitative_work: return design.rehabilitative_work;
    case Service::pay_subsidy: return design.pay_subsidy;
    default: return design.work_trial;
  }
}

/// What a place-week of a placed service costs, for a budget, in EUR: its `cost_eur_per_week`;
/// for rehabilitative work also the participant's allowance; for pay-subsidised work also the
/// subsidy at its highest rate, 50 % of the pay cost within the monthly cap (rule 2015 - mid-2023),
/// so that a budget never buys more places than it can pay for (a month is 52/12 weeks, as the
/// step pays it).
inline double cost_per_place_week_eur(const DesignSpec& design, Service service) {
  double eur = placed_spec(design, service).cost_eur_per_week;
  if (service == Service::rehabilitative_work)
    eur += design.rehabilitative_work.participant_eur_per_day * design.rehabilitative_work.days_per_week;
  if (service == Service::pay_subsidy)
    eur += std::min(design.pay_subsidy.monthly_pay_cost_eur * 0.5, design.pay_subsidy.monthly_cap_eur) * 12.0 / 52.0;
  return eur;
}

/// A budget's weight on a placed service: its stated places times its cost, 0 when it is off or
/// free. The budget buys places in proportion to these weights.
inline double budget_weight(const DesignSpec& design, Service service) {
  const auto& s = placed_spec(design, service);
  return s.enabled ? s.places_per_10000_persons * cost_per_place_week_eur(design, service) : 0.0;
}

inline constexpr double kBudgetWeeksPerYear = 52.0;

}  // namespace kokeilu::scenario
