// Bad input gets a ConfigError naming the file where the bad value is written, its line and
// column, and the key path. Each case replaces one or two files of a small valid scenario.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <chrono>
#include <filesystem>
#include <map>

#include "scenario/load.hpp"
#include "scenario/yaml_reader.hpp"
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

struct BadInput {
  std::string kind;
  std::map<std::string, std::string> files;  // replace or add these files
  std::string error_file;                     // where the error must point
  std::string needle;                         // ... at this text's first occurrence
  std::string key_path;
  std::string message;                        // a part of the message
};

std::vector<BadInput> bad_inputs() {
  return {
      {"unknown key", {{"region.yaml", with(kRegion, "matching_efficiency", "matching_eficiency")}}, "region.yaml",
       "matching_eficiency", "region.markets[0].matching_eficiency",
       "unknown key `matching_eficiency` (did you mean `matching_efficiency`?); allowed keys: name, "
       "matching_efficiency, search_elasticity, vacancies"},
      {"wrong type: text for a number", {{"region.yaml", with(kRegion, "1000", "many")}}, "region.yaml", "many",
       "region.municipalities[0].working_age_persons", "expected a whole number, found `many`"},
      {"wrong type: a mapping for a number", {{"behaviour.yaml", with(kBehaviour, "0.0", "{value: 0}")}},
       "behaviour.yaml", "{value", "behaviour.search_effort.intercept", "expected a number, found a mapping"},
      {"probability out of range",
       {{"region.yaml", with(kRegion, "municipalities:", "  female_share: 1.3\nmunicipalities:")}}, "region.yaml",
       "1.3", "region.population_defaults.female_share", "must be in [0, 1] (a probability or share), got 1.3"},
      {"negative count", {{"region.yaml", with(kRegion, "count: 100", "count: -5")}}, "region.yaml", "-5",
       "region.markets[0].vacancies[0].count", "must be in [0, 10000000] (open jobs), got -5"},
      {"alpha outside (0, 1)",
       {{"region.yaml", with(kRegion, "    vacancies:", "    search_elasticity: 1\n    vacancies:")}}, "region.yaml",
       "1\n", "region.markets[0].search_elasticity", "must be in (0, 1)"},
      {"age bracket outside working age", {{"region.yaml", with(kRegion, "[15, 29]", "[10, 29]")}}, "region.yaml",
       "10,", "region.population_defaults.age_shares[0].ages[0]", "must be between 15 and 64, got 10"},
      {"end before start", {{"scenario.yaml", with(kScenario, "end: 2015-12-31", "end: 2014-08-31")}},
       "scenario.yaml", "2014-08-31", "run.end", "the run ends (2014-08-31) before it starts (2014-09-01)"},
      {"undefined market", {{"region.yaml", with(kRegion, "market: area", "market: nowhere")}}, "region.yaml",
       "nowhere", "region.municipalities[0].market", "undefined market `nowhere`; the region's markets are area"},
      {"missing required key", {{"region.yaml", with(kRegion, "    working_age_persons: 1000\n", "")}},
       "region.yaml", "name: town", "region.municipalities[0].working_age_persons",
       "missing required key `working_age_persons`"},
      {"missing required key at the top", {{"scenario.yaml", with(kScenario, "benefits: benefits.yaml\n", "")}},
       "scenario.yaml", "name: small", "benefits", "missing required key `benefits`"},
      {"missing include file", {{"scenario.yaml", with(kScenario, "behaviour.yaml", "behavior.yaml")}},
       "scenario.yaml", "behavior.yaml", "behaviour", "cannot include `behavior.yaml`: file not found"},
      {"include cycle",
       {{"region.yaml", with(kRegion, "  initial_spell_shares:", "  female_share: more.yaml\n  initial_spell_shares:")},
        {"more.yaml", "extra: region.yaml\n"}},
       "more.yaml", "region.yaml", "region.population_defaults.female_share.extra", "include cycle: "},
      {"duplicate key", {{"region.yaml", with(kRegion, "    market: area\n", "    market: area\n    market: other\n")}},
       "region.yaml", "market: other", "region.municipalities[0].market",
       "duplicate key `market` (first given at line 18)"},
      {"syntax error", {{"region.yaml", with(kRegion, "name: town", "name: town: x")}}, "region.yaml", ": x", "",
       "YAML syntax error: illegal map value"},
      {"shares not summing to 1", {{"region.yaml", with(kRegion, "tertiary: 0.3", "tertiary: 0.2")}}, "region.yaml",
       "{basic", "region.population_defaults.education_shares", "the shares sum to 0.9, not 1 (tolerance 1e-06)"},
      {"bad date", {{"region.yaml", with(kRegion, "2014-01-01", "2014-02-30")}}, "region.yaml", "2014-02-30",
       "region.markets[0].vacancies[0].from", "`2014-02-30` is not a real date (expected YYYY-MM-DD)"},
      {"empty population", {{"region.yaml", with(kRegion, "1000", "0")}}, "region.yaml", "- name: town",
       "region.municipalities", "the population is empty"},
      {"negative seed", {{"scenario.yaml", with(kScenario, "seed: 1", "seed: -1")}}, "scenario.yaml", "-1",
       "run.seed", "expected a whole number from 0 to 18446744073709551615"},
      {"seed beyond 64 bits", {{"scenario.yaml", with(kScenario, "seed: 1", "seed: 18446744073709551616")}},
       "scenario.yaml", "18446744073709551616", "run.seed", "(64 bits)"},
      {"history starts after the reported start",
       {{"scenario.yaml", with(kScenario, "end: 2015-12-31", "end: 2015-12-31, history_start: 2014-10-01")}},
       "scenario.yaml", "2014-10-01", "run.history_start",
       "the history starts (2014-10-01) after the reported period (run.start 2014-09-01)"},
      {"negative entry cohort",
       {{"region.yaml", with(kRegion, "municipalities:", "  entrants_per_year: -3\nmunicipalities:")}}, "region.yaml",
       "-3", "region.population_defaults.entrants_per_year", "must be between 0 and"},
      {"entry cohort missing for a year",
       {{"region.yaml", with(kRegion, "    working_age_persons: 1000\n",
                             "    working_age_persons: 1000\n    entrants_per_year: {2013: 12, 2015: 11}\n")}},
       "region.yaml", "{2013", "region.municipalities[0].entrants_per_year",
       "no entrants given for 2014 (municipality town): list every year from 2013 to 2015, or add `default: N`"},
      {"entry cohort keyed by neither a year nor default",
       {{"region.yaml", with(kRegion, "    working_age_persons: 1000\n",
                             "    working_age_persons: 1000\n    entrants_per_year: {every: 12}\n")}},
       "region.yaml", "every", "region.municipalities[0].entrants_per_year.every",
       "expected `default` or a year (1900-2200) as the key, found `every`"},
      {"on_transfer not in the list",
       {{"scenario.yaml", kScenario + "design:\n  name: x\n  on_transfer: forget\n"}},
       "scenario.yaml", "forget", "design.on_transfer", "unknown on_transfer choice `forget`; expected keep, reassess or restart"},
      {"pilot area naming a municipality not in the region",
       {{"scenario.yaml", kScenario + "design:\n  name: x\n  area: [town, nowhere]\n"}}, "scenario.yaml", "nowhere",
       "design.area[1]", "unknown municipality `nowhere`; the region's municipalities are town"},
      {"pilot area naming a municipality twice",
       {{"scenario.yaml", kScenario + "design:\n  name: x\n  area: [town, town]\n"}}, "scenario.yaml", "town]",
       "design.area[1]", "municipality `town` is named twice in the area"},
      {"empty pilot area", {{"scenario.yaml", kScenario + "design:\n  name: x\n  area: []\n"}}, "scenario.yaml", "[]",
       "design.area", "an area needs at least one municipality"},
      {"an area on the baseline design",
       {{"scenario.yaml", kScenario + "baseline_design:\n  name: x\n  area: [town]\n"}}, "scenario.yaml", "[town]",
       "baseline_design.area", "the baseline design serves the whole region: it takes no `area`"},
      {"duration min above max",
       {{"scenario.yaml", kScenario + "design:\n  name: x\n  services:\n    training: {duration_weeks: [40, 8]}\n"}},
       "scenario.yaml", "[40", "design.services.training.duration_weeks",
       "the minimum duration (40 weeks) is above the maximum (8 weeks)"},
      {"unknown service", {{"scenario.yaml", kScenario + "design:\n  name: x\n  services:\n    coaching: {}\n"}},
       "scenario.yaml", "coaching", "design.services.coaching", "allowed keys: assessment, coach, training"},
      {"target with two tests",
       {{"scenario.yaml", kScenario + "design:\n  name: x\n  target: {age_under: 30, foreign_language: 1}\n"}},
       "scenario.yaml", "{age_under", "design.target", "exactly one of any, all"},
      {"unknown benefit in a target",
       {{"scenario.yaml", kScenario + "design:\n  name: x\n  target:\n    any:\n      - benefit_in: [basic]\n"}},
       "scenario.yaml", "basic]", "design.target.any[0].benefit_in[0]", "unknown benefit `basic`"},
      // Capacity from staff and budget, the municipality's response (docs/capacity.md).
      {"staff without a coach",
       {{"scenario.yaml", kScenario + "design:\n  name: x\n  staff: {coaches: 10}\n"}}, "scenario.yaml",
       "{coaches", "design.staff", "staff size the coach's places: the design needs `services.coach`"},
      {"staff without coaches",
       {{"scenario.yaml", kScenario + "design:\n  name: x\n  services: {coach: {}}\n  staff: {moved_from_te_office: 3}\n"}},
       "scenario.yaml", "{moved", "design.staff.coaches", "missing required key `coaches`"},
      {"more staff moved than coaches",
       {{"scenario.yaml",
         kScenario + "design:\n  name: x\n  services: {coach: {}}\n  staff: {coaches: 10, moved_from_te_office: 76}\n"}},
       "scenario.yaml", "76", "design.staff.moved_from_te_office",
       "more staff moved from the TE office than coaches stated (10)"},
      {"negative staff",
       {{"scenario.yaml", kScenario + "design:\n  name: x\n  services: {coach: {}}\n  staff: {coaches: -330}\n"}},
       "scenario.yaml", "-330", "design.staff.coaches", "must be in [0, 1000000]"},
      {"unknown staff key",
       {{"scenario.yaml", kScenario + "design:\n  name: x\n  services: {coach: {}}\n  staff: {coachs: 330}\n"}},
       "scenario.yaml", "coachs", "design.staff.coachs", "did you mean `coaches`?"},
      {"staff handed over by the baseline",
       {{"scenario.yaml",
         kScenario + "baseline_design:\n  name: x\n  services: {coach: {}}\n  staff: {coaches: 9, moved_from_te_office: 2}\n"}},
       "scenario.yaml", "2}", "baseline_design.staff.moved_from_te_office",
       "the baseline design is the TE office: it hands no staff over"},
      {"a budget with nothing to buy",
       {{"scenario.yaml", kScenario + "design:\n  name: x\n  budget: {services_eur_per_year: 1000000}\n"}},
       "scenario.yaml", "{services_eur", "design.budget", "this design has none"},
      {"a budget as a number",
       {{"scenario.yaml", kScenario + "design:\n  name: x\n  budget: 1000000\n"}}, "scenario.yaml", "1000000",
       "design.budget", "expected a mapping of the design's budget"},
      {"a response lag out of range",
       {{"scenario.yaml", kScenario + "design:\n  name: x\n  municipality_response: {lag_weeks: 60}\n"}},
       "scenario.yaml", "60", "design.municipality_response.lag_weeks", "must be between 0 and 52, got 60"},
      {"a zero response threshold",
       {{"scenario.yaml",
         kScenario + "design:\n  name: x\n  municipality_response: {threshold_eur_per_unemployed_week: 0}\n"}},
       "scenario.yaml", "0}", "design.municipality_response.threshold_eur_per_unemployed_week", "must be in (0, 10000]"},
      {"a bad value in an inherited design points at the parent's file",
       {{"scenario.yaml", kScenario + "design:\n  inherit: parent.yaml\n  name: child\n"},
        {"parent.yaml", "name: parent\nservices:\n  coach: {caseload: -3}\n"}},
       "parent.yaml", "-3", "design.inherit.services.coach.caseload", "must be between 1 and 10000, got -3"},
      {"empty file (no line of its own: the include is named)", {{"behaviour.yaml", ""}}, "scenario.yaml", "behaviour.yaml", "behaviour", "behaviour.yaml is empty"},
      {"an alias inside its own anchor", {{"scenario.yaml", kScenario + "extra: &n [a, *n]\n"}}, "scenario.yaml",
       "&n [a, *n]", "extra[1]", "an alias inside its own anchor"},
      {"an unknown tag", {{"scenario.yaml", with(kScenario, "name: small", "name: !weird small")}}, "scenario.yaml",
       "!weird", "name", "unknown tag `!weird`"},
      {"an unknown tag on a key", {{"scenario.yaml", with(kScenario, "name: small", "!weird name: small")}},
       "scenario.yaml", "!weird", "name", "unknown tag `!weird`"},
      {"a second document", {{"behaviour.yaml", kBehaviour + "---\nsearch_effort: {intercept: 1}\n"}},
       "behaviour.yaml", "---", "behaviour", "a second YAML document"},
      {"a second, empty document", {{"behaviour.yaml", kBehaviour + "---\n"}}, "behaviour.yaml", "---", "behaviour",
       "a second YAML document"},
      {"content after the end of the document", {{"behaviour.yaml", kBehaviour + "...\nsearch_effort: {intercept: 1}\n"}},
       "behaviour.yaml", "search_effort: {", "behaviour", "a second YAML document"},
      {"a stray comma (yaml-cpp's LoadAll loops on it)", {{"behaviour.yaml", ","}}, "behaviour.yaml", ",", "behaviour",
       "YAML syntax error: no value could be read here"},
      {"a leading zero", {{"region.yaml", with(kRegion, "1000", "01000")}}, "region.yaml", "01000",
       "region.municipalities[0].working_age_persons", "`01000` has a leading zero"},
      {"a leading zero on a fraction", {{"region.yaml", with(kRegion, "0.07", "00.07")}}, "region.yaml", "00.07",
       "region.markets[0].matching_efficiency", "`00.07` has a leading zero"},
      {"bare CR line ends", {{"behaviour.yaml", "search_effort:\r  intercept: 0.0\r"}}, "behaviour.yaml", "\r",
       "behaviour", "a bare carriage return (CR without LF)"},
      {"a file of bare CR characters", {{"behaviour.yaml", "\r\r\r\r"}}, "behaviour.yaml", "\r", "behaviour",
       "a bare carriage return (CR without LF)"},
      {"a cost beyond the bound of euros per week (1e17 overflowed the totals)",
       {{"scenario.yaml", kScenario + "design:\n  name: x\n  services:\n    training: {cost_eur_per_week: 1e17}\n"}},
       "scenario.yaml", "1e17", "design.services.training.cost_eur_per_week",
       "must be in [0, 100000] (euros per week), got 1e17"},
      {"places beyond the bound (1e300 overflowed the conversion to a count)",
       {{"scenario.yaml", kScenario + "design:\n  name: x\n  services:\n    training: {places_per_10000_persons: 1e300}\n"}},
       "scenario.yaml", "1e300", "design.services.training.places_per_10000_persons",
       "must be in [0, 10000] (places per 10 000 persons), got 1e300"},
      {"an unknown key of self-motivated study",
       {{"scenario.yaml", kScenario + "design:\n  name: x\n  services:\n    self_motivated_study: {study_months: 12}\n"}},
       "scenario.yaml", "study_months", "design.services.self_motivated_study.study_months",
       "allowed keys: enabled, places_per_10000_persons"},
      {"self-motivated study's qualification probability beyond 1",
       {{"scenario.yaml",
         kScenario + "design:\n  name: x\n  services:\n    self_motivated_study: {qualification_probability: 1.7}\n"}},
       "scenario.yaml", "1.7}", "design.services.self_motivated_study.qualification_probability", "got 1.7"},
      {"a daily amount beyond the bound", {{"benefits.yaml", with(kBenefits, "eur_per_day: 32.66", "eur_per_day: 5e6")}},
       "benefits.yaml", "5e6", "benefits.basic_daily_amount[0].eur_per_day", "(euros per day), got 5e6"},
      {"a date in 9999", {{"scenario.yaml", with(kScenario, "end: 2015-12-31", "end: 9999-12-31")}}, "scenario.yaml",
       "9999", "run.end", "`9999-12-31` is outside the years 1900 to 2200"},
      {"a run of more than 50 years", {{"scenario.yaml", with(kScenario, "end: 2015-12-31", "end: 2099-12-31")}},
       "scenario.yaml", "2099", "run.end", "the run would last 85 years (2014-09-01 to 2099-12-31): at most 50 years"},
      {"too many persons in a municipality", {{"region.yaml", with(kRegion, "1000", "10000001")}}, "region.yaml",
       "10000001", "region.municipalities[0].working_age_persons", "must be between 0 and 10000000, got 10000001"},
      {"a weekly count beyond int", {{"scenario.yaml", kScenario + "design:\n  name: x\n  services:\n    coach: {caseload: 2147483648}\n"}},
       "scenario.yaml", "2147483648", "design.services.coach.caseload", "must be between 1 and 10000, got 2147483648"},
      {"a log-scale coefficient beyond the bound", {{"behaviour.yaml", with(kBehaviour, "intercept: 0.0", "intercept: 1e300")}},
       "behaviour.yaml", "1e300", "behaviour.search_effort.intercept", "must be in [-50, 50] (a coefficient on the log scale)"},
      {"a file of comments only", {{"behaviour.yaml", "# nothing yet\n\n"}}, "scenario.yaml", "behaviour.yaml",
       "behaviour", "behaviour.yaml has no keys (only blank lines or comments)"},
  };
}

}  // namespace

