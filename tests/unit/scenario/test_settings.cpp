// Settings: values put at a key path of the resolved tree before it is read (calibration,
// sweeps and parameter draws all change a scenario this way).
#include <catch2/catch.hpp>

#include <filesystem>

#include "scenario/load.hpp"
#include "scenario_files.hpp"

using namespace kokeilu;
using namespace kokeilu::scenario;
using kokeilu::testing::config_error_of;
namespace fs = std::filesystem;

namespace {
const fs::path kScenarios = fs::path(KOKEILU_SOURCE_DIR) / "scenarios";
const SourceLocation kHere{"settings.yaml", 3, 5};

Setting set(std::string path, std::string value) { return {std::move(path), std::move(value), kHere}; }
}  // namespace

TEST_CASE("a setting changes one value of a scenario, in an included file", "[scenario][settings]") {
  const auto tree = SourceTree::read(kScenarios / "satakunta-2012-2016-baseline.yaml");
  const auto plain = tree.scenario();
  const Setting settings[] = {set("behaviour.search_effort.duration[2]", number_text(-0.5)),
                              set("region.markets[pori-area].matching_efficiency", "0.07")};
  const auto changed = tree.scenario(settings);

  CHECK(changed.behaviour.search_effort.duration[2] == -0.5);
  CHECK(changed.markets[0].matching_efficiency == 0.07);
  CHECK(changed.behaviour.search_effort.duration[1] == plain.behaviour.search_effort.duration[1]);
  CHECK(changed.markets[1].matching_efficiency == plain.markets[1].matching_efficiency);
  // The tree read once is not changed by a setting.
  CHECK(tree.scenario().behaviour.search_effort.duration[2] == plain.behaviour.search_effort.duration[2]);
  CHECK(number_at(tree.root(), "behaviour.search_effort.duration[2]", kHere) ==
        plain.behaviour.search_effort.duration[2]);
}

TEST_CASE("a setting reaches an arm's design through inherit and overrides", "[scenario][settings]") {
  const auto tree = SourceTree::read(kScenarios / "compare-satakunta-2012-2016.yaml");
  // The caseload is stated in pilot-2012-2015.yaml; `supplement_eur_per_day` of the 2020-2022
  // design comes through its `inherit` of the baseline design for what it does not state.
  const Setting settings[] = {set("arms[pilot-2012-2015].design.services.coach.caseload", "77"),
                              set("arms[2].design.services.training.cost_eur_per_week", "333")};
  const auto comparison = tree.comparison(settings);
  CHECK(comparison.arms[1].pilot_design->module<services::Coach>().caseload == 77);
  CHECK(comparison.arms[2].pilot_design->module<services::Training>().cost_eur_per_week == 333);
  CHECK(comparison.arms[3].pilot_design->module<services::Coach>().caseload == tree.comparison().arms[3].pilot_design->module<services::Coach>().caseload);
}

TEST_CASE("number_text reads back to the same double", "[scenario][settings]") {
  for (const double x : {0.1, -3.857, 1e-12, 123456789.123, 2.0 / 3.0}) CHECK(std::stod(number_text(x)) == x);
}

TEST_CASE("a bad setting is reported where it was stated", "[scenario][settings][errors]") {
  const auto tree = SourceTree::read(kScenarios / "satakunta-2012-2016-baseline.yaml");
  struct Case {
    const char* path;
    const char* value;
    const char* message;
  };
  const Case cases[] = {
      {"behaviour.search_effort.nonsense", "1", "names nothing: there is no `behaviour.search_effort.nonsense`"},
      {"behaviour.search_effort.duration[9]", "1", "has no such item (7 items)"},
      {"region.markets[nowhere].matching_efficiency", "1", "has no such item"},
      {"behaviour.search_effort", "1", "names a mapping, not one value"},
      {"behaviour..search_effort", "1", "is not a key path"},
      {"behaviour.search_effort.duration.x", "1", "is not a mapping of keys"},
      {"region.markets[0].matching_efficiency", "-1", "must be"},  // checked like a value in a file
  };
  for (const auto& c : cases) {
    INFO(c.path);
    const Setting settings[] = {set(c.path, c.value)};
    const auto error = config_error_of([&] { tree.scenario(settings); });
    CHECK(error.where().file == kHere.file);
    CHECK(error.where().line == kHere.line);
    CHECK_THAT(error.what(), Catch::Contains(c.message));
  }
  const auto not_a_number = config_error_of([&] { number_at(tree.root(), "name", kHere); });
  CHECK_THAT(not_a_number.what(), Catch::Contains("not a number"));
  CHECK(not_a_number.where().line == kHere.line);
}
