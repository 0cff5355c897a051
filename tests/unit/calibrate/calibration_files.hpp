#pragma once
// A small calibration of tests/data/run-small.yaml (two towns of 2,000 persons, one year), written
// to a temporary folder: the pieces the tests change are parameters, targets and optimiser.
#include <filesystem>
#include <string>

namespace kokeilu::testing {

inline const std::filesystem::path kSmallScenario = std::filesystem::path(KOKEILU_TEST_DATA_DIR) / "run-small.yaml";

inline std::string small_calibration(const std::string& parameters, const std::string& targets,
                                     const std::string& optimiser = "{global: none, local: sbplx, local_evaluations: 5}") {
  return "name: small\n"
         "scenario: " + kSmallScenario.string() + "\n"
         "replications: 1\n"
         "output: fitted\n"
         "optimiser: " + optimiser + "\n"
         "parameters:\n" + parameters +
         "targets:\n" + targets;
}

inline const std::string kMatchingEfficiency =
    "  - {path: 'region.markets[small-area].matching_efficiency', min: 0.03, max: 0.2, start: 0.1}\n";

}  // namespace kokeilu::testing
