// Each service mechanism in isolation, on the small scenario with one design switched on.
#include <catch2/catch.hpp>

#include <cmath>

#include "benefits/rules.hpp"
#include "services/plan.hpp"
#include "sim/simulation.hpp"
#include "support/capture_sink.hpp"
#include "support/designs.hpp"
#include "support/small_scenario.hpp"

using namespace kokeilu;
using scenario::Service;

namespace {

constexpr auto U = static_cast<std::uint8_t>(Status::unemployed);
constexpr auto E = static_cast<std::uint8_t>(Status::employed);
constexpr auto T = static_cast<std::uint8_t>(Status::training);

/// Small scenario with no market effects and equal persons, so that a mechanism's effect is
/// not hidden by composition.
scenario::ScenarioSpec plain_scenario(std::int64_t persons, Date end) {
  auto spec = testing::small_scenario(persons, end);
  auto& be = spec.behaviour;
  be.matching_enabled = false;
  be.search_effort = testing::constant_hazard(0.02);
  be.unemployed_to_inactive = testing::constant_hazard(0.001);
  be.separation = testing::constant_hazard(0.004);
  be.retirement_age_years = 200;
  for (auto& m : spec.municipalities) m.initial_status_shares = {0.5, 0, 0.3, 0, 0, 0, 0.2};
  return spec;
}

testing::CaptureSink run(const scenario::ScenarioSpec& spec, int threads = 2) {
  testing::CaptureSink sink;
  sim::RunOptions options;
  options.threads = threads;
  options.chunk_persons = 1000;
  sim::Simulation(spec, 77).run(sink, options);
  return sink;
}

std::int64_t sum(const std::vector<std::int64_t>& v) {
  std::int64_t s = 0;
  for (auto x : v) s += x;
  return s;
}

double job_finding(const testing::CaptureSink& sink) {
  std::int64_t at_risk = 0, found = 0;
  for (const auto& t : sink.totals) {
    at_risk += sum(t.unemployed_at_risk);
    found += sum(t.found_job);
  }
  return static_cast<double>(found) / static_cast<double>(at_risk);
}

}  // namespace

TEST_CASE("coaching raises search effort, and so job finding", "[services][coach]") {
  auto spec = plain_scenario(3000, testing::date(2015, 8, 31));
  const auto without = run(spec);
  auto& coach = spec.baseline_design.module<services::Coach>();
  coach.enabled = true;
  coach.coaches_per_10000_persons = 200;  // room for everyone
  coach.caseload = 100;
  coach.meeting_interval_weeks = 1;
  coach.search_effort_multiplier = 1.5;
  coach.effect_half_life_weeks = 1000;
  coach.coaching_weeks = 520;
  const auto with = run(spec);
  CHECK(sum(with.totals.back().coached) > 0);
  const double ratio = job_finding(with) / job_finding(without);
  CAPTURE(job_finding(with), job_finding(without));
  CHECK(ratio > 1.3);
  CHECK(ratio < 1.6);
}

TEST_CASE("a full queue makes people wait: places are never exceeded", "[services][queue]") {
  auto spec = plain_scenario(2000, testing::date(2015, 8, 31));
  auto& training = spec.baseline_design.module<services::Training>();
  training.enabled = true;
  training.places_per_10000_persons = 50;  // 10 places a municipality
  training.referral_rate_per_week = 0.05;
  training.duration = {8, 12};
  const auto sink = run(spec);
  const auto calendar = Calendar(spec.run.start, spec.run.end);
  const auto plan = services::make_plan(spec.baseline_design, spec, calendar, true);
  std::int64_t waited = 0, starts = 0;
  for (const auto& t : sink.totals)
    for (int m = 0; m < 3; ++m) {
      const auto places = plan.places[static_cast<int>(Service::training)][static_cast<std::size_t>(m)];
      REQUIRE(places == 10);
      REQUIRE(t.status_counts[static_cast<std::size_t>(m * kStatusCount + T)] <= places);
      waited += t.wait_weeks[static_cast<std::size_t>(m * scenario::kServiceCount + 2)];
      starts += t.service_starts[static_cast<std::size_t>(m * scenario::kServiceCount + 2)];
    }
  CHECK(starts > 0);
  CHECK(sum(sink.totals.back().waiting) > 100);       // the queue is long
  CHECK(static_cast<double>(waited) / static_cast<double>(starts) > 4.0);  // and people wait in it
  // The trajectory agrees with the totals: never more trainees than places.
  for (int w = 0; w < sink.weeks; ++w) {
    std::int64_t trainees = 0;
    for (std::size_t i = 0; i < sink.persons; ++i) trainees += sink.statuses[i * static_cast<std::size_t>(sink.weeks) + static_cast<std::size_t>(w)] == T;
    REQUIRE(trainees <= 30);
  }
}

