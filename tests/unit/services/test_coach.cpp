// The personal coach (services/service_coach.hpp), a service module with places: its hooks are
// found at compile time, its relation week (meetings, the fading effect, the end), its places
// from staff, and its meetings on the `module` axis of a run.
#include <catch2/catch.hpp>

#include <cmath>

#include "services/module_hooks.hpp"
#include "services/service_coach.hpp"
#include "sim/simulation.hpp"
#include "support/capture_sink.hpp"
#include "support/run_captured.hpp"
#include "support/small_scenario.hpp"

using namespace kokeilu;
using services::Coach;

namespace {

Calendar calendar() { return Calendar(testing::date(2015, 1, 5), testing::date(2016, 1, 4)); }

/// One unemployed client, without a coach.
population::People one_client() {
  population::People p;
  p.resize(1);
  p.status[0] = static_cast<std::uint8_t>(Status::unemployed);
  p.client_flags[0] = population::kClient;
  p.client_since[0] = 3;
  return p;
}

constexpr std::size_t kCoachIndex = [] {
  std::size_t found = services::kModuleCount;
  services::for_each_module([&](auto module, auto index) {
    if constexpr (std::is_same_v<typename decltype(module)::type, Coach>) found = index();
  });
  return found;
}();

}  // namespace

TEST_CASE("the coach is a module with places and staff, modules without them have neither", "[services][coach]") {
  STATIC_REQUIRE(services::kHasPlaces<Coach>);
  STATIC_REQUIRE(services::kHasStaff<Coach>);
  STATIC_REQUIRE(services::kHasRelationWeek<Coach>);
  STATIC_REQUIRE(services::kHasRelationEffort<Coach>);
  STATIC_REQUIRE(services::kHasReferralHook<Coach>);
  STATIC_REQUIRE(services::kStaffedModule == kCoachIndex);
  STATIC_REQUIRE(services::kServiceCodeOf<Coach> == static_cast<int>(scenario::Service::coach));
  STATIC_REQUIRE_FALSE(services::kHasPlaces<services::Assessment>);
  STATIC_REQUIRE_FALSE(services::kHasPlaces<services::JobSearchMeetings>);
  STATIC_REQUIRE_FALSE(services::kHasEffortHook<Coach>);  // its effect acts before training's lock-in
  CHECK(services::kModuleNames[kCoachIndex] == "coach");
}

TEST_CASE("a coaching relation: a meeting on admission, then every interval, the effect fades, it ends",
          "[services][coach]") {
  Coach::Spec spec;
  spec.enabled = true;
  spec.meeting_interval_weeks = 3;
  spec.search_effort_multiplier = 1.4;
  spec.effect_half_life_weeks = 2;
  spec.referral_rate_multiplier = 1.5;
  spec.coaching_weeks = 10;
  const auto plan = Coach::plan(spec, calendar());
  auto p = one_client();

  CHECK(Coach::candidate(plan, p, 0));
  CHECK(Coach::waiting_since(p, 0) == 3);
  CHECK(Coach::relation_effort_multiplier(plan, p, 0) == 1.0);
  CHECK(Coach::referral_multiplier(plan, p, 0) == 1.0);
  CHECK(Coach::relation_week(plan, p, 0) == 0);  // no relation: nothing

  CHECK(Coach::admit(plan, p, 0) == 1);  // the first meeting
  CHECK(Coach::in_relation(p, 0));
  CHECK_FALSE(Coach::candidate(plan, p, 0));
  CHECK(Coach::relation_effort_multiplier(plan, p, 0) == Approx(1.4));
  CHECK(Coach::referral_multiplier(plan, p, 0) == 1.5);

  std::vector<std::int64_t> meetings;
  std::vector<double> effort;
  while (Coach::in_relation(p, 0)) {
    meetings.push_back(Coach::relation_week(plan, p, 0));
    effort.push_back(Coach::relation_effort_multiplier(plan, p, 0));
  }
  CHECK(meetings == std::vector<std::int64_t>{0, 0, 1, 0, 0, 1, 0, 0, 1, 0});
  CHECK(effort[0] == Approx(1.0 + 0.4 * std::exp2(-0.5)));  // a week after the meeting
  CHECK(effort[1] == Approx(1.2));                            // a half-life after it
  CHECK(effort.back() == 1.0);                                // the relation is over
  CHECK(Coach::candidate(plan, p, 0));                        // and may begin again

  Coach::admit(plan, p, 0);
  Coach::end(p, 0);
  CHECK_FALSE(Coach::in_relation(p, 0));
}

TEST_CASE("a design without the coach: no candidates, no effect, but a relation goes on", "[services][coach]") {
  Coach::Spec spec;  // not named
  spec.search_effort_multiplier = 1.4;
  spec.referral_rate_multiplier = 1.5;
  const auto plan = Coach::plan(spec, calendar());
  auto p = one_client();
  CHECK_FALSE(Coach::candidate(plan, p, 0));
  CHECK(Coach::staff(plan, 10'000) == 0.0);
  // Coached under another design (a pilot that handed the person back): meetings and referrals
  // go on by this design's rules, its effect on search does not.
  p.coach_weeks_left[0] = 5;
  CHECK(Coach::relation_effort_multiplier(plan, p, 0) == 1.0);
  CHECK(Coach::referral_multiplier(plan, p, 0) == 1.5);
  Coach::relation_week(plan, p, 0);
  CHECK(p.coach_weeks_left[0] == 4);
}

TEST_CASE("the coach's places: coaches x caseload, rounded", "[services][coach]") {
  Coach::Spec spec;
  spec.enabled = true;
  spec.coaches_per_10000_persons = 3;
  spec.caseload = 45;
  const auto plan = Coach::plan(spec, calendar());
  CHECK(Coach::staff(plan, 5'000) == Approx(1.5));
  CHECK(Coach::places_of_staff(plan, 1.5) == 68);  // 67.5 rounds up
  CHECK(Coach::places_of_staff(plan, 0.0) == 0);
}

TEST_CASE("a run counts the coach's meetings on the module axis, and pays its coaches by the week",
          "[services][coach]") {
  auto spec = testing::small_scenario(3000, testing::date(2016, 1, 4));
  auto& coach = spec.baseline_design.module<Coach>();
  coach.enabled = true;
  coach.coaches_per_10000_persons = 20;
  coach.caseload = 50;
  coach.meeting_interval_weeks = 2;
  coach.cost_eur_per_coach_week = 1000;
  const auto sink = testing::run_captured(spec, 77);
  std::int64_t meetings = 0, starts = 0, coached_weeks = 0;
  for (const auto& t : sink.totals) {
    for (std::size_t k = kCoachIndex; k < t.module_events.size(); k += services::kModuleCount) meetings += t.module_events[k];
    for (std::size_t k = static_cast<std::size_t>(scenario::Service::coach); k < t.service_starts.size();
         k += scenario::kServiceCount)
      starts += t.service_starts[k];
    for (auto c : t.coached) coached_weeks += c;
  }
  REQUIRE(starts > 0);
  // A first meeting for each start, then one every second week of a relation.
  CHECK(meetings >= starts);
  CHECK(meetings <= starts + coached_weeks / 2 + 1);

  coach.enabled = false;
  const auto without = testing::run_captured(spec, 77);
  std::int64_t none = 0;
  for (const auto& t : without.totals)
    for (std::size_t k = kCoachIndex; k < t.module_events.size(); k += services::kModuleCount) none += t.module_events[k];
  CHECK(none == 0);
}