TEST_CASE("bad scenario input names file, line, column and key path", "[scenario][errors]") {
  const auto bad = GENERATE(from_range(bad_inputs()));
  CAPTURE(bad.kind);
  TempFolder files;
  std::map<std::string, std::string> texts{{"scenario.yaml", kScenario}, {"region.yaml", kRegion},
                                           {"behaviour.yaml", kBehaviour}, {"benefits.yaml", kBenefits}};
  for (const auto& [name, text] : bad.files) texts[name] = text;
  for (const auto& [name, text] : texts) files.write(name, text);

  const auto error = config_error_of([&] { load_scenario(files / "scenario.yaml"); });
  CAPTURE(error.what());
  const auto expected = position_of(texts.at(bad.error_file), bad.needle);
  CHECK(error.where().file == (files / bad.error_file).string());
  CHECK(error.where().line == expected.line);
  CHECK(error.where().column == expected.column);
  CHECK(error.key_path() == bad.key_path);
  CHECK_THAT(error.message(), Catch::Contains(bad.message));
  CHECK_THAT(std::string(error.what()),
             Catch::StartsWith((files / bad.error_file).string() + ":" + std::to_string(expected.line) + ":"));
}

TEST_CASE("a missing top-level file is a ConfigError naming it", "[scenario][errors]") {
  TempFolder files;
  const auto missing = files / "nowhere.yaml";
  const auto error = config_error_of([&] { load_scenario(missing); });
  CHECK(error.where().file == missing.string());
  CHECK_THAT(error.message(), Catch::Contains("file not found"));
  CHECK_THAT(config_error_of([&] { load_design(files.path()); }).message(), Catch::Contains("is a directory"));
}