TEST_CASE("training lowers job finding while in it and raises it after", "[services][training]") {
  auto spec = plain_scenario(4000, testing::date(2016, 12, 31));
  auto& training = spec.baseline_design.module<services::Training>();
  training.enabled = true;
  training.places_per_10000_persons = 2000;  // no queue
  training.referral_rate_per_week = 0.02;
  training.duration = {10, 20};
  training.lock_in_search_multiplier = 0.25;
  training.employability_gain = 1.0;
  training.dropout_rate_per_week = 0;
  const auto sink = run(spec);

  // Person-weeks and job finds: unemployed never trained, in training, unemployed after it.
  std::int64_t weeks_before = 0, finds_before = 0, weeks_in = 0, finds_in = 0, weeks_after = 0, finds_after = 0;
  const auto W = static_cast<std::size_t>(sink.weeks);
  for (std::size_t i = 0; i < sink.persons; ++i) {
    bool trained = false;
    std::uint8_t previous = sink.initial_state.status[i];
    for (std::size_t w = 0; w < W; ++w) {
      const auto now = sink.statuses[i * W + w];
      if (previous == U) {
        (trained ? weeks_after : weeks_before) += 1;
        if (now == E) (trained ? finds_after : finds_before) += 1;
      } else if (previous == T) {
        weeks_in += 1;
        if (now == E) finds_in += 1;
        if (now == U) trained = true;  // completed (no drop-outs)
      }
      previous = now;
    }
  }
  const double before = double(finds_before) / double(weeks_before);
  const double during = double(finds_in) / double(weeks_in);
  const double after = double(finds_after) / double(weeks_after);
  CAPTURE(before, during, after, weeks_in, weeks_after);
  REQUIRE(weeks_in > 5000);
  REQUIRE(weeks_after > 5000);
  CHECK(during < 0.5 * before);  // lock-in: 0.25 of the effort
  CHECK(after > 1.6 * before);   // employability doubled
}

TEST_CASE("the co-payment pauses during services", "[services][benefits]") {
  const auto spec = testing::small_scenario();
  const auto rules = benefits::rules_on(spec.benefits, testing::date(2015, 6, 1));
  benefits::BenefitState state{static_cast<std::uint8_t>(Benefit::labour_market_subsidy), 0, 900, 0};
  const auto in_service = benefits::pay_service_week(state, 40, 500, rules, 470);
  CHECK(in_service.copayment == 0);
  CHECK(in_service.cost[static_cast<int>(Payer::municipality)] == 0);
  CHECK(in_service.cost[static_cast<int>(Payer::state)] == 5 * 3280);
  CHECK(in_service.cost[static_cast<int>(Payer::kela)] == 5 * 470);  // the supplement
  CHECK(state.subsidy_days == 900);                                  // service days do not count
  const auto unemployed = benefits::pay_unemployed_week(state, 40, 500, rules);
  CHECK(unemployed.copayment == 5 * 1640);
  CHECK(state.subsidy_days == 905);
}

