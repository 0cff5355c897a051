// A pilot's area: the municipalities where it runs. Outside them nobody becomes its client; an
// area of every municipality is the same pilot as one without an area, bit for bit.
#include <catch2/catch.hpp>

#include "sim/simulation.hpp"
#include "support/capture_sink.hpp"
#include "support/run_captured.hpp"
#include "support/designs.hpp"
#include "support/small_scenario.hpp"

using namespace kokeilu;

namespace {

/// Three towns; a coaching pilot for the long-term unemployed over part of the run.
scenario::ScenarioSpec pilot_scenario() {
  auto spec = testing::small_scenario(1500, testing::date(2015, 12, 31));
  auto pilot = testing::empty_design("pilot");
  pilot.start = testing::date(2015, 1, 5);
  pilot.end = testing::date(2015, 9, 27);
  pilot.target = testing::leaf(scenario::TargetPredicate::Kind::spell_weeks_at_least, 26);
  pilot.module<services::Coach>().enabled = true;
  pilot.module<services::Coach>().coaches_per_10000_persons = 60;
  pilot.module<services::Coach>().search_effort_multiplier = 1.5;
  spec.pilot_design = pilot;
  return spec;
}

testing::CaptureSink run(const scenario::ScenarioSpec& spec) { return testing::run_captured(spec, 91); }

/// Persons who were ever the pilot's clients, by municipality.
std::vector<std::int64_t> ever_clients_by_municipality(const testing::CaptureSink& sink, std::size_t municipalities) {
  std::vector<std::int64_t> count(municipalities, 0);
  for (std::size_t i = 0; i < sink.persons; ++i)
    if (sink.final_state.client_flags[i] & population::kEverPilotClient) count[sink.final_state.municipality[i]] += 1;
  return count;
}

}  // namespace

TEST_CASE("a pilot takes in clients only in its area", "[services][design][area]") {
  auto spec = pilot_scenario();
  const auto everywhere = ever_clients_by_municipality(run(spec), 3);
  for (auto n : everywhere) CHECK(n > 0);  // without an area, every town has clients

  spec.pilot_design->area = {spec.municipalities[1].name};
  const auto sink = run(spec);
  const auto in_area = ever_clients_by_municipality(sink, 3);
  CHECK(in_area[0] == 0);
  CHECK(in_area[1] > 0);
  CHECK(in_area[2] == 0);
  // The weekly entries agree: none outside the area.
  for (const auto& week : sink.totals) {
    CHECK(week.pilot_entries[0] == 0);
    CHECK(week.pilot_entries[2] == 0);
  }
}

TEST_CASE("an area of every municipality gives the same bits as no area", "[services][design][area]") {
  auto spec = pilot_scenario();
  const auto none = run(spec);
  // Named in another order than the region's: an area is a set.
  spec.pilot_design->area = {spec.municipalities[2].name, spec.municipalities[0].name, spec.municipalities[1].name};
  const auto all = run(spec);
  CHECK(none.statuses == all.statuses);
  REQUIRE(none.totals.size() == all.totals.size());
  for (std::size_t w = 0; w < none.totals.size(); ++w) {
    CAPTURE(w);
    CHECK(none.totals[w].status_counts == all.totals[w].status_counts);
    CHECK(none.totals[w].cost == all.totals[w].cost);
    CHECK(none.totals[w].pilot_entries == all.totals[w].pilot_entries);
    CHECK(none.totals[w].coached == all.totals[w].coached);
  }
  CHECK(none.final_state.client_flags == all.final_state.client_flags);
  CHECK(none.final_state.employability == all.final_state.employability);
}
