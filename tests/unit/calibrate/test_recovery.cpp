// A tiny calibration recovers a known parameter from a target simulated with it: fails if the
// statistics, the settings or the optimiser break. Then --resume replays it without a run.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "calibrate/calibrate.hpp"
#include "calibrate/evaluation.hpp"
#include "calibration_files.hpp"
#include "scenario/load.hpp"
#include "scenario/settings.hpp"
#include "support/temp_folder.hpp"

using namespace kokeilu;
using namespace kokeilu::testing;

namespace {

/// The job-finding hazard of the small scenario with its own matching efficiency (0.066), over
/// the same weeks as the target below.
double simulated_job_hazard(const scenario::ScenarioSpec& spec) {
  const auto weeks = calibrate::pooled_runs(spec, spec.run.seed, 1, 2, nullptr);
  std::string why;
  const auto statistic = calibrate::parse_statistic("job_hazard", spec, why);
  REQUIRE(statistic);
  const Calendar calendar(spec.run.start, spec.run.end);
  return calibrate::compute(*statistic, {weeks, 1, calendar.week_of(Date{std::chrono::year{2012} / 10 / 1}),
                                         calendar.week_of(Date{std::chrono::year{2013} / 6 / 30})});
}

std::string read(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

TEST_CASE("a calibration recovers the matching efficiency that made its target", "[calibrate]") {
  const auto spec = scenario::load_scenario(kSmallScenario);
  REQUIRE(spec.markets[0].matching_efficiency == 0.066);
  const double target = simulated_job_hazard(spec);

  TempFolder folder;
  const auto file = folder.write(
      "calibration.yaml",
      small_calibration(kMatchingEfficiency,
                        "  - {statistic: job_hazard, value: " + scenario::number_text(target) +
                            ", period: [2012-10-01, 2013-06-30], source: test}\n",
                        "{global: crs2, global_evaluations: 8, local: sbplx, local_evaluations: 30, "
                        "relative_tolerance: 0.001}"));
  calibrate::CalibrateOptions options;
  options.calibration_file = file.string();
  options.threads = 2;
  std::ostringstream out;
  REQUIRE(calibrate::run_calibration(options, out) == 0);
  INFO(out.str());

  // The overlay holds the fitted value, near the one that made the target (the hazard moves
  // with the efficiency, and common random numbers keep the objective from jumping).
  const std::string overlay = read(folder / "fitted.yaml");
  const auto at = overlay.find("region.markets[small-area].matching_efficiency: ");
  REQUIRE(at != std::string::npos);
  const double fitted = std::stod(overlay.substr(at + std::string("region.markets[small-area].matching_efficiency: ").size()));
  CHECK(fitted == Approx(0.066).epsilon(0.05));
  CHECK(std::abs(fitted - 0.1) > 0.02);  // it moved from its start
  CHECK_THAT(read(folder / "fitted-fit.txt"), Catch::Contains("job_hazard"));

  // --resume: every point the optimiser asks for again is in the log, which it leaves as it was
  // (one line per evaluation: the replayed ones are not appended a second time).
  const std::string log = read(folder / "fitted-evaluations.tsv");
  options.resume = true;
  std::ostringstream again;
  REQUIRE(calibrate::run_calibration(options, again) == 0);
  CHECK_THAT(again.str(), Catch::Contains("(0 simulated"));
  CHECK(read(folder / "fitted.yaml") == overlay);
  CHECK(read(folder / "fitted-evaluations.tsv") == log);
}