TEST_CASE("the include cycle names the chain", "[scenario][errors]") {
  TempFolder files;
  files.write("a.yaml", "name: a\ninherit: b.yaml\n");
  files.write("b.yaml", "name: b\ninherit: a.yaml\n");
  const auto error = config_error_of([&] { load_design(files / "a.yaml"); });
  CHECK(error.where().file == (files / "b.yaml").string());
  CHECK(error.where().line == 2);
  CHECK(error.key_path() == "inherit.inherit");
  const auto a = (files / "a.yaml").string();
  const auto b = (files / "b.yaml").string();
  CHECK(error.message() == "cannot include `a.yaml`: include cycle: " + a + " -> " + b + " -> " + a);
}

TEST_CASE("a design read on its own reports paths from its root", "[scenario][errors]") {
  TempFolder files;
  const std::string text = "name: d\nperiod: {start: 2015-01-01, end: 2014-01-01}\n";
  const auto error = config_error_of([&] { load_design(files.write("design.yaml", text)); });
  CHECK(error.key_path() == "period.end");
  CHECK(error.where().line == position_of(text, "2014").line);
  CHECK(error.where().column == position_of(text, "2014").column);
  CHECK_THAT(error.message(), Catch::Contains("before it starts"));

  const auto sector = files.write("sector.yaml",
                                  "name: d\nservices:\n  pay_subsidy:\n    sector_shares: {company: 0.5, municipality: 0.3}\n");
  const auto shares = config_error_of([&] { load_design(sector); });
  CHECK(shares.key_path() == "services.pay_subsidy.sector_shares");
  CHECK_THAT(shares.message(), Catch::Contains("the sector shares sum to 0.8, not 1"));
}

