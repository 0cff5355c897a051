// Behaviour: the transition hazards and the calibration targets. Omitted hazards and keys keep
// the defaults of spec.hpp (a hazard's default is "never").
#include "scenario/readers.hpp"

namespace kokeilu::scenario::detail {

using namespace yaml;

namespace {

void read_hazard(const Node& node, HazardSpec& hazard) {
  check_keys(node, {"intercept", "covariates", "duration"});
  read_optional(node, "intercept", hazard.intercept, kCoefficient);
  if (const Node* covariates = optional(node, "covariates")) {
    expect_mapping(*covariates, "a mapping of covariate names to log rate ratios");
    check_keys(*covariates, kCovariateNames);
    for (const auto& e : covariates->entries)
      hazard.covariates[static_cast<std::size_t>(*code_of(kCovariateNames, e.key))] = as_double(e.value, kCoefficient);
  }
  if (const Node* duration = optional(node, "duration")) {
    expect_sequence(*duration, "a list of log rate ratios by spell bracket");
    if (duration->items.size() != kDurationBracketCount)
      fail(*duration, "expected " + std::to_string(kDurationBracketCount) +
                          " values (brackets from weeks 0, 4, 13, 26, 52, 78, 104), found " +
                          std::to_string(duration->items.size()));
    for (std::size_t b = 0; b < kDurationBracketCount; ++b) hazard.duration[b] = as_double(duration->items[b], kCoefficient);
  }
}

}  // namespace

BehaviourSpec read_behaviour(const Node& node) {
  check_keys(node, {"matching", "search_effort", "separation", "employed_to_inactive", "unemployed_to_inactive",
                    "inactive_to_unemployed", "inactive_to_employed", "retirement_age_years", "calibration"});
  BehaviourSpec behaviour;
  if (const Node* matching = optional(node, "matching")) {
    check_keys(*matching, {"enabled"});
    read_optional(*matching, "enabled", behaviour.matching_enabled);
  }
  const std::pair<std::string_view, HazardSpec*> hazards[] = {
      {"search_effort", &behaviour.search_effort},
      {"separation", &behaviour.separation},
      {"employed_to_inactive", &behaviour.employed_to_inactive},
      {"unemployed_to_inactive", &behaviour.unemployed_to_inactive},
      {"inactive_to_unemployed", &behaviour.inactive_to_unemployed},
      {"inactive_to_employed", &behaviour.inactive_to_employed}};
  for (const auto& [key, hazard] : hazards)
    if (const Node* value = optional(node, key)) read_hazard(*value, *hazard);
  // Persons are of working age (15-64) at the start; retirement must come after that.
  read_optional(node, "retirement_age_years", behaviour.retirement_age_years, 16, 100);

  if (const Node* calibration = optional(node, "calibration")) {
    check_keys(*calibration, {"target_monthly_job_finding", "tolerance"});
    if (const Node* targets = optional(*calibration, "target_monthly_job_finding")) {
      expect_sequence(*targets, "a list of monthly probabilities by spell bracket");
      if (targets->items.size() != kDurationBracketCount)
        fail(*targets, "expected " + std::to_string(kDurationBracketCount) + " values (one per spell bracket), found " +
                           std::to_string(targets->items.size()));
      for (const auto& item : targets->items) behaviour.target_monthly_job_finding.push_back(as_double(item, kProbability));
    }
    read_optional(*calibration, "tolerance", behaviour.calibration_tolerance, Bounds{0, 10, true, false, "a relative tolerance"});
  }
  return behaviour;
}

}  // namespace kokeilu::scenario::detail
