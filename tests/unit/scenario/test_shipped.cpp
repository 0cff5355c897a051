// Every file shipped under scenarios/ loads, and the loaded values are the files' values.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>

#include "scenario/load.hpp"
#include "scenario_files.hpp"

using namespace kokeilu;
using namespace kokeilu::scenario;
namespace fs = std::filesystem;

namespace {
const fs::path kScenarios = fs::path(KOKEILU_SOURCE_DIR) / "scenarios";

Date date(int y, unsigned m, unsigned d) {
  return Date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}
}  // namespace

TEST_CASE("the Satakunta scenario loads with the files' values", "[scenario]") {
  const auto spec = load_scenario(kScenarios / "satakunta-2012-2016-baseline.yaml");

  CHECK(spec.name == "satakunta-2012-2016-baseline");
  CHECK(spec.run.seed == 20120903u);
  CHECK(spec.run.start == date(2012, 9, 3));
  CHECK(spec.run.end == date(2016, 12, 31));

  REQUIRE(spec.markets.size() == 2);
  CHECK(spec.markets[0].name == "pori-area");
  // Set by the fitted overlay (calibration/satakunta-baseline-fitted.yaml), near the files' values.
  CHECK(spec.markets[0].matching_efficiency == Approx(0.066).epsilon(0.1));
  REQUIRE(spec.markets[1].vacancies.size() == 3);
  CHECK(spec.markets[1].vacancies[1].from == date(2014, 9, 1));
  CHECK(spec.markets[1].vacancies[1].vacancies == 160);

  REQUIRE(spec.municipalities.size() == 5);
  std::vector<std::string> names;
  for (const auto& m : spec.municipalities) names.push_back(m.name);
  CHECK(names == std::vector<std::string>{"Pori", "Ulvila", "Kokemäki", "Kankaanpää", "Karvia"});
  CHECK(std::is_sorted(spec.municipalities.begin(), spec.municipalities.end(),
                       [](const auto& a, const auto& b) { return a.market < b.market; }));
  const auto& pori = spec.municipalities[0];
  CHECK(pori.working_age_persons == 54000);
  // Pori's own shares replace the defaults; Ulvila keeps them.
  CHECK(pori.initial_status_shares[static_cast<int>(Status::unemployed)] == 0.11);
  CHECK(pori.foreign_language_share == 0.025);
  CHECK(spec.municipalities[1].initial_status_shares[static_cast<int>(Status::unemployed)] == 0.09);
  CHECK(spec.municipalities[1].foreign_language_share == 0.02);
  REQUIRE(pori.age_shares.size() == 5);
  CHECK(pori.age_shares[2].min_age == 30);
  CHECK(pori.age_shares[2].max_age == 49);
  REQUIRE(pori.initial_spell_shares.size() == 7);
  CHECK(pori.initial_spell_shares[6].min_weeks == 104);
  CHECK(pori.initial_spell_shares[6].max_weeks == 260);
  CHECK(pori.initial_benefit_shares[static_cast<int>(Benefit::none)] == 0);
  CHECK(pori.initial_benefit_shares[static_cast<int>(Benefit::labour_market_subsidy)] == 0.48);
  CHECK(spec.total_persons() == 54000 + 8500 + 4600 + 7400 + 1450);

  const auto& be = spec.behaviour;
  CHECK(be.matching_enabled);
  CHECK(be.search_effort.covariates[static_cast<int>(Covariate::barrier)] == Approx(-0.90).epsilon(0.1));  // fitted
  CHECK(be.search_effort.duration[6] == Approx(-4.32).epsilon(0.1));                                       // fitted
  CHECK(be.separation.intercept == Approx(-5.75).epsilon(0.1));                                            // fitted
  CHECK(be.separation.covariates[static_cast<int>(Covariate::age_50_54)] == 0);  // omitted: default
  CHECK(be.employed_to_inactive.duration == std::array<double, kDurationBracketCount>{});
  CHECK(be.target_monthly_job_finding.size() == 7);
  CHECK(be.calibration_tolerance == 0.15);

  const auto& bs = spec.benefits;
  REQUIRE(bs.regimes.size() == 4);
  CHECK(bs.regimes[2].from == date(2015, 1, 1));
  REQUIRE(bs.regimes[2].copayment_tiers.size() == 2);
  CHECK(bs.regimes[2].copayment_tiers[0].after_days == 300);
  CHECK(bs.regimes[2].copayment_tiers[0].municipal_share == 0.5);
  CHECK(bs.regimes[2].copayment_tiers[1].after_days == 1000);
  CHECK(bs.regimes[2].copayment_tiers[1].municipal_share == 0.7);
  CHECK(bs.regimes[1].earnings_related_max_days_short_history == 400);
  CHECK(bs.basic_daily_amount.size() == 10);
  CHECK(bs.earnings_related_daily_eur == 62.0);

  // The TE office's ordinary process, with its services.
  CHECK(spec.baseline_design.name == "baseline-te-office");
  CHECK(spec.baseline_design.module<services::Coach>().enabled);
  CHECK(spec.baseline_design.module<services::Coach>().caseload == 550);
  CHECK(spec.baseline_design.module<services::Training>().enabled);
  CHECK(spec.baseline_design.target.kind == TargetPredicate::Kind::everyone);
  CHECK_FALSE(spec.pilot_design.has_value());
}