TEST_CASE("outside its period a design hands its clients back", "[services][design]") {
  auto spec = plain_scenario(2000, testing::date(2015, 8, 31));
  auto pilot = testing::empty_design("pilot");
  pilot.start = testing::date(2014, 11, 3);  // week 9
  pilot.end = testing::date(2015, 3, 29);    // week 29 ends 2015-03-29
  pilot.target = testing::leaf(scenario::TargetPredicate::Kind::spell_weeks_at_least, 26);
  pilot.module<services::Coach>().enabled = true;
  pilot.module<services::Coach>().coaches_per_10000_persons = 100;
  pilot.module<services::Coach>().caseload = 100;
  pilot.module<services::Coach>().coaching_weeks = 520;
  pilot.on_transfer = scenario::OnTransfer::restart;  // handed back, its clients lose their coach
  spec.pilot_design = pilot;
  const auto sink = run(spec);
  for (int w = 0; w < sink.weeks; ++w) {
    CAPTURE(w);
    const auto coached = sum(sink.totals[static_cast<std::size_t>(w)].coached);
    if (w < 9 || w > 29) CHECK(coached == 0);
    else CHECK(coached > 0);
  }
  // Kept on transfer (the default), a coaching relation goes on after the hand-back until the
  // person leaves unemployment and services.
  spec.pilot_design->on_transfer = scenario::OnTransfer::keep;
  const auto kept = run(spec);
  const auto coached_after = sum(kept.totals[31].coached);
  CHECK(coached_after > 0);
  CHECK(coached_after < sum(kept.totals[29].coached));
  // Every unemployed person is someone's client before, during and after the pilot (the
  // pilot's are the long spells, the TE office's all the others), from their first week in
  // unemployment: only those who became unemployed at this week's end are not clients yet.
  for (std::size_t w : {5u, 20u, 40u}) {
    CAPTURE(w);
    std::int64_t unemployed = 0, became_unemployed = 0;
    for (int m = 0; m < 3; ++m) unemployed += sink.totals[w].status_counts[static_cast<std::size_t>(m * kStatusCount + U)];
    for (std::size_t i = 0; i < sink.persons; ++i) {
      const auto at = [&](std::size_t week) { return sink.statuses[i * static_cast<std::size_t>(sink.weeks) + week]; };
      if (at(w) == U && at(w - 1) != U) became_unemployed += 1;
    }
    CHECK(sum(sink.totals[w].clients) == unemployed - became_unemployed);
  }
}

TEST_CASE("during a pilot the TE office goes on serving everyone outside it", "[services][design]") {
  auto spec = plain_scenario(2000, testing::date(2015, 8, 31));
  auto& training = spec.baseline_design.module<services::Training>();
  training.enabled = true;
  training.places_per_10000_persons = 300;
  training.referral_rate_per_week = 0.05;
  training.duration = {4, 8};
  auto pilot = testing::empty_design("coach-only pilot");  // no training of its own
  pilot.start = testing::date(2014, 11, 3);  // week 9
  pilot.end = testing::date(2015, 3, 29);    // week 29
  pilot.target = testing::leaf(scenario::TargetPredicate::Kind::spell_weeks_at_least, 26);
  pilot.module<services::Coach>().enabled = true;
  pilot.module<services::Coach>().coaches_per_10000_persons = 100;
  pilot.module<services::Coach>().caseload = 100;
  spec.pilot_design = pilot;
  const auto with_pilot = run(spec);
  spec.pilot_design.reset();
  const auto without = run(spec);
  auto training_starts = [](const testing::CaptureSink& sink, int from, int to) {
    std::int64_t n = 0;
    for (int w = from; w <= to; ++w)
      for (int m = 0; m < 3; ++m)
        n += sink.totals[static_cast<std::size_t>(w)].service_starts[static_cast<std::size_t>(m * scenario::kServiceCount) +
                                                                     static_cast<std::size_t>(Service::training)];
    return n;
  };
  // The TE office trains its own clients through the pilot, with the places that follow them:
  // fewer than without the pilot (the pilot's clients and their share of places have left), but
  // far from none.
  const auto during = training_starts(with_pilot, 12, 29);
  CAPTURE(during, training_starts(without, 12, 29));
  CHECK(during > 0);
  CHECK(during < training_starts(without, 12, 29));
  CHECK(during > training_starts(without, 12, 29) / 3);
}

