// The top-level `settings:` of a scenario file: inline or an included overlay (what calibrate
// writes), applied to the resolved tree; a bad one is reported in the file that states it.
#include <catch2/catch.hpp>

#include "scenario/load.hpp"
#include "scenario/scenario_files.hpp"

using namespace kokeilu;
using namespace kokeilu::testing;

namespace {

const std::filesystem::path kScenarios = std::filesystem::path(KOKEILU_SOURCE_DIR) / "scenarios";

std::string scenario_text(const std::string& settings) {
  return "name: settings-test\n"
         "run: {seed: 1, start: 2012-09-03, end: 2013-08-31}\n"
         "region: " + (kScenarios / "regions/satakunta.yaml").string() + "\n"
         "behaviour: " + (kScenarios / "behaviour/finland-2015.yaml").string() + "\n"
         "benefits: " + (kScenarios / "benefits/finland.yaml").string() + "\n"
         "baseline_design: " + (kScenarios / "designs/baseline-te-office.yaml").string() + "\n" + settings;
}

}  // namespace

TEST_CASE("a scenario's settings put values at key paths, inline or from an overlay file", "[scenario][settings]") {
  TempFolder folder;
  const auto plain = scenario::load_scenario(folder.write("plain.yaml", scenario_text("")));
  const auto inline_settings = scenario::load_scenario(folder.write(
      "inline.yaml", scenario_text("settings:\n  behaviour.search_effort.duration[3]: -1.25\n"
                                   "  baseline_design.services.training.places_per_10000_persons: 90\n")));
  CHECK(inline_settings.behaviour.search_effort.duration[3] == -1.25);
  CHECK(inline_settings.baseline_design.module<services::Training>().places_per_10000_persons == 90);
  CHECK(inline_settings.behaviour.search_effort.duration[2] == plain.behaviour.search_effort.duration[2]);
  // What was run shows the values set, not the settings.
  CHECK_THAT(inline_settings.resolved_text, !Catch::Contains("\nsettings:"));

  folder.write("overlay.yaml", "'region.markets[pori-area].matching_efficiency': 0.08\n");
  const auto overlaid = scenario::load_scenario(folder.write("overlaid.yaml", scenario_text("settings: overlay.yaml\n")));
  CHECK(overlaid.markets[0].matching_efficiency == 0.08);
  CHECK(overlaid.markets[1].matching_efficiency == plain.markets[1].matching_efficiency);
}

TEST_CASE("a bad setting is reported in the overlay that states it", "[scenario][settings][errors]") {
  TempFolder folder;
  const std::string overlay = "behaviour.search_effort.duration[2]: -1.0\nbehaviour.search_effort.nothing: 1\n";
  const auto overlay_file = folder.write("overlay.yaml", overlay);
  const auto error = config_error_of(
      [&] { scenario::load_scenario(folder.write("scenario.yaml", scenario_text("settings: overlay.yaml\n"))); });
  CHECK_THAT(error.what(), Catch::Contains("names nothing"));
  CHECK(error.where().file == overlay_file.lexically_normal().string());
  CHECK(error.where().line == 2);

  // A value the scenario's own checks refuse is reported there too.
  folder.write("negative.yaml", "baseline_design.services.training.places_per_10000_persons: -5\n");
  const auto negative = config_error_of(
      [&] { scenario::load_scenario(folder.write("negative-scenario.yaml", scenario_text("settings: negative.yaml\n"))); });
  CHECK(negative.where().file == (folder / "negative.yaml").lexically_normal().string());

  const auto nested = config_error_of([&] {
    scenario::load_scenario(folder.write("nested.yaml", scenario_text("settings:\n  behaviour.search_effort.duration: [1, 2]\n")));
  });
  CHECK_THAT(nested.what(), Catch::Contains("a setting is one value"));
}