namespace {
/// The small scenario with `behaviour:` naming `behaviour_file` (any kind of file), loaded.
ConfigError error_including(const TempFolder& files, const std::string& behaviour_file) {
  files.write("region.yaml", kRegion);
  files.write("benefits.yaml", kBenefits);
  const auto scenario = files.write("scenario.yaml", with(kScenario, "behaviour.yaml", behaviour_file));
  return config_error_of([&] { load_scenario(scenario); });
}
}  // namespace

TEST_CASE("only regular files are included, without blocking or reading without end", "[scenario][errors]") {
  TempFolder files;
  const auto line_of_include = position_of(with(kScenario, "behaviour.yaml", "x.yaml"), "x.yaml").line;

  REQUIRE(::mkfifo((files / "pipe.yaml").c_str(), 0600) == 0);  // would block a plain open
  const auto fifo = error_including(files, "pipe.yaml");
  CHECK(fifo.where().line == line_of_include);
  CHECK(fifo.key_path() == "behaviour");
  CHECK_THAT(fifo.message(), Catch::Contains("is a named pipe (FIFO): only regular files are read"));

  std::filesystem::create_symlink("/dev/zero", files / "zero.yaml");  // would be read until memory runs out
  CHECK_THAT(error_including(files, "zero.yaml").message(),
             Catch::Contains("is a character device: only regular files are read"));

  std::filesystem::create_directory(files / "folder.yaml");
  CHECK_THAT(error_including(files, "folder.yaml").message(), Catch::Contains("is a directory"));

  std::filesystem::create_symlink("loop-b.yaml", files / "loop-a.yaml");
  std::filesystem::create_symlink("loop-a.yaml", files / "loop-b.yaml");
  const auto loop = error_including(files, "loop-a.yaml");
  CHECK_THAT(loop.message(), Catch::Contains("symbolic link loop"));
  CHECK_THAT(loop.message(), !Catch::Contains("not found"));

  // Too large: refused from its size, before reading.
  std::filesystem::resize_file(files.write("huge.yaml", kBehaviour), yaml::kMaxFileBytes + 1);
  const auto huge = error_including(files, "huge.yaml");
  CHECK(huge.where().line == line_of_include);
  CHECK_THAT(huge.message(), Catch::Contains("is too large (16777217 bytes; a scenario file may have at most 16 MiB)"));
}

