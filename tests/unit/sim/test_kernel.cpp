// The weekly rules of one person, checked on hand-made persons.
#include <catch2/catch.hpp>

#include "random/distributions.hpp"
#include "sim/hazard_tables.hpp"
#include "sim/simulation.hpp"
#include "support/capture_sink.hpp"
#include "support/small_scenario.hpp"

using namespace kokeilu;

namespace {

population::People one_person_per_municipality(Status status, int age, int spell_weeks) {
  population::People p;
  p.resize(3);
  for (std::size_t i = 0; i < 3; ++i) {
    p.municipality[i] = static_cast<MunicipalityIndex>(i);
    p.birth_year[i] = static_cast<std::uint16_t>(2014 - age);
    p.status[i] = static_cast<std::uint8_t>(status);
    p.spell_weeks[i] = static_cast<std::uint16_t>(spell_weeks);
    p.employability[i] = 1.0f;
    p.benefit[i] = static_cast<std::uint8_t>(Benefit::labour_market_subsidy);
  }
  return p;
}

}  // namespace

TEST_CASE("at the retirement age a person leaves the population, and a cohort enters at 15", "[sim][kernel]") {
  auto spec = testing::small_scenario(1, testing::date(2016, 12, 31));
  const int first_2015_week = 18;  // 2014-12-29 is week 17 and starts in 2014; week 18 starts 2015-01-05
  auto status_at = [](const testing::CaptureSink& sink, std::size_t i, int week) {
    return sink.statuses[i * static_cast<std::size_t>(sink.weeks) + static_cast<std::size_t>(week)];
  };
  SECTION("aged 64 in 2014: outside from the first week of 2015, counted nowhere") {
    testing::CaptureSink sink;
    sim::Simulation(spec, one_person_per_municipality(Status::employed, 64, 10), 1).run(sink, {});
    for (std::size_t i = 0; i < 3; ++i) {
      for (int w = 0; w < first_2015_week; ++w) CHECK(status_at(sink, i, w) != kOutsidePopulation);
      for (int w = first_2015_week; w < sink.weeks; ++w) REQUIRE(status_at(sink, i, w) == kOutsidePopulation);
    }
    std::int64_t counted = 0;
    for (auto n : sink.totals.back().status_counts) counted += n;
    CHECK(counted == 0);
    CHECK(sink.final_state.client_flags == std::vector<std::uint8_t>(3, 0));
  }
  SECTION("born in 2000: outside until the first week of 2015, then out of the labour force at school") {
    auto people = one_person_per_municipality(Status::employed, 14, 0);
    for (std::size_t i = 0; i < 3; ++i) people.status[i] = kOutsidePopulation;
    testing::CaptureSink sink;
    sim::Simulation(spec, std::move(people), 1).run(sink, {});
    for (std::size_t i = 0; i < 3; ++i) {
      for (int w = 0; w < first_2015_week; ++w) REQUIRE(status_at(sink, i, w) == kOutsidePopulation);
      CHECK(status_at(sink, i, first_2015_week) != kOutsidePopulation);
    }
    std::int64_t counted = 0;
    for (auto n : sink.totals[static_cast<std::size_t>(first_2015_week)].status_counts) counted += n;
    CHECK(counted == 3);
  }
}

TEST_CASE("unemployed persons are paid, counted as long-term from 52 weeks, and co-paid", "[sim][kernel]") {
  auto spec = testing::small_scenario(1, testing::date(2015, 3, 1));
  // Nobody leaves unemployment: isolate the accounting.
  spec.behaviour.matching_enabled = false;
  spec.behaviour.search_effort.intercept = -100;
  spec.behaviour.unemployed_to_inactive.intercept = -100;
  testing::CaptureSink sink;
  auto people = one_person_per_municipality(Status::unemployed, 40, 50);
  for (std::size_t i = 0; i < 3; ++i) people.subsidy_days[i] = 296;
  sim::Simulation(spec, std::move(people), 1).run(sink, {});

  // Week 0 ends with spell 51, week 1 with 52: long-term from week 1.
  CHECK(sink.totals[0].long_term_unemployed[0] == 0);
  CHECK(sink.totals[1].long_term_unemployed[0] == 1);
  // Before 2015 the co-payment starts after 500 days; week 18 (from 2015-01-05) after 300.
  Cents copaid_2014 = 0;
  for (int w = 0; w < 18; ++w) copaid_2014 += sink.totals[w].copayment[0];
  CHECK(copaid_2014 == 0);  // 296 + 18 * 5 = 386 days < 500
  // In 2015, days 387.. are past 300: every day is co-paid at 50 %.
  CHECK(sink.totals[18].copayment[0] == 5 * 1640);
  CHECK(sink.totals[18].benefit_days[static_cast<int>(Benefit::labour_market_subsidy)] == 5);
  CHECK(sink.final_state.subsidy_days[0] == 296 + 5 * sink.weeks);
}

