// The shipped service defaults give the literature's profile of employment per extra start
// (DOMAIN.md): training locks in first and pays in year 2; coaching is small and positive.
// Satakunta's baseline, cut to two years, two replications. Rehabilitative work (band: about 0)
// has its own case: with its fitted referral rate its extra places fill.
#include <catch2/catch.hpp>

#include "calibrate/service_effects.hpp"
#include "scenario/load.hpp"

using namespace kokeilu;
using namespace kokeilu::calibrate;

namespace {

scenario::ScenarioSpec two_years_of_satakunta() {
  const auto tree = scenario::SourceTree::read(std::filesystem::path(KOKEILU_SOURCE_DIR) / "scenarios" /
                                               "satakunta-2012-2016-baseline.yaml");
  const scenario::Setting end{"run.end", "2014-09-07", {}};
  return tree.scenario(std::span(&end, 1));
}

}  // namespace

TEST_CASE("no extra places, no effect (law 1 holds for the variant design)", "[calibrate][service_effects]") {
  ServiceEffectsOptions options;
  options.replications = 1;
  options.years = 2;
  options.threads = 2;
  options.extra_places_share = 0;
  options.services = {"training"};
  const auto effects = measure_service_effects(two_years_of_satakunta(), options);
  REQUIRE(effects.size() == 1);
  CHECK(effects[0].extra_starts == 0);
}

TEST_CASE("each service's employment per extra start is within the literature's band", "[calibrate][service_effects]") {
  ServiceEffectsOptions options;
  options.replications = 2;
  options.years = 2;
  options.threads = 2;
  options.services = {"coach", "training"};
  const auto effects = measure_service_effects(two_years_of_satakunta(), options);
  INFO(format_service_effects(effects, options));
  REQUIRE(effects.size() == 2);
  for (const auto& e : effects) {
    CAPTURE(scenario::kServiceNames[static_cast<int>(e.service)]);
    CHECK(e.extra_starts > 100);  // the extra places were used
    CHECK(e.within_bands());
  }
  // Training: lock-in first, then a gain.
  CHECK(effects[1].effect_pp[0] < effects[1].effect_pp[1] - 3);
}

TEST_CASE("rehabilitative work's employment per extra start is about 0", "[calibrate][service_effects]") {
  // A public programme (DOMAIN.md, Card, Kluve & Weber 2018): about 0, here -2 to +2 pp. Its
  // fitted referral rate (about 0.023 a week) fills the extra places with about 300 extra starts.
  ServiceEffectsOptions options;
  options.replications = 2;
  options.years = 2;
  options.threads = 2;
  options.services = {"rehabilitative_work"};
  const auto effects = measure_service_effects(two_years_of_satakunta(), options);
  INFO(format_service_effects(effects, options));
  REQUIRE(effects.size() == 1);
  CHECK(effects[0].extra_starts > 150);
  CHECK(effects[0].within_bands());
}