TEST_CASE("aliases cannot expand without bound (billion laughs)", "[scenario][errors]") {
  TempFolder files;
  std::string text = kScenario + "laughs:\n  a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
  for (int i = 1; i <= 8; ++i) {  // 10^9 values once expanded
    const std::string previous = "*a" + std::to_string(i - 1);
    text += "  a" + std::to_string(i) + ": &a" + std::to_string(i) + " [" + previous;
    for (int j = 1; j < 10; ++j) text += ", " + previous;
    text += "]\n";
  }
  files.write("region.yaml", kRegion);
  files.write("behaviour.yaml", kBehaviour);
  files.write("benefits.yaml", kBenefits);
  const auto error = config_error_of([&] { load_scenario(files.write("scenario.yaml", text)); });
  CHECK(error.where().file == (files / "scenario.yaml").string());
  CHECK(error.where().line > position_of(text, "laughs:").line);
  CHECK_THAT(error.key_path(), Catch::StartsWith("laughs.a"));
  CHECK_THAT(error.message(), Catch::Contains("more than 1000000 values once aliases are expanded"));
}

TEST_CASE("nesting is bounded", "[scenario][errors]") {
  TempFolder files;
  const auto error = config_error_of([&] {
    load_design(files.write("deep.yaml", "name: d\nx: " + std::string(100, '[') + std::string(100, ']') + "\n"));
  });
  CHECK(error.where().line == 2);
  CHECK_THAT(error.message(), Catch::Contains("nested more than 64 levels deep"));
}