TEST_CASE("services keep serial and parallel steppers bit-identical", "[services][determinism]") {
  auto spec = plain_scenario(1500, testing::date(2015, 12, 31));
  auto& d = spec.baseline_design;
  d.priority = scenario::PriorityRule::most_barriers_first;
  d.module<services::Assessment>().enabled = true;
  d.module<services::Coach>().enabled = true;
  d.module<services::Coach>().coaches_per_10000_persons = 20;
  d.module<services::Coach>().search_effort_multiplier = 1.3;
  // Every placed service with a status (services/modules.hpp), so that every service code starts.
  services::for_each_status_module([&](auto module, auto) {
    auto& s = d.module<typename decltype(module)::type>();
    s.enabled = true;
    s.places_per_10000_persons = 40;
    s.referral_rate_per_week = 0.02;
    s.duration = {4, 30};
    s.dropout_rate_per_week = 0.01;
  });
  d.module<services::RehabilitativeWork>().requires_assessment = true;
  d.module<services::RehabilitativeWork>().barrier_resolved_rate_per_week = 0.02;
  // A pilot beside the TE office for part of the run: two organisers share the places.
  auto pilot = d;
  pilot.name = "pilot";
  pilot.priority = scenario::PriorityRule::closest_to_labour_market_first;
  pilot.target = testing::leaf(scenario::TargetPredicate::Kind::spell_weeks_at_least, 26);
  pilot.module<services::Coach>().coaches_per_10000_persons = 60;
  pilot.start = testing::date(2015, 1, 5);
  pilot.end = testing::date(2015, 9, 27);
  spec.pilot_design = pilot;
  const auto a = run(spec, 1);
  const auto b = run(spec, 2);
  testing::CaptureSink c;
  sim::RunOptions reference;
  reference.reference = true;
  sim::Simulation(spec, 77).run(c, reference);
  CHECK(a.statuses == b.statuses);
  CHECK(a.statuses == c.statuses);
  for (std::size_t w = 0; w < a.totals.size(); ++w) {
    REQUIRE(a.totals[w].cost == c.totals[w].cost);
    REQUIRE(a.totals[w].waiting == c.totals[w].waiting);
    REQUIRE(a.totals[w].service_starts == b.totals[w].service_starts);
  }
  // Every service was used.
  std::int64_t starts[scenario::kServiceCount] = {};
  for (const auto& t : a.totals)
    for (int m = 0; m < 3; ++m)
      for (int k = 0; k < scenario::kServiceCount; ++k) starts[k] += t.service_starts[static_cast<std::size_t>(m * scenario::kServiceCount + k)];
  for (int k = 1; k < scenario::kServiceCount; ++k) CHECK(starts[k] > 0);
}

