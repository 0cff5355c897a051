// Capacity from staff and budget (docs/capacity.md): a design that states its coaches has
// coaches x caseload places, shared over its area by working-age persons; a budget buys
// place-weeks in the stated proportions; staff moved from the TE office take its places with them.
#include <catch2/catch.hpp>

#include <numeric>

#include "scenario/capacity.hpp"
#include "services/plan.hpp"
#include "sim/simulation.hpp"
#include "support/capture_sink.hpp"
#include "support/run_captured.hpp"
#include "support/designs.hpp"
#include "support/small_scenario.hpp"

using namespace kokeilu;
using scenario::Service;

namespace {

constexpr int kCoach = static_cast<int>(Service::coach);

/// Three towns of 1,500, 1,500 and 3,000 persons; the pilot runs in the last two.
scenario::ScenarioSpec towns() {
  auto spec = testing::small_scenario(1500, testing::date(2015, 12, 31));
  spec.municipalities[2].working_age_persons = 3000;
  return spec;
}

scenario::DesignSpec staffed_pilot(double coaches, double moved) {
  auto pilot = testing::empty_design("pilot");
  pilot.start = testing::date(2015, 1, 5);
  pilot.end = testing::date(2015, 9, 27);
  pilot.organiser = scenario::Organiser::municipality;
  pilot.area = {"town-1", "town-2"};
  pilot.module<services::Coach>().enabled = true;
  pilot.module<services::Coach>().caseload = 100;
  pilot.module<services::Coach>().search_effort_multiplier = 1.5;
  pilot.module<services::Coach>().cost_eur_per_coach_week = 1000;
  pilot.staff = {true, coaches, moved};
  return pilot;
}

scenario::DesignSpec te_office() {
  auto te = testing::empty_design("te");
  te.module<services::Coach>().enabled = true;
  te.module<services::Coach>().coaches_per_10000_persons = 20;  // 3 coaches in a town of 1,500: fewer places than unemployed
  te.module<services::Coach>().caseload = 20;
  return te;
}

Calendar calendar_of(const scenario::ScenarioSpec& spec) { return Calendar(spec.run.history_start, spec.run.end); }

}  // namespace

TEST_CASE("stated coaches are shared over the area by persons, places are coaches x caseload",
          "[services][capacity]") {
  const auto spec = towns();
  const auto pilot = staffed_pilot(30, 0);
  const auto plan = services::make_plan(pilot, spec, calendar_of(spec), false);
  CHECK(plan.own_places[kCoach]);
  CHECK(plan.coaches[0] == 0);
  CHECK(plan.coaches[1] == Approx(10));  // 1,500 of the area's 4,500 persons
  CHECK(plan.coaches[2] == Approx(20));
  CHECK(plan.places[kCoach] == std::vector<std::int64_t>{0, 1000, 2000});
  // Not stated: places from coaches_per_10000_persons, scaled by the clients' share in admission.
  auto per_persons = pilot;
  per_persons.staff = {};
  per_persons.module<services::Coach>().coaches_per_10000_persons = 10;
  CHECK_FALSE(services::make_plan(per_persons, spec, calendar_of(spec), false).own_places[kCoach]);
}

TEST_CASE("a budget buys place-weeks in the proportions of the stated places", "[services][capacity]") {
  const auto spec = towns();
  auto pilot = testing::empty_design("pilot");
  pilot.area = {"town-1", "town-2"};
  pilot.module<services::Training>().enabled = true;
  pilot.module<services::Training>().places_per_10000_persons = 20;
  pilot.module<services::Training>().cost_eur_per_week = 450;
  pilot.module<services::RehabilitativeWork>().enabled = true;
  pilot.module<services::RehabilitativeWork>().places_per_10000_persons = 10;
  pilot.module<services::RehabilitativeWork>().cost_eur_per_week = 100;  // + EUR 9 x 3 days to the participant
  pilot.module<services::WorkTrial>().enabled = true;                    // free: as stated
  pilot.module<services::WorkTrial>().places_per_10000_persons = 40;
  pilot.budget = {true, 6'000'000};
  const auto plan = services::make_plan(pilot, spec, calendar_of(spec), false);

  const auto places = [&](Service s) {
    const auto& v = plan.places[static_cast<int>(s)];
    return std::accumulate(v.begin(), v.end(), std::int64_t{0});
  };
  const double weekly = static_cast<double>(places(Service::training)) * 450 +
                        static_cast<double>(places(Service::rehabilitative_work)) * 127;
  // Rounding: at most half a place per service and municipality.
  CHECK(std::abs(weekly * 52 - 6'000'000) <= 2 * 0.5 * (450 + 127) * 52);
  CHECK(static_cast<double>(places(Service::training)) ==
        Approx(2.0 * static_cast<double>(places(Service::rehabilitative_work))).margin(2));
  CHECK(plan.places[static_cast<int>(Service::training)][0] == 0);  // outside the area
  CHECK(plan.own_places[static_cast<int>(Service::training)]);
  CHECK_FALSE(plan.own_places[static_cast<int>(Service::work_trial)]);
  CHECK(plan.places[static_cast<int>(Service::work_trial)][2] == 12);  // 40 per 10,000 of 3,000
  CHECK(scenario::cost_per_place_week_eur(pilot, Service::rehabilitative_work) == Approx(127));
}

