#pragma once
// What a design's stated staff and budget mean in places (docs/capacity.md), shared by the loader
// (which checks that a budget can buy something) and the service plans (which turn it into places).
// The placed services are the modules with a status (services::StatusModules).
#include <algorithm>

#include "scenario/design_spec.hpp"

namespace kokeilu::scenario {

/// What a place-week of a placed service costs, for a budget, in EUR: its `cost_eur_per_week`,
/// and what its module adds (rehabilitative work: the participant's allowance; pay-subsidised
/// work: the subsidy at its highest rate).
template <class Module>
double cost_per_place_week_eur(const typename Module::Spec& spec) {
  if constexpr (requires { Module::cost_per_place_week_eur(spec); }) return Module::cost_per_place_week_eur(spec);
  else return spec.cost_eur_per_week;
}

/// A budget's weight on a placed service: its stated places times its cost, 0 when it is off or
/// free. The budget buys places in proportion to these weights.
template <class Module>
double budget_weight(const DesignSpec& design) {
  const auto& spec = design.module<Module>();
  return spec.enabled ? spec.places_per_10000_persons * cost_per_place_week_eur<Module>(spec) : 0.0;
}

/// The same, for the placed service of a code (none: 0).
inline double cost_per_place_week_eur(const DesignSpec& design, Service service) {
  double eur = 0;
  services::for_each_status_module([&](auto module, auto) {
    using Module = typename decltype(module)::type;
    if (Module::kName == kServiceNames[static_cast<int>(service)])
      eur = cost_per_place_week_eur<Module>(design.module<Module>());
  });
  return eur;
}

/// The budget's weights summed over the placed services.
inline double total_budget_weight(const DesignSpec& design) {
  double weight = 0;
  services::for_each_status_module([&](auto module, auto) { weight += budget_weight<typename decltype(module)::type>(design); });
  return weight;
}

inline constexpr double kBudgetWeeksPerYear = 52.0;

}  // namespace kokeilu::scenario