TEST_CASE("loading takes time linear in the number of keys", "[scenario][errors]") {
  // A pairwise duplicate-key check took 9 s for 40,000 keys and minutes for 200,000. Four times
  // the keys must take about four times as long (at most ten), in any build.
  TempFolder files;
  const auto seconds_to_load = [&](int keys) {
    std::string text = "name: d\nmany:\n";
    for (int i = 0; i < keys; ++i) text += "  key" + std::to_string(i) + ": " + std::to_string(i) + "\n";
    text += "  key0: again\n";  // found only after every key is read
    const auto file = files.write("many.yaml", text);
    const auto started = std::chrono::steady_clock::now();
    const auto error = config_error_of([&] { load_design(file); });
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    CHECK(error.where().line == keys + 3);
    CHECK(error.key_path() == "many.key0");
    CHECK_THAT(error.message(), Catch::Contains("duplicate key `key0` (first given at line 3)"));
    return seconds;
  };
  seconds_to_load(20'000);  // warm up
  const double small = seconds_to_load(20'000);
  const double large = seconds_to_load(80'000);
  CAPTURE(small, large);
  CHECK(large < 10 * small);  // linear: 4 (6 measured with a cold cache); quadratic: 16
}

TEST_CASE("more municipalities than the 16-bit index holds is an input error, not a wrapped index",
          "[scenario][errors]") {
  // 65,536 municipalities: one more than MunicipalityIndex holds. The count is checked before any
  // item is read, so the items can be bare names (a quick file to parse).
  std::string region = with(kRegion, "municipalities:\n  - name: town\n    market: area\n    working_age_persons: 1000\n",
                            "municipalities:\n");
  region.reserve(region.size() + 65'536 * 12);
  for (int i = 0; i < 65'536; ++i) region += "  - m" + std::to_string(i) + "\n";
  TempFolder files;
  files.write("scenario.yaml", kScenario);
  files.write("behaviour.yaml", kBehaviour);
  files.write("benefits.yaml", kBenefits);
  files.write("region.yaml", region);
  const auto error = config_error_of([&] { load_scenario(files / "scenario.yaml"); });
  CHECK(std::filesystem::path(error.where().file).filename() == "region.yaml");
  const auto expected = position_of(region, "m65535\n");
  CHECK(error.where().line == expected.line);
  CHECK(error.where().column == expected.column);
  CHECK(error.key_path() == "region.municipalities[65535]");
  CHECK_THAT(error.message(), Catch::Contains("more than 65535 municipalities (65536)"));
  CHECK_THAT(error.message(), Catch::Contains("16 bits"));

  // As many markets as that: the same limit, for the market index.
  std::string markets = "markets:\n";
  for (int i = 0; i < 65'535; ++i) markets += "  - a" + std::to_string(i) + "\n";
  files.write("region.yaml", with(kRegion, "markets:\n", markets));
  const auto market_error = config_error_of([&] { load_scenario(files / "scenario.yaml"); });
  CHECK(market_error.key_path() == "region.markets[65535]");
  CHECK_THAT(market_error.message(), Catch::Contains("more than 65535 markets (65536)"));

  // 65,535 municipalities are not refused for their number (the next error is the first item's).
  files.write("region.yaml", region.substr(0, region.find("  - m65535\n")));
  const auto item_error = config_error_of([&] { load_scenario(files / "scenario.yaml"); });
  CHECK(item_error.key_path() == "region.municipalities[0]");
  CHECK_THAT(item_error.message(), !Catch::Contains("more than"));
}