TEST_CASE("job finding by spell bracket is counted for calibration", "[sim][kernel]") {
  auto spec = testing::small_scenario(4000, testing::date(2015, 8, 31));
  spec.behaviour.retirement_age_years = 200;  // retirement takes people out of the risk set
  testing::CaptureSink sink;
  sim::RunOptions options;
  options.threads = 2;
  sim::Simulation(spec, 5).run(sink, options);
  std::int64_t at_risk = 0, found = 0;
  for (const auto& t : sink.totals)
    for (int b = 0; b < scenario::kDurationBracketCount; ++b) {
      at_risk += t.unemployed_at_risk[b];
      found += t.found_job[b];
      REQUIRE(t.found_job[b] <= t.unemployed_at_risk[b]);
    }
  CHECK(found > 0);
  // Person-weeks at risk equal the unemployed at each week's start.
  std::int64_t unemployed_at_starts = 0;
  for (std::size_t i = 0; i < sink.persons; ++i)
    unemployed_at_starts += sink.initial_state.status[i] == static_cast<std::uint8_t>(Status::unemployed);
  for (std::size_t w = 0; w + 1 < sink.totals.size(); ++w)
    for (int m = 0; m < 3; ++m)
      unemployed_at_starts += sink.totals[w].status_counts[static_cast<std::size_t>(m * kStatusCount + 2)];
  CHECK(at_risk == unemployed_at_starts);
}

TEST_CASE("a service pauses the jobless episode, though the register starts a new spell", "[sim][kernel]") {
  auto spec = testing::small_scenario(1, testing::date(2014, 10, 26));
  // Nobody finds a job or leaves the labour force: isolate the clocks.
  spec.behaviour.matching_enabled = false;
  spec.behaviour.search_effort.intercept = -100;
  spec.behaviour.unemployed_to_inactive.intercept = -100;
  auto people = one_person_per_municipality(Status::training, 40, 5);
  for (std::size_t i = 0; i < people.size(); ++i) {
    people.jobless_weeks[i] = 60;
    people.service_weeks_left[i] = 2;  // the course ends within the run
  }
  testing::CaptureSink sink;
  sim::Simulation(spec, std::move(people), 1).run(sink, {});
  const int weeks = sink.weeks;
  REQUIRE(weeks > 4);
  int followed = 0;
  for (std::size_t i = 0; i < sink.persons; ++i) {
    const auto status = static_cast<Status>(sink.final_state.status[i]);
    CAPTURE(i, kStatusNames[static_cast<int>(status)]);
    REQUIRE(population::in_jobseeker_episode(status));
    // Weeks begun unemployed: the course's weeks (and any later service's) do not count.
    int unemployed_weeks = 0;
    for (int w = 1; w < weeks; ++w)
      unemployed_weeks += sink.statuses[i * static_cast<std::size_t>(weeks) + static_cast<std::size_t>(w - 1)] ==
                          static_cast<std::uint8_t>(Status::unemployed);
    CHECK(unemployed_weeks >= 1);
    CHECK(sink.final_state.spell_weeks[i] < weeks);                    // the register: a new spell after the course
    CHECK(sink.final_state.jobless_weeks[i] == 60 + unemployed_weeks);  // the person: one episode, paused in services
    ++followed;
  }
  CHECK(followed > 0);
}

TEST_CASE("the quiet week's word bound decides as uniform01(word) < p does, at every edge", "[sim][kernel]") {
  // words_below(p) is the first word w with uniform01(w) >= p: check the words around it, the
  // ends, and probabilities at the edges (0, tiny, 0.5 * 2^-32 steps, just below 1, the tables').
  std::vector<double> probabilities{0.0, 1e-300, 0x1p-34, 0x1p-33, 0x1p-32, 0.75 * 0x1p-32, 1.5 * 0x1p-32,
                                    0.25, 0.5, 1.0 - 0x1p-33, 1.0 - 0x1p-34, 1.0 - 0x1p-53, 1.0};
  const sim::HazardTables tables(testing::small_scenario().behaviour);
  for (int exit = 0; exit < 2; ++exit)
    for (int k = 0; k < sim::kCellCount * scenario::kDurationBracketCount; k += 7)
      probabilities.push_back(tables.departures_of(static_cast<sim::TabulatedExit>(exit))[k].leave_probability);
  for (const double p : probabilities) {
    const std::uint64_t bound = sim::words_below(p);
    CAPTURE(p, bound);
    REQUIRE(bound <= (std::uint64_t{1} << 32));
    for (std::int64_t w = static_cast<std::int64_t>(bound) - 3; w <= static_cast<std::int64_t>(bound) + 3; ++w) {
      if (w < 0 || w > 0xFFFFFFFFll) continue;
      const auto word = static_cast<std::uint32_t>(w);
      REQUIRE((random::uniform01(word) < p) == (word < bound));
    }
    for (const std::uint32_t word : {0u, 1u, 0x7FFFFFFFu, 0x80000000u, 0xFFFFFFFEu, 0xFFFFFFFFu})
      REQUIRE((random::uniform01(word) < p) == (word < bound));
  }
}
