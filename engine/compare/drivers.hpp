#pragma once
// Which drawn parameters drive a comparison's headline effects: a first-order variance
// decomposition over the replications' parameter draws (scenario/uncertain.hpp). For a number,
// the squared correlation of the draw with the effect (its standardised regression coefficient
// squared: with independent draws, the linear first-order Sobol index); for a choice, the
// correlation ratio eta^2 (the share of the effect's variance between the choices: the
// first-order Sobol index of a discrete factor). What no single parameter explains is left to
// interactions and simulation noise. analysis/drivers.py computes the same with statsmodels.
#include <string>
#include <vector>

#include "compare/comparison.hpp"
#include "scenario/comparison_spec.hpp"

namespace kokeilu::compare {

struct Driver {
  std::size_t parameter = 0;  // index in spec.draws.parameters
  double share = 0;           // of the effect's variance across replications, 0..1
  double sign = 0;            // +1/-1: the effect rises/falls with a number; 0 for a choice
};

/// The first-order share of each parameter in the variance of `effects` (one per replication),
/// largest first. Empty when nothing is drawn or the effect does not vary.
std::vector<Driver> first_order_drivers(const scenario::ParameterDraws& draws, const std::vector<double>& effects);

/// The section `kokeilu compare` prints after its summary: for each arm, the drivers of its effect
/// on open employment (its target group and everyone) at the end of the pilot. Empty when no
/// parameter is drawn.
std::string format_parameter_drivers(const scenario::ComparisonSpec& spec, const ComparisonResult& result);

}  // namespace kokeilu::compare
