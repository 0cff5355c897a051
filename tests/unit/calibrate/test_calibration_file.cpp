// Bad calibration files: each error names file:line:column and the key, and nothing is written.
#include <catch2/catch.hpp>

#include <sstream>

#include "calibrate/calibrate.hpp"
#include "calibrate/calibration_file.hpp"
#include "calibration_files.hpp"
#include "scenario/scenario_files.hpp"

using namespace kokeilu;
using namespace kokeilu::testing;

namespace {
const std::string kTarget = "  - {statistic: job_hazard, value: 0.06, period: [2012-10-01, 2013-06-30], source: test}\n";
}

TEST_CASE("a bad calibration file is reported where it is wrong, and nothing is written", "[calibrate][errors]") {
  struct Case {
    std::string parameters;
    std::string targets;
    std::string needle;   // where the error must point
    std::string message;
  };
  const Case cases[] = {
      {kMatchingEfficiency, "  - {statistic: job_hazards, value: 0.06, period: [2012-10-01, 2013-06-30], source: test}\n",
       "job_hazards", "targets[0].statistic: no statistic `job_hazards`"},
      {kMatchingEfficiency, "  - {statistic: activation_rate.Gamma, value: 0.2, period: [2012-10-01, 2013-06-30], source: test}\n",
       "activation_rate.Gamma", "takes a municipality of the scenario: Alpha, Beta"},
      {"  - {path: 'region.markets[small-area].matching_efficiency', min: 0.03, max: 0.05, start: 0.1}\n", kTarget,
       "0.1}", "parameters[0].start: the start value 0.1 is outside the bounds [0.03, 0.05]"},
      {"  - {path: 'region.markets[small-area].matching_efficiency', min: 0.1, max: 0.2}\n", kTarget,
       "'region", "the scenario's value 0.066 (the start value) is outside the bounds [0.1, 0.2]"},
      {"  - {path: 'region.markets[small-area].name', min: 0, max: 1}\n", kTarget, "'region", "not a number"},
      {"  - {path: behaviour.search_effort.nothing, min: 0, max: 1}\n", kTarget, "behaviour.search", "nothing"},
      {kMatchingEfficiency, "  - {statistic: job_hazard, value: 0.06, period: [2012-10-01, 2014-06-30], source: test}\n",
       "[2012-10-01, 2014", "targets[0].period: the period must lie within the scenario's reported period"},
      {kMatchingEfficiency, "  - {statistic: job_hazard, value: 0.06, period: [2012-10-01, 2013-06-30]}\n",
       "{statistic", "targets[0].source: missing required key `source`"},
      // A factor tying several paths: its own mistakes.
      {"  - {name: effort, scale: ['behaviour.search_effort.duration[0]', behaviour.search_effort.nothing], min: 0.5, max: 2}\n",
       kTarget, "behaviour.search_effort.nothing", "nothing"},
      {"  - {name: effort, scale: ['region.markets[small-area].name'], min: 0.5, max: 2}\n", kTarget, "'region",
       "not a number"},
      {"  - {name: effort, path: behaviour.search_effort.intercept, scale: ['behaviour.search_effort.duration[0]'], min: 0.5, max: 2}\n",
       kTarget, "behaviour.search_effort.intercept", "parameters[0].path: a parameter has a `path` or a `scale` list"},
      {"  - {name: effort, scale: [], min: 0.5, max: 2}\n", kTarget, "[]", "parameters[0].scale: needs at least one key path"},
      {"  - {name: effort, scale: ['behaviour.search_effort.duration[0]'], min: 1.5, max: 2}\n", kTarget, "effort",
       "(the start value) is outside the bounds [1.5, 2]"},
      {"  - {name: effort, path: behaviour.search_effort.intercept, min: -1, max: 1}\n", kTarget, "effort",
       "parameters[0].name: `name` is for a factor"},
      {"  - {path: 'behaviour.search_effort.duration[1]', min: -2, max: 1}\n"
       "  - {name: effort, scale: ['behaviour.search_effort.duration[0]', 'behaviour.search_effort.duration[1]'], min: 0.5, max: 2}\n",
       kTarget, "'behaviour.search_effort.duration[1]']", "the parameter `behaviour.search_effort.duration[1]` is given twice"},
      {"  - {name: effort, scale: ['behaviour.search_effort.duration[0]', 'behaviour.search_effort.duration[0]'], min: 0.5, max: 2}\n",
       kTarget, "'behaviour.search_effort.duration[0]']", "is given twice in this factor"},
  };
  for (const auto& c : cases) {
    TempFolder folder;
    const std::string text = small_calibration(c.parameters, c.targets);
    const auto file = folder.write("calibration.yaml", text);
    CAPTURE(c.message);
    calibrate::CalibrateOptions options;
    options.calibration_file = file.string();
    std::ostringstream out;
    const auto error = config_error_of([&] { calibrate::run_calibration(options, out); });
    CHECK_THAT(error.what(), Catch::Contains(c.message));
    CHECK(error.where().file == file.lexically_normal().string());
    const auto at = position_of(text, c.needle);
    CHECK(error.where().line == at.line);
    CHECK(error.where().column == at.column);
    CHECK(folder.files() == std::vector<std::string>{"calibration.yaml"});
  }
}

TEST_CASE("a factor sets each of its paths to the scenario's value times the factor", "[calibrate][factor]") {
  TempFolder folder;
  const std::string parameters =
      "  - {name: effort, scale: ['behaviour.search_effort.duration[0]', 'region.markets[small-area].matching_efficiency'],"
      " min: 0.5, max: 2}\n";
  const auto file = folder.write("calibration.yaml", small_calibration(parameters, kTarget));
  std::optional<scenario::SourceTree> tree;
  const auto c = calibrate::read_calibration(file, tree);
  REQUIRE(c.parameters.size() == 1);
  CHECK(c.parameters[0].path == "effort");
  CHECK(c.parameters[0].start == 1.0);
  const double duration0 = c.parameters[0].scaled_values[0];
  CHECK(c.parameters[0].scaled_values[1] == 0.066);
  const std::vector<double> values{1.5};
  const auto settings = calibrate::settings_of(c, values);
  REQUIRE(settings.size() == 2);
  CHECK(settings[0].path == "behaviour.search_effort.duration[0]");
  CHECK(std::stod(settings[0].value) == Approx(1.5 * duration0));
  CHECK(settings[1].path == "region.markets[small-area].matching_efficiency");
  CHECK(std::stod(settings[1].value) == Approx(0.099));
  // The scenario the evaluation runs holds the scaled values.
  const auto spec = tree->scenario(settings);
  CHECK(spec.markets[0].matching_efficiency == Approx(0.099));
  CHECK(spec.behaviour.search_effort.duration[0] == Approx(1.5 * duration0));
}