TEST_CASE("every shipped scenario and comparison loads", "[scenario]") {
  std::vector<fs::path> tops;
  for (const auto& entry : fs::directory_iterator(kScenarios))
    if (entry.path().extension() == ".yaml") tops.push_back(entry.path());
  std::sort(tops.begin(), tops.end());
  const auto file = GENERATE_COPY(from_range(tops));
  CAPTURE(file);
  // A comparison says so in its name (compare-*.yaml); the rest are single runs.
  if (file.filename().string().rfind("compare-", 0) == 0) {
    const auto comparison = load_comparison(file);
    CHECK(comparison.base.total_persons() > 0);
    CHECK_FALSE(comparison.arms.at(0).pilot_design.has_value());
  } else {
    CHECK(load_scenario(file).total_persons() > 0);
  }
}

TEST_CASE("the resolved text of a scenario is a self-contained scenario", "[scenario]") {
  const auto spec = load_scenario(kScenarios / "satakunta-2012-2016-baseline.yaml");
  CHECK(spec.resolved_text.find(".yaml") == std::string::npos);
  CHECK(spec.resolved_text.find("Kankaanpää") != std::string::npos);

  testing::TempFolder files;
  const auto again = load_scenario(files.write("resolved.yaml", spec.resolved_text));
  CHECK(again.total_persons() == spec.total_persons());
  CHECK(again.markets[0].vacancies.size() == spec.markets[0].vacancies.size());
  CHECK(again.benefits.regimes.size() == spec.benefits.regimes.size());
  CHECK(again.behaviour.search_effort.duration == spec.behaviour.search_effort.duration);
}

TEST_CASE("every shipped design loads on its own", "[scenario]") {
  std::vector<fs::path> designs;
  for (const auto& entry : fs::directory_iterator(kScenarios / "designs"))
    if (entry.path().extension() == ".yaml") designs.push_back(entry.path());
  std::sort(designs.begin(), designs.end());
  REQUIRE(designs.size() >= 4);
  const auto file = GENERATE_COPY(from_range(designs));
  CAPTURE(file);
  const auto design = load_design(file);
  CHECK(design.name == file.stem().string());
  CHECK(design.module<services::Coach>().enabled);
}

TEST_CASE("the 2012-2015 pilot: target tree, period and inherited services", "[scenario]") {
  const auto design = load_design(kScenarios / "designs/pilot-2012-2015.yaml");
  const auto baseline = load_design(kScenarios / "designs/baseline-te-office.yaml");

  CHECK(design.organiser == Organiser::municipality);
  CHECK(design.start == date(2012, 9, 1));
  CHECK(design.end == date(2015, 12, 31));
  CHECK(design.priority == PriorityRule::most_barriers_first);
  CHECK_FALSE(baseline.start.has_value());

  using Kind = TargetPredicate::Kind;
  REQUIRE(design.target.kind == Kind::any);
  REQUIRE(design.target.children.size() == 2);
  CHECK(design.target.children[0].kind == Kind::benefit_days_at_least);
  CHECK(design.target.children[0].threshold == 500);
  CHECK(design.target.children[1].kind == Kind::spell_weeks_at_least);
  CHECK(design.target.children[1].threshold == 52);

  // Own values win; the rest comes from the baseline through `inherit`.
  CHECK(design.module<services::Coach>().caseload == 120);
  CHECK(design.module<services::Training>().places_per_10000_persons == 85);
  CHECK(design.module<services::Training>().duration.min == baseline.module<services::Training>().duration.min);
  CHECK(design.module<services::Training>().duration.max == baseline.module<services::Training>().duration.max);
  CHECK(design.module<services::Training>().duration.min == 13);
  CHECK(design.module<services::Training>().duration.max == 39);
  CHECK(design.module<services::Training>().cost_eur_per_week == 450);
  CHECK(design.module<services::RehabilitativeWork>().places_per_10000_persons == 100);
  CHECK(design.module<services::RehabilitativeWork>().requires_assessment);
  CHECK(design.module<services::RehabilitativeWork>().to_pay_subsidy == 0.08);
  CHECK(design.module<services::PaySubsidy>().enabled);
  CHECK(design.module<services::PaySubsidy>().sector_shares == std::array<double, kSectorCount>{0.35, 0.35, 0.30});
  CHECK(design.module<services::PaySubsidy>().open_job_after[static_cast<int>(Sector::third_sector)] == 0.05);
  CHECK(design.module<services::WorkTrial>().enabled);
  CHECK(design.module<services::WorkTrial>().open_job_after == 0.15);
}

