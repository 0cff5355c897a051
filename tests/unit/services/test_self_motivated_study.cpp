// Self-motivated study on unemployment benefit (services/service_self_motivated_study.hpp): off
// by default; switched on, it is training without the supplement, for those aged 25 or over. With
// training's settings, the same seed and no one under 25, the run is training's with status 7 for
// status 3 (the same hooks take the same draws), Kela pays exactly the supplement less, and the
// students count as activated.
#include <catch2/catch.hpp>

#include "benefits/rules.hpp"
#include "core/calendar.hpp"
#include "services/codes.hpp"
#include "sim/simulation.hpp"
#include "support/capture_sink.hpp"
#include "support/run_captured.hpp"
#include "support/small_scenario.hpp"

using namespace kokeilu;

namespace {

constexpr auto U = static_cast<std::uint8_t>(Status::unemployed);
constexpr auto T = static_cast<std::uint8_t>(Status::training);
constexpr auto S = static_cast<std::uint8_t>(Status::self_motivated_study);

/// Places for everyone, a long stay, drop-out and a gain at completion: every hook is used.
template <class Spec>
void switch_on(Spec& s) {
  s.enabled = true;
  s.places_per_10000_persons = 2000;
  s.referral_rate_per_week = 0.02;
  s.duration = {26, 60};
  s.dropout_rate_per_week = 0.01;
  s.cost_eur_per_week = 0;
  s.lock_in_search_multiplier = 0.2;
  s.employability_gain = 0.5;
  s.qualification_probability = 0.5;
}

scenario::ScenarioSpec plain_scenario() {
  auto spec = testing::small_scenario(3000, testing::date(2016, 6, 30));
  spec.behaviour.retirement_age_years = 200;
  return spec;
}

/// Everyone aged 25 or over throughout, no entrants: the age rule refers no one less than training.
scenario::ScenarioSpec scenario_aged_25_plus() {
  auto spec = plain_scenario();
  for (auto& m : spec.municipalities) {
    m.age_shares = {{25, 29, 0.3}, {30, 49, 0.4}, {50, 54, 0.1}, {55, 64, 0.2}};
    m.entrants_per_year = 0;
    m.entrants_by_year.clear();
  }
  return spec;
}

/// Starts in `status` by age (the engine's: the week's year - birth year); [0] under 25, [1] 25+.
std::array<std::int64_t, 2> starts_by_age(const testing::CaptureSink& sink, std::uint8_t status, const Calendar& calendar) {
  std::array<std::int64_t, 2> starts{};
  const auto W = static_cast<std::size_t>(sink.weeks);
  for (std::size_t i = 0; i < sink.persons; ++i) {
    std::uint8_t previous = sink.initial_state.status[i];
    for (std::size_t w = 0; w < W; ++w) {
      const auto now = sink.statuses[i * W + w];
      if (now == status && previous != status) {
        const int age = calendar.year_of_week(static_cast<int>(w)) - sink.initial_state.birth_year[i];
        starts[age >= 25 ? 1 : 0] += 1;
      }
      previous = now;
    }
  }
  return starts;
}

std::int64_t kela_cents(const testing::CaptureSink& sink) {
  std::int64_t cents = 0;
  for (const auto& t : sink.totals)
    for (int m = 0; m < t.municipalities; ++m)
      cents += t.cost[static_cast<std::size_t>(m * kPayerCount + static_cast<int>(Payer::kela))];
  return cents;
}

/// Person-weeks begun in `status` (the week's payment is for the status it began in).
std::int64_t weeks_begun_in(const testing::CaptureSink& sink, std::uint8_t status) {
  std::int64_t n = 0;
  const auto W = static_cast<std::size_t>(sink.weeks);
  for (std::size_t i = 0; i < sink.persons; ++i) {
    std::uint8_t previous = sink.initial_state.status[i];
    for (std::size_t w = 0; w < W; ++w) {
      n += previous == status;
      previous = sink.statuses[i * W + w];
    }
  }
  return n;
}

}  // namespace