TEST_CASE("staff moved from the TE office take its places with them, no more than it has", "[services][capacity]") {
  const auto spec = towns();
  const auto te_design = te_office(), pilot_design = staffed_pilot(30, 6), all_moved_design = staffed_pilot(300, 300);
  const auto te = services::make_plan(te_design, spec, calendar_of(spec), true);
  auto pilot = services::make_plan(pilot_design, spec, calendar_of(spec), false);
  services::fund_baseline_volume(pilot, te);
  CHECK(pilot.handed_over_coaches[0] == 0);
  CHECK(pilot.handed_over_coaches[1] == Approx(2));  // 6 moved, a third in town-1
  CHECK(pilot.handed_over_coaches[2] == Approx(4));
  CHECK(pilot.handed_over_places == std::vector<std::int64_t>{0, 40, 80});  // at the TE office's caseload, 20

  auto all_moved = services::make_plan(all_moved_design, spec, calendar_of(spec), false);
  services::fund_baseline_volume(all_moved, te);
  CHECK(all_moved.handed_over_coaches[1] == Approx(3));  // the TE office has 3 there
  CHECK(all_moved.handed_over_coaches[2] == Approx(6));
}

TEST_CASE("moving staff from the TE office lowers its coaching while the pilot runs", "[services][capacity]") {
  auto spec = towns();
  spec.baseline_design = te_office();
  const auto run = [&](double moved) {
    spec.pilot_design = staffed_pilot(3, moved);
    spec.pilot_design->module<services::Coach>().caseload = 30;
    return testing::run_captured(spec, 91);
  };
  const auto kept = run(0);
  const auto moved = run(3);
  const Calendar calendar = calendar_of(spec);
  const int first = calendar.week_of(*spec.pilot_design->start), last = calendar.week_of(*spec.pilot_design->end);
  std::int64_t coached_kept = 0, coached_moved = 0;
  for (int w = 0; w < first; ++w) CHECK(kept.totals[w].coached == moved.totals[w].coached);
  for (int w = first; w <= last; ++w)
    for (int m : {1, 2}) coached_kept += kept.totals[w].coached[m], coached_moved += moved.totals[w].coached[m];
  // The TE office handed over 3 coaches of caseload 20: 60 places in the area.
  CHECK(coached_moved < coached_kept);
  CHECK(kept.totals[last].coached[0] == moved.totals[last].coached[0]);  // outside the area: untouched ...
  // ... while the municipality pays only the coaches it hired.
  const auto town_1_municipal = static_cast<std::size_t>(kPayerCount + static_cast<int>(Payer::municipality));
  CHECK(kept.totals[first].cost[town_1_municipal] - moved.totals[first].cost[town_1_municipal] == 1000 * 100);
}

TEST_CASE("a pilot serving everyone has the places its budget buys and not the TE office's",
          "[services][capacity]") {
  // Every client is the pilot's: the TE office keeps no share of its places, and the pool is the
  // budget's places (5 in town-1, 10 in town-2), never exceeded and filled from a long queue.
  auto spec = towns();
  auto& te = spec.baseline_design;
  te.module<services::Training>().enabled = true;
  te.module<services::Training>().places_per_10000_persons = 100;  // 15 in town-1: more than the budget buys
  te.module<services::Training>().referral_rate_per_week = 0.05;
  te.module<services::Training>().duration = {4, 8};
  te.module<services::Training>().cost_eur_per_week = 450;
  auto pilot = te;
  pilot.name = "pilot";
  pilot.start = testing::date(2015, 1, 5);
  pilot.end = testing::date(2015, 9, 27);
  pilot.area = {"town-1", "town-2"};
  pilot.module<services::Training>().places_per_10000_persons = 20;  // the proportions only: one service
  pilot.budget = {true, 15 * 450 * 52.0};        // 15 places a week over the area
  spec.pilot_design = pilot;
  const auto sink = testing::run_captured(spec, 91);
  const Calendar calendar = calendar_of(spec);
  const int first = calendar.week_of(*pilot.start), last = calendar.week_of(*pilot.end);
  const auto in_training = [&](int week, int m) {
    return sink.totals[static_cast<std::size_t>(week)]
        .status_counts[static_cast<std::size_t>(m * kStatusCount + static_cast<int>(Status::training))];
  };
  CHECK(in_training(first - 1, 1) > 5);  // the TE office's places before the pilot
  for (int w = first + 8; w <= last; ++w) {  // after those admitted before it have left
    CAPTURE(w);
    CHECK(in_training(w, 1) <= 5);
    CHECK(in_training(w, 2) <= 10);
  }
  CHECK(in_training(last, 1) == 5);
  CHECK(in_training(last, 2) == 10);
  CHECK(in_training(last, 0) > 10);  // outside the area the TE office's own places
}
