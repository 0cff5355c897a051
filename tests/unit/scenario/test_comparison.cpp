// Comparisons: arms on one population, the baseline arm first, the pilot period applied to every
// design, overrides merged over a design, and the errors a comparison file can have.
#include <catch2/catch.hpp>

#include <map>

#include "scenario/load.hpp"
#include "scenario_files.hpp"
#include "small_inputs.hpp"

using namespace kokeilu;
using namespace kokeilu::scenario;
using kokeilu::testing::config_error_of;
using kokeilu::testing::position_of;
using kokeilu::testing::TempFolder;
using kokeilu::testing::with;
using namespace kokeilu::testing::small_inputs;

namespace {

Date date(int y, unsigned m, unsigned d) {
  return Date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}

// Uses the small scenario's region, behaviour and benefits files, and design.yaml.
const std::string kComparison = R"(name: small-comparison
region: region.yaml
behaviour: behaviour.yaml
benefits: benefits.yaml
run: {seed: 7, start: 2014-09-01}
pilot_period: {start: 2014-09-01, end: 2015-06-30}
follow_up_weeks: 10
replications: 3
arms:
  - name: pilot
    design: design.yaml
  - name: baseline
  - name: pilot-big-caseload
    design: design.yaml
    overrides: {services: {coach: {caseload: 300}}}
)";

const std::string kDesign = R"(name: small-pilot
period: {start: 2020-01-01, end: 2020-12-31}
target: {spell_weeks_at_least: 26}
services:
  coach: {caseload: 100, coaches_per_10000_persons: 3}
)";

std::map<std::string, std::string> comparison_files() {
  return {{"comparison.yaml", kComparison}, {"region.yaml", kRegion}, {"behaviour.yaml", kBehaviour},
          {"benefits.yaml", kBenefits},     {"design.yaml", kDesign}};
}

void write_all(const TempFolder& files, const std::map<std::string, std::string>& texts) {
  for (const auto& [name, text] : texts) files.write(name, text);
}

}  // namespace

TEST_CASE("the small comparison example loads", "[scenario][comparison]") {
  const auto c = load_comparison(std::string(KOKEILU_SOURCE_DIR) + "/tests/data/scenarios/comparison-small.yaml");
  CHECK(c.name == "comparison-small");
  CHECK(c.replications == 2);
  CHECK(c.follow_up_weeks == 26);
  CHECK(c.pilot_start == date(2014, 9, 1));
  CHECK(c.pilot_end == date(2015, 12, 31));
  CHECK(c.base.run.start == date(2014, 9, 1));
  CHECK(c.base.run.end == date(2016, 6, 30));  // 2015-12-31 + 26 weeks
  CHECK(c.base.run.seed == 20140901u);
  CHECK(c.base.total_persons() == 6000);
  CHECK(c.base.municipalities.size() == 2);
  CHECK_FALSE(c.base.pilot_design.has_value());
  CHECK(c.base.baseline_design.name == "baseline-te-office");

  REQUIRE(c.arms.size() == 3);
  CHECK(c.arms[0].name == "baseline");
  CHECK_FALSE(c.arms[0].pilot_design.has_value());
  CHECK(c.arms[0].design_file.empty());
  CHECK(c.arms[1].name == "pilot-2012-2015");
  CHECK(c.arms[2].name == "pilot-2020-2022-half-caseload");
  CHECK_THAT(c.arms[1].design_file, Catch::EndsWith("scenarios/designs/pilot-2012-2015.yaml"));
  for (std::size_t a = 1; a < c.arms.size(); ++a) {
    REQUIRE(c.arms[a].pilot_design.has_value());
    CHECK(c.arms[a].pilot_design->start == c.pilot_start);
    CHECK(c.arms[a].pilot_design->end == c.pilot_end);
  }
  CHECK(c.arms[1].pilot_design->module<services::Coach>().caseload == 120);
  CHECK(c.arms[2].pilot_design->module<services::Coach>().caseload == 60);                   // the override
  CHECK(c.arms[2].pilot_design->module<services::Coach>().meeting_interval_weeks == 2);      // the rest of the design
  CHECK(c.arms[2].pilot_design->module<services::Training>().duration.max == 39);            // inherited from the baseline
  CHECK(c.arm_scenario(2).pilot_design->module<services::Coach>().caseload == 60);

  CHECK(c.resolved_text.find(".yaml") == std::string::npos);
  CHECK(c.resolved_text.find("overrides") == std::string::npos);
  CHECK(c.resolved_text.find("caseload: 60") != std::string::npos);
  CHECK(c.base.resolved_text == c.resolved_text);
}