TEST_CASE("two organisers share places by their clients and never exceed them", "[services][queue]") {
  // The TE office has 10 training places per town, the pilot 30 "as if it served every client".
  // During the pilot each has its share of its own places (by clients), so once the trainees
  // admitted before it have left (20 weeks at most), at most 30 f + 10 (1 - f) <= 30 are in
  // training; before the pilot, and once its trainees have left after it, at most 10; and never
  // more than the 40 of both.
  auto spec = plain_scenario(2000, testing::date(2015, 12, 31));
  auto& te = spec.baseline_design;
  te.module<services::Training>().enabled = true;
  te.module<services::Training>().places_per_10000_persons = 50;   // 10 places per town
  te.module<services::Training>().referral_rate_per_week = 0.05;
  te.module<services::Training>().duration = {8, 20};
  auto pilot = te;
  pilot.name = "pilot";
  pilot.module<services::Training>().places_per_10000_persons = 150;  // 30 places per town
  pilot.target = testing::leaf(scenario::TargetPredicate::Kind::spell_weeks_at_least, 13);
  pilot.start = testing::date(2015, 1, 5);
  pilot.end = testing::date(2015, 6, 28);
  spec.pilot_design = pilot;
  const Calendar calendar(spec.run.start, spec.run.end);
  const int first = calendar.week_of(*pilot.start), last = calendar.week_of(*pilot.end);
  const auto sink = run(spec);
  std::int64_t most_in_pilot = 0;
  for (int w = 0; w < sink.weeks; ++w)
    for (int m = 0; m < 3; ++m) {
      CAPTURE(w, m);
      const auto in_training = sink.totals[static_cast<std::size_t>(w)].status_counts[static_cast<std::size_t>(m * kStatusCount + T)];
      CHECK(in_training <= 40);
      if (w < first || w > last + 20) CHECK(in_training <= 10);
      if (w >= first + 20 && w <= last) {
        CHECK(in_training <= 30);
        most_in_pilot = std::max(most_in_pilot, in_training);
      }
    }
  CHECK(most_in_pilot > 10);  // the pilot's places were used beyond the TE office's
}

TEST_CASE("referral by spell bracket decides who is sent to a service when", "[services][referral]") {
  // Places enough for everyone referred (no queue): who enters follows the referral multipliers.
  const auto entered_by_bracket = [](std::array<double, 7> by_spell) {
    auto spec = plain_scenario(2000, testing::date(2015, 8, 31));
    auto& d = spec.baseline_design;
    d.referral_by_spell = by_spell;
    d.module<services::Training>().enabled = true;
    d.module<services::Training>().places_per_10000_persons = 2000;
    d.module<services::Training>().referral_rate_per_week = 0.02;
    d.module<services::Training>().duration = {4, 8};
    const auto sink = run(spec);
    std::array<std::int64_t, scenario::kDurationBracketCount> entered{};
    for (const auto& t : sink.totals)
      for (std::size_t b = 0; b < entered.size(); ++b) entered[b] += t.entered_service[b];
    return entered;
  };
  // Only the first month: every entry is in the first bracket (admitted the week after referral).
  const auto early = entered_by_bracket({1, 0, 0, 0, 0, 0, 0});
  CHECK(early[0] > 50);
  for (std::size_t b = 1; b < early.size(); ++b) CHECK(early[b] == 0);
  // Only spells of two years or more.
  const auto late = entered_by_bracket({0, 0, 0, 0, 0, 0, 1});
  CHECK(late[6] > 0);
  for (std::size_t b = 0; b < 6; ++b) CHECK(late[b] == 0);
}

TEST_CASE("first_referred_first admits a queue in the order of referral, whatever the spells", "[services][queue]") {
  // A long queue for few places: under longest_spell_first the admitted have long spells; served
  // in turn, they wait about as long as everyone and their spells are shorter.
  const auto admitted = [](scenario::PriorityRule rule) {
    auto spec = plain_scenario(2000, testing::date(2015, 8, 31));
    auto& training = spec.baseline_design.module<services::Training>();
    spec.baseline_design.priority = rule;
    training.enabled = true;
    training.places_per_10000_persons = 50;
    training.referral_rate_per_week = 0.05;
    training.duration = {8, 12};
    const auto sink = run(spec);
    std::array<std::int64_t, scenario::kDurationBracketCount> entered{};
    for (const auto& t : sink.totals)
      for (std::size_t b = 0; b < entered.size(); ++b) entered[b] += t.entered_service[b];
    return entered;
  };
  const auto longest = admitted(scenario::PriorityRule::longest_spell_first);
  const auto in_turn = admitted(scenario::PriorityRule::first_referred_first);
  CAPTURE(longest, in_turn);
  // Entries with spells under six months: few when the longest go first, many in turn.
  const auto short_spells = [](const auto& e) { return e[0] + e[1] + e[2]; };
  CHECK(short_spells(in_turn) > 2 * short_spells(longest) + 10);
}
