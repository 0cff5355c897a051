// The municipality as an actor (docs/capacity.md): with its co-payment bill per unemployed person
// above the threshold it adds rehabilitative-work places and refers more to them; its long-term
// unemployed take them and its bill falls. Off (the default), it changes nothing in any week.
#include <catch2/catch.hpp>

#include <vector>

#include "policy/municipality_response.hpp"
#include "sim/simulation.hpp"
#include "support/capture_sink.hpp"
#include "support/run_captured.hpp"
#include "support/designs.hpp"
#include "support/small_scenario.hpp"

using namespace kokeilu;

namespace {

/// A TE office with scarce rehabilitative-work places for the long-term unemployed, whose
/// subsidy days put them on the co-payment list.
scenario::ScenarioSpec scarce_rehabilitative_work() {
  auto spec = testing::small_scenario(1500, testing::date(2016, 6, 30));
  auto& d = spec.baseline_design;
  d.module<services::RehabilitativeWork>().enabled = true;
  d.module<services::RehabilitativeWork>().places_per_10000_persons = 20;
  d.module<services::RehabilitativeWork>().referral_rate_per_week = 0.05;  // a long queue: the places bind
  d.module<services::RehabilitativeWork>().min_spell_weeks = 52;
  d.module<services::RehabilitativeWork>().duration = {13, 52};
  return spec;
}

testing::CaptureSink run(const scenario::ScenarioSpec& spec, bool reference = false) {
  return testing::run_captured(spec, 77, reference);
}

std::int64_t in_rehabilitative_work(const sim::WeekTotals& t) {
  std::int64_t n = 0;
  for (int m = 0; m < t.municipalities; ++m)
    n += t.status_counts[static_cast<std::size_t>(m * kStatusCount + static_cast<int>(Status::rehabilitative))];
  return n;
}

std::int64_t referred_to_rehabilitative_work(const sim::WeekTotals& t) {
  std::int64_t n = 0;
  for (int m = 0; m < t.municipalities; ++m)
    n += t.referrals[static_cast<std::size_t>(m * scenario::kServiceCount + static_cast<int>(scenario::Service::rehabilitative_work))];
  return n;
}

std::int64_t copayment(const sim::WeekTotals& t) {
  std::int64_t cents = 0;
  for (auto c : t.copayment) cents += c;
  return cents;
}

}  // namespace

TEST_CASE("the bill is read over its window, lag weeks back, per unemployed person", "[policy][capacity]") {
  policy::BillHistory bills;
  // Two municipalities; week w: a bill of w euros in the first, 100 in the second, 10 unemployed each.
  for (int w = 0; w < 30; ++w) {
    const std::vector<std::int64_t> cents{w * 100, 10'000}, unemployed{10, 10};
    bills.record(w, cents, unemployed);
  }
  scenario::MunicipalityResponseSpec rule;
  rule.enabled = true;
  rule.window_weeks = 4;
  rule.lag_weeks = 3;
  // Week 30 looks at weeks 23-26: (23 + 24 + 25 + 26) / 40 unemployed person-weeks.
  CHECK(policy::bill_per_unemployed_eur(rule, bills, 30, 0, 2) == Approx(98.0 / 40.0));
  CHECK(policy::bill_per_unemployed_eur(rule, bills, 30, 1, 2) == Approx(10.0));
  rule.threshold_eur_per_unemployed_week = 8;
  rule.elasticity = 0.5;
  rule.max_increase = 1;
  CHECK(policy::added_places_share(rule, bills, 30, 1, 2) == Approx(0.5 * (10.0 / 8.0 - 1.0)));
  CHECK(policy::added_places_share(rule, bills, 30, 0, 2) == 0);  // below the threshold
  rule.elasticity = 20;
  CHECK(policy::added_places_share(rule, bills, 30, 1, 2) == 1);  // at most max_increase
  rule.enabled = false;
  CHECK(policy::added_places_share(rule, bills, 30, 1, 2) == 0);
  // Too little history: no response.
  policy::BillHistory short_history;
  for (int w = 0; w < 6; ++w) short_history.record(w, std::vector<std::int64_t>{100, 100}, std::vector<std::int64_t>{1, 1});
  rule.enabled = true;
  CHECK(policy::bill_per_unemployed_eur(rule, short_history, 6, 1, 2) < 0);
  CHECK(policy::added_places_share(rule, short_history, 6, 1, 2) == 0);
}

TEST_CASE("with a high bill the municipality adds places, and its bill falls", "[services][capacity]") {
  const auto spec = scarce_rehabilitative_work();
  auto responding = spec;
  responding.baseline_design.municipality_response = {true, 8, 4, 1.0, 1.0, 1.0};  // a low threshold: a high bill
  const auto off = run(spec);
  const auto on = run(responding);
  REQUIRE(off.totals.size() == on.totals.size());
  const std::size_t weeks = on.totals.size();
  std::int64_t places_off = 0, places_on = 0, bill_off = 0, bill_on = 0, referred_off = 0, referred_on = 0;
  for (std::size_t w = weeks / 2; w < weeks; ++w) {
    referred_off += referred_to_rehabilitative_work(off.totals[w]);
    referred_on += referred_to_rehabilitative_work(on.totals[w]);
    places_off += in_rehabilitative_work(off.totals[w]);
    places_on += in_rehabilitative_work(on.totals[w]);
    bill_off += copayment(off.totals[w]);
    bill_on += copayment(on.totals[w]);
  }
  CAPTURE(places_off, places_on, bill_off, bill_on, referred_off, referred_on);
  CHECK(referred_on > referred_off);  // it sends more of its long-term unemployed there
  CHECK(places_on > places_off * 3 / 2);
  CHECK(places_on <= places_off * 2 + static_cast<std::int64_t>(weeks));  // max_increase 1: at most double
  CHECK(bill_on < bill_off);
  // Before the first window and lag have passed, nothing differs.
  for (std::size_t w = 0; w < 12; ++w) CHECK(on.totals[w] == off.totals[w]);
}

TEST_CASE("off, the rule changes nothing in any week, whatever its other settings", "[services][capacity]") {
  const auto spec = scarce_rehabilitative_work();
  auto off = spec;
  off.baseline_design.municipality_response = {false, 3, 0, 0.01, 5.0, 3.0};
  const auto a = run(spec);
  const auto b = run(off);
  CHECK(a.statuses == b.statuses);
  REQUIRE(a.totals.size() == b.totals.size());
  for (std::size_t w = 0; w < a.totals.size(); ++w) {
    CAPTURE(w);
    CHECK(a.totals[w] == b.totals[w]);
  }
}

TEST_CASE("a responding municipality gives the same bits in the serial and parallel steppers", "[services][capacity]") {
  auto spec = scarce_rehabilitative_work();
  spec.baseline_design.municipality_response = {true, 8, 4, 1.0, 1.0, 1.0};
  const auto parallel = run(spec);
  const auto serial = run(spec, true);
  CHECK(parallel.statuses == serial.statuses);
  REQUIRE(parallel.totals.size() == serial.totals.size());
  for (std::size_t w = 0; w < parallel.totals.size(); ++w) CHECK(parallel.totals[w] == serial.totals[w]);
}
