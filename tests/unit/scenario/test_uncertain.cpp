// Uncertain parameters: distributions in the files, their central values, one draw per
// replication shared by every arm, and the errors of a bad distribution.
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "scenario/load.hpp"
#include "scenario/uncertain.hpp"
#include "scenario_files.hpp"
#include "support/temp_folder.hpp"

using namespace kokeilu;
using namespace kokeilu::scenario;
using kokeilu::testing::config_error_of;
using kokeilu::testing::position_of;
using kokeilu::testing::TempFolder;
namespace fs = std::filesystem;

namespace {

const fs::path kScenarios = fs::path(KOKEILU_SOURCE_DIR) / "scenarios";

/// The default comparison's shared parts (absolute paths) with `arms` and `extra` lines.
std::string comparison_text(const std::string& arms, const std::string& replications = "4") {
  const auto dir = kScenarios.string();
  return "name: uncertain\nregion: " + dir + "/regions/satakunta.yaml\nbehaviour: " + dir +
         "/behaviour/finland-2015.yaml\nbenefits: " + dir + "/benefits/finland.yaml\nbaseline_design: " + dir +
         "/designs/baseline-te-office.yaml\nrun: {seed: 7, start: 2012-09-03}\n"
         "pilot_period: {start: 2012-09-03, end: 2013-12-31}\nfollow_up_weeks: 4\nreplications: " +
         replications + "\narms:\n  - name: baseline\n" + arms;
}

const UncertainParameter* named(const std::vector<UncertainParameter>& parameters, const std::string& path) {
  for (const auto& p : parameters)
    for (const auto& q : p.paths)
      if (q == path) return &p;
  return nullptr;
}

}  // namespace

TEST_CASE("the shipped designs' distributions are read at their central values", "[scenario][uncertain]") {
  const auto tree = SourceTree::read(kScenarios / "compare-satakunta-2012-2016.yaml");
  const auto& parameters = tree.parameters();
  CHECK(parameters.size() == 10);
  const auto* priority = named(parameters, "arms[pilot-2020-2022].design.priority");
  REQUIRE(priority != nullptr);
  CHECK(priority->is_choice());
  CHECK(priority->central == "closest_to_labour_market_first");  // the first of equal weights
  CHECK(priority->source == "none");
  const auto* referral = named(parameters, "arms[pilot-2012-2015].design.services.coach.referral_rate_multiplier");
  REQUIRE(referral != nullptr);
  CHECK(referral->kind == DistributionKind::triangular);
  CHECK(referral->central == "2");  // the mode
  CHECK(referral->where.file == (kScenarios / "compare-satakunta-2012-2016.yaml").parent_path().string() +
                                    "/designs/pilot-2012-2015.yaml");

  const auto central = tree.comparison();
  CHECK(central.draws.empty());
  CHECK(central.arms[1].pilot_design->module<services::Coach>().referral_rate_multiplier == 2.0);
  CHECK(central.arms[1].pilot_design->module<services::Coach>().caseload == 120);
  CHECK(central.arms[2].pilot_design->priority == PriorityRule::closest_to_labour_market_first);
  CHECK(central.arms[3].pilot_design->priority == PriorityRule::longest_spell_first);
  CHECK(central.arms[3].pilot_design->module<services::Coach>().search_effort_multiplier == 1.12);
  // A design read alone, and a single run, take the central values too.
  CHECK(load_design(kScenarios / "designs/pilot-2020-2022.yaml").module<services::Coach>().referral_rate_multiplier == 1.5);
  CHECK(load_scenario(kScenarios / "satakunta-2012-2016-pilot-2020-2022.yaml").pilot_design->priority ==
        PriorityRule::closest_to_labour_market_first);
}

TEST_CASE("a draw is a pure function of seed, replication and parameter", "[scenario][uncertain]") {
  const auto tree = SourceTree::read(kScenarios / "compare-satakunta-2012-2016.yaml");
  const auto& parameters = tree.parameters();
  const auto a = draw(parameters, 11, 3);
  CHECK(a == draw(parameters, 11, 3));
  CHECK(a != draw(parameters, 11, 4));
  CHECK(a != draw(parameters, 12, 3));
  // Within the support, and a choice's frequency near its weight (fixed seeds: not flaky).
  int longest = 0;
  constexpr int kDraws = 2000;
  const auto* referral = named(parameters, "arms[pilot-2012-2015].design.services.coach.referral_rate_multiplier");
  const auto referral_index = static_cast<std::size_t>(referral - parameters.data());
  const auto* priority = named(parameters, "arms[pilot-2020-2022].design.priority");
  const auto priority_index = static_cast<std::size_t>(priority - parameters.data());
  double sum = 0;
  for (std::uint32_t r = 0; r < kDraws; ++r) {
    const auto values = draw(parameters, 5, r);
    CHECK(values[referral_index] >= 1.0);
    CHECK(values[referral_index] <= 3.0);
    sum += values[referral_index];
    longest += values[priority_index] == 1.0 ? 1 : 0;
  }
  CHECK(sum / kDraws == Approx(2.0).margin(0.05));  // triangular(1, 2, 3): mean 2
  CHECK(longest == Approx(kDraws / 2).margin(kDraws / 20));
}