TEST_CASE("the baseline arm comes first wherever it is written", "[scenario][comparison]") {
  TempFolder files;
  write_all(files, comparison_files());
  const auto c = load_comparison(files / "comparison.yaml");
  REQUIRE(c.arms.size() == 3);
  CHECK(c.arms[0].name == "baseline");
  CHECK(c.arms[1].name == "pilot");
  CHECK(c.arms[2].name == "pilot-big-caseload");
  CHECK(c.arms[1].pilot_design->module<services::Coach>().caseload == 100);
  CHECK(c.arms[2].pilot_design->module<services::Coach>().caseload == 300);
  CHECK(c.arms[2].pilot_design->module<services::Coach>().coaches_per_10000_persons == 3);
  CHECK(c.arms[1].pilot_design->start == date(2014, 9, 1));  // the design's own period is replaced
  CHECK(c.base.run.end == date(2015, 9, 8));
  CHECK_FALSE(c.base.baseline_design.module<services::Coach>().enabled);  // no baseline_design: no services
}

namespace {
struct BadComparison {
  std::string kind;
  std::map<std::string, std::string> files;
  std::string error_file;
  std::string needle;
  std::string key_path;
  std::string message;
};

std::vector<BadComparison> bad_comparisons() {
  const std::string c = kComparison;
  return {
      {"zero replications", {{"comparison.yaml", with(c, "replications: 3", "replications: 0")}}, "comparison.yaml",
       "0\narms", "replications", "must be between 1 and 10000, got 0"},
      {"negative replications", {{"comparison.yaml", with(c, "replications: 3", "replications: -2")}},
       "comparison.yaml", "-2", "replications", "must be between 1 and 10000, got -2"},
      {"no arms", {{"comparison.yaml", c.substr(0, c.find("arms:")) + "arms: []\n"}}, "comparison.yaml", "[]", "arms",
       "needs at least one arm"},
      {"missing arms", {{"comparison.yaml", c.substr(0, c.find("arms:"))}}, "comparison.yaml", "name:", "arms",
       "missing required key `arms`"},
      {"duplicate arm names", {{"comparison.yaml", with(c, "name: pilot-big-caseload", "name: pilot")}},
       "comparison.yaml", "pilot\n    design: design.yaml\n    overrides", "arms[2].name", "duplicate arm name `pilot`"},
      {"two arms without a design", {{"comparison.yaml", c + "  - name: also-baseline\n"}}, "comparison.yaml",
       "name: also-baseline", "arms[3]", "two arms without a design (arms[1] and arms[3])"},
      {"no baseline arm", {{"comparison.yaml", with(c, "  - name: baseline\n", "")}}, "comparison.yaml",
       "- name: pilot", "arms", "no arm without a design"},
      {"missing design file", {{"comparison.yaml", with(c, "design: design.yaml", "design: desing.yaml")}},
       "comparison.yaml", "desing.yaml", "arms[0].design", "cannot include `desing.yaml`: file not found"},
      {"design that is not a file name", {{"comparison.yaml", with(c, "design: design.yaml", "design: design")}},
       "comparison.yaml", "design\n", "arms[0].design", "expected a design (a mapping, or a file name ending in .yaml)"},
      {"override key the design does not know", {{"comparison.yaml", with(c, "{caseload: 300}", "{casload: 300}")}},
       "comparison.yaml", "casload", "arms[2].overrides.services.coach.casload", "unknown key `casload`"},
      {"override value out of range", {{"comparison.yaml", with(c, "{caseload: 300}", "{caseload: 0}")}},
       "comparison.yaml", "0}}}", "arms[2].overrides.services.coach.caseload", "must be between 1 and 10000, got 0"},
      {"arm with its own region", {{"comparison.yaml", with(c, "  - name: baseline\n", "  - name: baseline\n    region: region.yaml\n")}},
       "comparison.yaml", "region: region.yaml\n  - ", "arms[1].region",
       "arms share one population and labour market: put `region` at the top of the comparison"},
      {"arm with a population", {{"comparison.yaml", with(c, "  - name: baseline\n", "  - name: baseline\n    population: {}\n")}},
       "comparison.yaml", "population", "arms[1].population",
       "arms share one population and labour market: put `region` at the top of the comparison"},
      {"pilot period before the run", {{"comparison.yaml", with(c, "{start: 2014-09-01, end", "{start: 2014-08-01, end")}},
       "comparison.yaml", "2014-08-01", "pilot_period.start", "the pilot period starts (2014-08-01) before the run"},
      {"pilot period ending before it starts", {{"comparison.yaml", with(c, "end: 2015-06-30", "end: 2014-06-30")}},
       "comparison.yaml", "2014-06-30", "pilot_period.end", "ends (2014-06-30) before it starts"},
      {"negative follow-up", {{"comparison.yaml", with(c, "follow_up_weeks: 10", "follow_up_weeks: -1")}},
       "comparison.yaml", "-1", "follow_up_weeks", "must be between 0 and 520, got -1"},
      {"follow-up beyond int (it wrapped and ended the run early)",
       {{"comparison.yaml", with(c, "follow_up_weeks: 10", "follow_up_weeks: 2147483647")}}, "comparison.yaml",
       "2147483647", "follow_up_weeks", "must be between 0 and 520, got 2147483647"},
      {"a million weeks of follow-up", {{"comparison.yaml", with(c, "follow_up_weeks: 10", "follow_up_weeks: 1000000")}},
       "comparison.yaml", "1000000", "follow_up_weeks", "must be between 0 and 520, got 1000000"},
      {"replications beyond the bound", {{"comparison.yaml", with(c, "replications: 3", "replications: 2147483647")}},
       "comparison.yaml", "2147483647", "replications", "must be between 1 and 10000, got 2147483647"},
      {"a pilot ending in 9999", {{"comparison.yaml", with(c, "end: 2015-06-30", "end: 9999-06-30")}},
       "comparison.yaml", "9999", "pilot_period.end", "outside the years 1900 to 2200"},
      {"arm name `.`", {{"comparison.yaml", with(c, "name: pilot-big-caseload", "name: .")}}, "comparison.yaml",
       ".\n    design: design.yaml\n    overrides", "arms[2].name", "an arm's name cannot be `.`"},
      {"arm name with a slash", {{"comparison.yaml", with(c, "name: pilot-big-caseload", "name: a/b")}},
       "comparison.yaml", "a/b", "arms[2].name", "cannot contain `/`"},
      {"empty arm name", {{"comparison.yaml", with(c, "name: pilot-big-caseload", "name: ''")}}, "comparison.yaml",
       "''", "arms[2].name", "an arm's name cannot be empty"},
      {"arm name that is not UTF-8", {{"comparison.yaml", with(c, "name: pilot-big-caseload", "name: pilot-\xff")}},
       "comparison.yaml", "pilot-\xff", "arms[2].name", "must be UTF-8 text (byte 7 is not)"},
      {"arm name too long", {{"comparison.yaml", with(c, "name: pilot-big-caseload", "name: " + std::string(65, 'a'))}},
       "comparison.yaml", std::string(65, 'a'), "arms[2].name", "at most 64 bytes (this one has 65)"},
      {"a run end", {{"comparison.yaml", with(c, "start: 2014-09-01}", "start: 2014-09-01, end: 2016-01-01}")}},
       "comparison.yaml", "2016-01-01", "run.end", "remove `end`"},
      {"bad value in a design file", {{"design.yaml", with(kDesign, "caseload: 100", "caseload: lots")}}, "design.yaml",
       "lots", "arms[0].design.services.coach.caseload", "expected a whole number, found `lots`"},
      {"an arm's area naming a municipality not in the region",
       {{"comparison.yaml", with(c, "{caseload: 300}}}", "{caseload: 300}}, area: [town, village]}")}},
       "comparison.yaml", "village", "arms[2].overrides.area[1]", "unknown municipality `village`; the region's municipalities are town"},
      {"an area in a design file naming a municipality not in the region",
       {{"design.yaml", kDesign + "area: [Town]\n"}}, "design.yaml", "Town]", "arms[0].design.area[0]",
       "unknown municipality `Town`"},
  };
}
}  // namespace

TEST_CASE("bad comparison input names file, line, column and key path", "[scenario][comparison][errors]") {
  const auto bad = GENERATE(from_range(bad_comparisons()));
  CAPTURE(bad.kind);
  TempFolder files;
  auto texts = comparison_files();
  for (const auto& [name, text] : bad.files) texts[name] = text;
  write_all(files, texts);

  const auto error = config_error_of([&] { load_comparison(files / "comparison.yaml"); });
  CAPTURE(error.what());
  const auto expected = position_of(texts.at(bad.error_file), bad.needle);
  CHECK(error.where().file == (files / bad.error_file).string());
  CHECK(error.where().line == expected.line);
  CHECK(error.where().column == expected.column);
  CHECK(error.key_path() == bad.key_path);
  CHECK_THAT(error.message(), Catch::Contains(bad.message));
}
