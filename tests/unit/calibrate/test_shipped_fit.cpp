// The shipped Satakunta baseline, with its fitted overlay, still meets the job-finding and
// service targets of its calibration file (the 2015 table of DOMAIN.md): a change of the model that breaks the
// fit fails here, and the answer is a refit (docs/calibration.md).
#include <catch2/catch.hpp>

#include <cmath>

#include "calibrate/calibration_file.hpp"
#include "calibrate/evaluation.hpp"

using namespace kokeilu;
using namespace kokeilu::calibrate;

TEST_CASE("the shipped Satakunta baseline meets its job-finding and service targets", "[calibrate][shipped]") {
  std::optional<scenario::SourceTree> tree;
  const auto calibration = read_calibration(
      std::filesystem::path(KOKEILU_SOURCE_DIR) / "scenarios" / "calibration" / "satakunta-baseline.yaml", tree);
  // Start values default to the scenario's, which includes the fitted overlay.
  std::vector<double> fitted;
  for (const auto& p : calibration.parameters) fitted.push_back(p.start);
  const Evaluator evaluator(calibration, *tree, 2, nullptr);
  const auto simulated = evaluator.simulate(fitted);
  int checked = 0;
  std::vector<double> into_services;
  for (std::size_t k = 0; k < calibration.targets.size(); ++k) {
    const auto& t = calibration.targets[k];
    // Rehabilitative work's fitted referral rate holds the activation rate at about 21.5 % (it
    // was 19.9 %; 25.1 % needs services the model lacks: docs/calibration.md).
    if (t.statistic.quantity == Quantity::activation_rate) CHECK(simulated[k] > 0.21);
    const bool job = t.statistic.quantity == Quantity::job_hazard;
    const bool service = t.statistic.quantity == Quantity::service_hazard;
    if (!job && !service) continue;
    CAPTURE(t.statistic.name, t.value, simulated[k]);
    CHECK(std::fabs(simulated[k] / t.value - 1) <= 0.25);  // the fit leaves some brackets at +/-18 %
    if (service) into_services.push_back(simulated[k]);
    ++checked;
  }
  CHECK(checked == 14);
  // The shape of the 2015 table: the hazard into services falls with the spell (it rose when
  // the TE office's queues were served longest spell first).
  REQUIRE(into_services.size() == 7);
  CHECK(into_services.front() > 3 * into_services.back());
}