TEST_CASE("every arm of a replication sees the same draw", "[scenario][uncertain]") {
  TempFolder files;
  const auto design = (kScenarios / "designs/pilot-2012-2015.yaml").string();
  const auto file = files.write("comparison.yaml", comparison_text("  - name: one\n    design: " + design +
                                                                   "\n  - name: two\n    design: " + design + "\n"));
  const auto tree = SourceTree::read(file);
  // One distribution as written is one parameter, at both arms' paths.
  REQUIRE(tree.parameters().size() == 3);
  CHECK(tree.parameters()[0].paths.size() == 2);
  auto spec = tree.comparison();
  draw_parameters(tree, spec);
  REQUIRE(spec.draws.values.size() == 4);
  bool varied = false;
  for (std::size_t r = 0; r < 4; ++r) {
    const auto& one = spec.draws.pilot_designs[r][1]->module<services::Coach>();
    const auto& two = spec.draws.pilot_designs[r][2]->module<services::Coach>();
    CHECK(one.search_effort_multiplier == two.search_effort_multiplier);
    CHECK(one.referral_rate_multiplier == two.referral_rate_multiplier);
    CHECK(one.caseload == two.caseload);
    CHECK_FALSE(spec.draws.pilot_designs[r][0].has_value());  // the baseline arm
    varied = varied || one.search_effort_multiplier != spec.draws.pilot_designs[0][1]->module<services::Coach>().search_effort_multiplier;
  }
  CHECK(varied);
  // Drawn with the comparison's seed: another seed, another draw.
  auto reseeded = tree.comparison();
  reseeded.base.run.seed = 8;
  draw_parameters(tree, reseeded);
  CHECK(reseeded.draws.values != spec.draws.values);
}

TEST_CASE("the central values equal a file that states them as numbers", "[scenario][uncertain]") {
  TempFolder files;
  const auto design = (kScenarios / "designs/pilot-2020-2022.yaml").string();
  const auto drawn = SourceTree::read(files.write("drawn.yaml", comparison_text("  - name: pilot\n    design: " + design + "\n")));
  const auto plain = SourceTree::read(files.write(
      "plain.yaml", comparison_text("  - name: pilot\n    design: " + design +
                                    "\n    overrides:\n      priority: closest_to_labour_market_first\n"
                                    "      services: {coach: {caseload: 120, search_effort_multiplier: 1.15, "
                                    "referral_rate_multiplier: 1.5}}\n")));
  CHECK(plain.parameters().empty());  // an override replaces a distribution whole
  CHECK(drawn.parameters().size() == 4);
  CHECK(drawn.comparison().resolved_text == plain.comparison().resolved_text);
}

TEST_CASE("a bad distribution is reported where it is written", "[scenario][uncertain][errors]") {
  struct Case {
    const char* value;   // the arm's override of the coach's search_effort_multiplier
    const char* needle;  // where the error points
    const char* message;
  };
  const Case cases[] = {
      {"{normal: [1.2, -0.1], source: none}", "-0.1", "standard deviation cannot be negative"},
      {"{uniform: [1.3, 1.1], source: none}", "[1.3", "low (1.3) is above high (1.1)"},
      {"{triangular: [1.0, 1.5, 1.3], source: none}", "1.5,", "the mode (1.5) is outside [low, high]"},
      {"{triangular: [1.3, 1.2, 1.0], source: none}", "[1.3", "low (1.3) is above high (1)"},
      {"{one_of: [1.1, 1.2], weights: [0.5, 0.6], source: none}", "[0.5", "the weights sum to 1.1, not 1"},
      {"{one_of: [1.1, 1.2], weights: [0.5], source: none}", "[0.5", "one weight per choice"},
      {"{one_of: [1.1, 1.2], weights: [1.5, -0.5], source: none}", "-0.5", "cannot be negative"},
      {"{uniform: [1.0, 1.2]}", "{uniform", "source"},
      {"{uniform: [1.0, 1.2], source: guess}", "guess", "source flag"},
      {"{uniform: [1.0, high], source: none}", "high", "number"},
      {"{uniform: [1.0, 1.2], normal: [1, 0], source: none}", "normal:", "normal"},
      {"{uniform: [1.0, 1.2], sd: 1, source: none}", "sd", "sd"},
      {"{uniform: [1.0, 90000], source: none}", "{uniform", "got 45000.5"},  // the central value out of range
  };
  TempFolder files;
  const auto design = (kScenarios / "designs/pilot-2020-2022.yaml").string();
  for (const auto& c : cases) {
    INFO(c.value);
    const auto text = comparison_text("  - name: pilot\n    design: " + design +
                                      "\n    overrides: {services: {coach: {search_effort_multiplier: " + c.value +
                                      "}}}\n");
    const auto file = files.write("comparison.yaml", text);
    const auto error = config_error_of([&] { SourceTree::read(file).comparison(); });
    const auto at = position_of(text, c.needle);
    CHECK(error.where().file == file.string());
    CHECK(error.where().line == at.line);
    CHECK(error.where().column == at.column);
    CHECK_THAT(error.what(), Catch::Contains(c.message));
  }
}