TEST_CASE("self-motivated study is an activating service with status code 7, off by default",
          "[services][self_motivated_study]") {
  CHECK(static_cast<int>(Status::self_motivated_study) == 7);
  CHECK(kStatusNames[7] == "self_motivated_study");
  CHECK(is_activating_service(Status::self_motivated_study));
  CHECK(scenario::kServiceNames[static_cast<int>(scenario::Service::self_motivated_study)] == "self_motivated_study");
  const services::SelfMotivatedStudy::Spec defaults;
  CHECK_FALSE(defaults.enabled);
  CHECK(defaults.duration.min == 26);
  CHECK(defaults.duration.max == 104);  // the law's 24 months
  CHECK(defaults.cost_eur_per_week == 0);  // the education system pays the studies
  // Counted in the activation rate's numerator, not as unemployed: 2 / (6 + 2).
  std::array<std::int64_t, kStatusCount> counts{};
  counts[static_cast<int>(Status::unemployed)] = 6;
  counts[static_cast<int>(Status::self_motivated_study)] = 2;
  CHECK(activation_rate_of_counts(std::span<const std::int64_t, kStatusCount>(counts)) == Approx(0.25));
}

TEST_CASE("self-motivated study is training without the supplement", "[services][self_motivated_study]") {
  auto trained = scenario_aged_25_plus();
  switch_on(trained.baseline_design.module<services::Training>());
  auto studied = scenario_aged_25_plus();
  switch_on(studied.baseline_design.module<services::SelfMotivatedStudy>());
  const auto with_training = testing::run_captured(trained, 77);
  const auto with_study = testing::run_captured(studied, 77);

  // The same persons in the same statuses, training's code 3 replaced by 7.
  REQUIRE(with_study.statuses.size() == with_training.statuses.size());
  std::int64_t study_weeks = 0, differences = 0;
  for (std::size_t k = 0; k < with_study.statuses.size(); ++k) {
    const auto expected = with_training.statuses[k] == T ? S : with_training.statuses[k];
    differences += with_study.statuses[k] != expected;
    study_weeks += with_study.statuses[k] == S;
  }
  CHECK(differences == 0);
  CHECK(study_weeks > 5000);  // not vacuous
  CHECK(weeks_begun_in(with_study, T) == 0);

  // Students are activated, not unemployed: the counts by status say so every week.
  for (std::size_t w = 0; w < with_study.totals.size(); ++w) {
    const auto& a = with_training.totals[w];
    const auto& b = with_study.totals[w];
    for (int m = 0; m < a.municipalities; ++m) {
      const auto at = [&](const sim::WeekTotals& t, Status s) {
        return t.status_counts[static_cast<std::size_t>(m * kStatusCount + static_cast<int>(s))];
      };
      REQUIRE(at(b, Status::self_motivated_study) == at(a, Status::training));
      REQUIRE(at(b, Status::unemployed) == at(a, Status::unemployed));
      REQUIRE(at(b, Status::training) == 0);
    }
    REQUIRE(b.service_starts.size() == a.service_starts.size());
  }

  // The benefit is paid as in training (the same days), without the supplement: Kela pays the
  // supplement less for every day of study, and nothing else changes.
  const auto rules = benefits::rules_on(studied.benefits, studied.run.start);
  const std::int64_t supplement_cents = cents_from_eur(studied.baseline_design.supplement_eur_per_day);
  REQUIRE(supplement_cents > 0);
  const auto begun = weeks_begun_in(with_study, S);
  CHECK(begun == weeks_begun_in(with_training, T));
  CHECK(kela_cents(with_training) - kela_cents(with_study) == supplement_cents * rules.days_per_week * begun);
  for (std::size_t w = 0; w < with_study.totals.size(); ++w) {
    const auto& a = with_training.totals[w];
    const auto& b = with_study.totals[w];
    REQUIRE(a.benefit_days == b.benefit_days);
    for (int m = 0; m < a.municipalities; ++m)
      for (const Payer p : {Payer::state, Payer::municipality, Payer::unemployment_fund}) {
        const auto k = static_cast<std::size_t>(m * kPayerCount + static_cast<int>(p));
        REQUIRE(a.cost[k] == b.cost[k]);  // no course cost, the same benefit
      }
  }
}

TEST_CASE("self-motivated study is for those aged 25 or over (rule)", "[services][self_motivated_study]") {
  // A fifth of the population is 15-24: training (no age rule) takes some of them, study none.
  auto trained = plain_scenario();
  switch_on(trained.baseline_design.module<services::Training>());
  auto studied = plain_scenario();
  switch_on(studied.baseline_design.module<services::SelfMotivatedStudy>());
  const Calendar calendar(studied.run.start, studied.run.end);
  const auto training = starts_by_age(testing::run_captured(trained, 77), T, calendar);
  const auto study = starts_by_age(testing::run_captured(studied, 77), S, calendar);
  CAPTURE(training[0], training[1], study[0], study[1]);
  CHECK(training[0] > 50);  // not vacuous: without the rule the young would start too
  CHECK(study[0] == 0);
  CHECK(study[1] > 1000);
}