TEST_CASE("the other pilots' targets", "[scenario]") {
  using Kind = TargetPredicate::Kind;
  const auto recent = load_design(kScenarios / "designs/pilot-2020-2022.yaml");
  REQUIRE(recent.target.kind == Kind::any);
  REQUIRE(recent.target.children.size() == 3);
  CHECK(recent.target.children[0].kind == Kind::age_under);
  CHECK(recent.target.children[0].threshold == 30);
  CHECK(recent.target.children[1].kind == Kind::benefit_in);
  CHECK(recent.target.children[1].benefits == std::array<bool, kBenefitCount>{false, false, true, true});
  CHECK(recent.target.children[2].kind == Kind::foreign_language);
  CHECK(recent.priority == PriorityRule::closest_to_labour_market_first);

  const auto pirkanmaa = load_design(kScenarios / "designs/pirkanmaa-2017-2018.yaml");
  CHECK(pirkanmaa.target.kind == Kind::benefit_in);
  CHECK(pirkanmaa.module<services::Coach>().coaching_weeks == 78);
  CHECK(pirkanmaa.module<services::Assessment>().weeks_after_entry == 13);  // inherited
}

TEST_CASE("a scenario with a baseline and a pilot design", "[scenario]") {
  testing::TempFolder files;
  const std::string root = kScenarios.string() + "/";
  const auto file = files.write("with-pilot.yaml",
                                "name: with-pilot\n"
                                "run: {seed: 18446744073709551615, start: 2012-09-03, end: 2013-12-31}\n"
                                "region: " + root + "regions/satakunta.yaml\n"
                                "behaviour: " + root + "behaviour/finland-2015.yaml\n"
                                "benefits: " + root + "benefits/finland.yaml\n"
                                "baseline_design: " + root + "designs/baseline-te-office.yaml\n"
                                "design:\n"
                                "  inherit: " + root + "designs/pilot-2012-2015.yaml\n"
                                "  name: pilot-no-training\n"
                                "  services:\n"
                                "    training: {enabled: false}\n");
  const auto spec = load_scenario(file);
  CHECK(spec.run.seed == 18446744073709551615u);
  CHECK(spec.baseline_design.name == "baseline-te-office");
  CHECK(spec.baseline_design.module<services::Coach>().caseload == 550);
  REQUIRE(spec.pilot_design.has_value());
  CHECK(spec.pilot_design->name == "pilot-no-training");
  CHECK_FALSE(spec.pilot_design->module<services::Training>().enabled);
  CHECK(spec.pilot_design->module<services::Coach>().caseload == 120);      // from the pilot
  CHECK(spec.pilot_design->module<services::PaySubsidy>().enabled);        // from the baseline, two levels up
  CHECK(spec.pilot_design->target.kind == TargetPredicate::Kind::any);
  CHECK(spec.resolved_text.find("inherit") == std::string::npos);
}

TEST_CASE("the national region: the whole mainland, past 255 municipalities, and the 2020-2022 pilot's area",
          "[scenario][national]") {
  const auto spec = load_scenario(kScenarios / "finland-2012-2016-baseline.yaml");
  CHECK(spec.municipalities.size() > 255);  // beyond what an 8-bit index held
  CHECK(spec.municipalities.size() < 320);
  CHECK(spec.total_persons() > 3'000'000);
  CHECK(spec.total_persons() < 4'000'000);
  // Persons are laid out by market: each market's municipalities are contiguous.
  for (std::size_t m = 1; m < spec.municipalities.size(); ++m)
    CHECK(spec.municipalities[m - 1].market <= spec.municipalities[m].market);

  const auto comparison = load_comparison(kScenarios / "compare-finland-pilot-2020-2022.yaml");
  REQUIRE(comparison.arms.size() == 2);
  const auto& pilot = comparison.arms[1].pilot_design;
  REQUIRE(pilot.has_value());
  CHECK(pilot->area.size() == 118);  // DOMAIN.md: 118 municipalities (the list is approx.)
  for (const auto& name : pilot->area)
    CHECK(std::any_of(comparison.base.municipalities.begin(), comparison.base.municipalities.end(),
                      [&](const MunicipalitySpec& m) { return m.name == name; }));
}
