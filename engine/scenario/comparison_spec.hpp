#pragma once
// A counterfactual comparison: several arms (policy designs) run on the same population, the
// same labour market and the same random streams, for several replications.
#include <optional>
#include <string>
#include <vector>

#include "core/calendar.hpp"
#include "scenario/design_spec.hpp"
#include "scenario/spec.hpp"
#include "scenario/uncertain.hpp"

namespace kokeilu::scenario {

struct ArmSpec {
  std::string name;
  /// The pilot design of this arm, its period set to the comparison's pilot period; none for
  /// the baseline arm (the baseline process throughout).
  std::optional<DesignSpec> pilot_design;
  std::string design_file;  // as resolved, for the record; empty for the baseline arm
};

/// One parameter set per replication (scenario/uncertain.hpp, load.hpp draw_parameters): the same
/// in every arm of a replication. Empty when the comparison states no distribution or runs at
/// the central values (`compare --fixed-parameters`).
struct ParameterDraws {
  std::vector<UncertainParameter> parameters;
  std::vector<std::vector<double>> values;                       // [replication][parameter]
  std::vector<std::vector<std::optional<DesignSpec>>> pilot_designs;  // [replication][arm], as drawn
  /// [replication]: the base (region, behaviour, benefits, baseline design) as drawn, when a
  /// parameter acts in the history; empty when every parameter lies in an arm's design.
  std::vector<ScenarioSpec> bases;
  bool empty() const { return values.empty(); }
  /// Whether each replication runs its own history (a drawn parameter acts in it).
  bool per_replication_history() const { return !bases.empty(); }
};

struct ComparisonSpec {
  std::string name;
  std::string description;
  std::string source_file;
  std::string resolved_text;  // every include inlined and overrides applied: written to /meta
  /// Population, labour market, behaviour, benefits, the baseline design, seed and the whole
  /// simulated period (run.start .. run.end = pilot_end + follow_up_weeks). No pilot design.
  ScenarioSpec base;
  Date pilot_start;             // every arm's pilot runs over the same period
  Date pilot_end;               // inclusive
  int follow_up_weeks = 52;     // weeks simulated after the pilot period
  int replications = 5;         // >= 1; replication r uses random stream r
  std::vector<ArmSpec> arms;    // arms[0] is the baseline arm (no pilot design); names unique
  ParameterDraws draws;         // empty: every replication runs at the values as read

  /// The base of replication `r`: drawn when a parameter acts in the history, else `base`.
  const ScenarioSpec& base_of(std::size_t r) const {
    return draws.per_replication_history() ? draws.bases.at(r) : base;
  }
  /// The scenario of arm `a`: base with the arm's pilot design.
  ScenarioSpec arm_scenario(std::size_t a) const {
    ScenarioSpec spec = base;
    spec.pilot_design = arms.at(a).pilot_design;
    return spec;
  }
  /// The scenario of arm `a` in replication `r`: its pilot design (and base) as drawn for `r`.
  ScenarioSpec arm_scenario(std::size_t a, std::size_t r) const {
    if (draws.empty()) return arm_scenario(a);
    ScenarioSpec spec = draws.per_replication_history() ? draws.bases.at(r) : base;
    spec.pilot_design = draws.pilot_designs.at(r).at(a);
    return spec;
  }
};

}  // namespace kokeilu::scenario