TEST_CASE("a distribution where the key is not a number, or outside an arm's design", "[scenario][uncertain][errors]") {
  TempFolder files;
  const auto design = (kScenarios / "designs/pilot-2020-2022.yaml").string();
  {
    const auto text = comparison_text("  - name: pilot\n    design: " + design +
                                      "\n    overrides: {priority: {uniform: [0, 1], source: none}}\n");
    const auto file = files.write("comparison.yaml", text);
    const auto error = config_error_of([&] { SourceTree::read(file).comparison(); });
    CHECK(error.where().line == position_of(text, "{uniform").line);
    CHECK(error.where().column == position_of(text, "{uniform").column);
    CHECK_THAT(error.what(), Catch::Contains("priority"));
  }
  {
    // The comparison's shape (run, pilot period, follow-up, replications) is not drawn.
    const auto text = comparison_text("  - name: pilot\n    design: " + design + "\n");
    std::string shaped = text;
    shaped.replace(shaped.find("follow_up_weeks: 4"), 18,
                   "follow_up_weeks: {one_of: [4, 8], weights: [0.5, 0.5], source: none}");
    const auto tree = SourceTree::read(files.write("comparison.yaml", shaped));
    auto spec = tree.comparison();
    CHECK(spec.follow_up_weeks == 4);
    const auto error = config_error_of([&] { draw_parameters(tree, spec); });
    CHECK(error.where().line == position_of(shaped, "{one_of").line);
    CHECK_THAT(error.what(), Catch::Contains("not in its run, pilot period, follow-up or replications"));
  }
  {
    // A distribution in the baseline design acts in the history: each replication gets its own
    // base as drawn (and the arms' designs), the same in every arm.
    const auto text = comparison_text("  - name: pilot\n    design: " + design + "\n");
    const auto dir = kScenarios.string();
    std::string with_baseline = text;
    const auto line = "baseline_design: " + dir + "/designs/baseline-te-office.yaml";
    with_baseline.replace(with_baseline.find(line), line.size(),
                          "baseline_design:\n  inherit: " + dir + "/designs/baseline-te-office.yaml\n"
                          "  services: {training: {places_per_10000_persons: {uniform: [40, 60], source: approx}}}");
    const auto file = files.write("comparison.yaml", with_baseline);
    const auto tree = SourceTree::read(file);
    auto spec = tree.comparison();
    CHECK_FALSE(spec.draws.per_replication_history());
    spec.base.run.seed = 99;  // as --seed overrides it
    draw_parameters(tree, spec);
    REQUIRE(spec.draws.per_replication_history());
    REQUIRE(spec.draws.bases.size() == 4);
    for (std::size_t r = 0; r < 4; ++r) {
      CAPTURE(r);
      const auto& base = spec.draws.bases[r];
      const double places = base.baseline_design.module<services::Training>().places_per_10000_persons;
      CHECK(places == spec.draws.values[r][0]);
      CHECK(places >= 40.0);
      CHECK(places <= 60.0);
      CHECK(base.run.seed == 99);
      CHECK(spec.base_of(r).baseline_design.module<services::Training>().places_per_10000_persons == places);
      for (std::size_t a = 0; a < spec.arms.size(); ++a)
        CHECK(spec.arm_scenario(a, r).baseline_design.module<services::Training>().places_per_10000_persons == places);
    }
    CHECK(spec.base.baseline_design.module<services::Training>().places_per_10000_persons == 50.0);  // the central value
    CHECK(spec.draws.values[0][0] != spec.draws.values[1][0]);
  }
  {
    // A draw out of the key's range names the replication.
    const auto text = comparison_text("  - name: pilot\n    design: " + design +
                                      "\n    overrides: {services: {coach: {search_effort_multiplier: "
                                      "{normal: [1, 200], source: none}}}}\n");
    const auto tree = SourceTree::read(files.write("comparison.yaml", text));
    auto spec = tree.comparison();
    const auto error = config_error_of([&] { draw_parameters(tree, spec); });
    CHECK(error.where().line == position_of(text, "{normal").line);
    CHECK_THAT(error.what(), Catch::Contains("drawn for replication"));
  }
}
