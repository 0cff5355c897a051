// A region of more than 256 municipalities: with an 8-bit index, the persons of municipality 256
// were counted, queued and matched as municipality 0. Loaded from YAML and run, each municipality's
// persons must be counted in their own municipality.
#include <catch2/catch.hpp>

#include "scenario/load.hpp"
#include "scenario/small_inputs.hpp"
#include "sim/simulation.hpp"
#include "support/capture_sink.hpp"
#include "support/temp_folder.hpp"

using namespace kokeilu;
using namespace kokeilu::testing::small_inputs;
using kokeilu::testing::with;

TEST_CASE("a region of 300 municipalities in 300 markets loads and runs, each counted as itself", "[sim][wide]") {
  constexpr int kMunicipalities = 300;
  std::string markets = "markets:\n";
  std::string municipalities = "municipalities:\n";
  for (int m = 0; m < kMunicipalities; ++m) {
    // One market per municipality, so that market indexes pass 255 as well.
    markets += "  - {name: area" + std::to_string(m) + ", matching_efficiency: 0.07, vacancies: [{from: 2014-01-01, count: " +
               std::to_string(1 + m % 5) + "}]}\n";
    municipalities += "  - {name: m" + std::to_string(m) + ", market: area" + std::to_string(m) +
                      ", working_age_persons: " + std::to_string(5 + m % 7) + "}\n";
  }
  std::string region = with(kRegion, "markets:\n  - name: area\n    matching_efficiency: 0.07\n    vacancies:\n      - {from: 2014-01-01, count: 100}\n", markets);
  region = with(region, "municipalities:\n  - name: town\n    market: area\n    working_age_persons: 1000\n", municipalities);
  testing::TempFolder files;
  files.write("scenario.yaml", with(kScenario, "end: 2015-12-31", "end: 2014-12-31"));
  files.write("behaviour.yaml", kBehaviour);
  files.write("benefits.yaml", kBenefits);
  files.write("region.yaml", region);
  const auto spec = scenario::load_scenario(files / "scenario.yaml");
  REQUIRE(spec.municipalities.size() == kMunicipalities);
  REQUIRE(spec.markets.size() == kMunicipalities);

  testing::CaptureSink sink;
  sim::Simulation(spec, spec.run.seed).run(sink, sim::RunOptions{});
  REQUIRE(sink.ended);
  REQUIRE(!sink.totals.empty());

  // Every person's municipality column holds their own index, past 255 too, and the week's
  // status counts of a municipality are its own persons in the population that week.
  std::vector<std::int64_t> persons_of(kMunicipalities, 0), in_population(kMunicipalities, 0);
  for (std::size_t i = 0; i < sink.persons; ++i) {
    const auto m = sink.initial_state.municipality[i];
    REQUIRE(m < kMunicipalities);
    persons_of[m] += 1;
    if (sink.statuses[i * static_cast<std::size_t>(sink.weeks)] != kOutsidePopulation) in_population[m] += 1;
  }
  const auto& first_week = sink.totals.front();
  REQUIRE(first_week.municipalities == kMunicipalities);
  for (int m = 0; m < kMunicipalities; ++m) {
    CAPTURE(m);
    const auto index = static_cast<std::size_t>(m);
    CHECK(persons_of[index] >= spec.municipalities[index].working_age_persons);
    std::int64_t counted = 0;
    for (int s = 0; s < kStatusCount; ++s) counted += first_week.status_counts[index * kStatusCount + static_cast<std::size_t>(s)];
    CHECK(counted == in_population[index]);
    CHECK(counted > 0);
  }
}
