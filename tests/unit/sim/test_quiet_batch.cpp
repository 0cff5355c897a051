// The quiet week in AVX2 lanes makes the scalar loop's decisions and updates, person for person,
// on random columns with every edge the rules have (ages at the group and retirement bounds and
// past the table, spells at the bracket starts and the counters' cap, words at the leave bound).
#include <catch2/catch.hpp>

#include <array>
#include <bit>
#include <random>
#include <vector>

#include "population/people.hpp"
#include "sim/hazard_tables.hpp"
#include "sim/quiet_batch.hpp"

using namespace kokeilu;

namespace {

constexpr int kYear = 2014;

/// Columns of `n` persons (a multiple of 32) and the week's table and words.
struct QuietCase {
  std::vector<std::uint8_t> status, client_flags, female, education, foreign_language, barrier;
  std::vector<std::uint16_t> birth_year, spell_weeks, work_weeks_since_claim, work_history_weeks;
  std::vector<std::uint64_t> leaving;
  std::vector<std::uint32_t> words;
  sim::QuietAgeGroups group_of_age{};
  int retirement_age = 65;

  sim::QuietBatchInput input() {
    return {status.data(), client_flags.data(), birth_year.data(), female.data(), education.data(),
            foreign_language.data(), barrier.data(), spell_weeks.data(), work_weeks_since_claim.data(),
            work_history_weeks.data(), leaving.data(), kYear, retirement_age, group_of_age.data()};
  }
};

template <class T>
T pick(std::mt19937_64& rng, const std::vector<T>& edges, T random_below) {
  if (rng() % 2 == 0) return edges[rng() % edges.size()];
  return static_cast<T>(rng() % random_below);
}

QuietCase random_case(std::size_t n, int retirement_age, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  QuietCase c;
  c.retirement_age = retirement_age;
  c.group_of_age = sim::quiet_age_groups(retirement_age);
  // Bounds anywhere in [0, 2^32], the ends included.
  c.leaving.resize(2 * sim::HazardTables::kExitStride);
  for (auto& bound : c.leaving)
    bound = pick<std::uint64_t>(rng, {0, 1, 0xFFFFFFFFull, 0x100000000ull}, 0x100000001ull);
  const auto employed = static_cast<std::uint8_t>(Status::employed);
  const auto inactive = static_cast<std::uint8_t>(Status::inactive);
  const std::vector<int> ages{-3, -1, 0, 14, 15, 24, 25, 29, 30, 49, 50, 54, 55, 62, 63, 64, 65, 66, 127, 128, 129, 200, 2014};
  const std::vector<std::uint16_t> spells{0, 3, 4, 12, 13, 25, 26, 51, 52, 77, 78, 103, 104, 105, 0xFFFE, 0xFFFF};
  const std::vector<std::uint16_t> counters{0, 1, 0xFFFE, 0xFFFF};
  for (std::size_t i = 0; i < n; ++i) {
    // Mostly the quiet statuses, so that most persons reach the table; any other code too.
    const auto code = static_cast<std::uint8_t>(rng() % 4 != 0 ? (rng() % 2 ? employed : inactive)
                                                : rng() % 3 == 0 ? kOutsidePopulation
                                                                 : rng() % 8);
    c.status.push_back(code);
    c.client_flags.push_back(static_cast<std::uint8_t>(rng() % 3 == 0 ? rng() : rng() & ~population::kClient));
    const int age = pick<int>(rng, ages, 90);
    c.birth_year.push_back(static_cast<std::uint16_t>(kYear - age));
    c.female.push_back(static_cast<std::uint8_t>(rng() % 2));
    c.education.push_back(static_cast<std::uint8_t>(rng() % 3));
    c.foreign_language.push_back(static_cast<std::uint8_t>(rng() % 2));
    c.barrier.push_back(static_cast<std::uint8_t>(rng() % 2));
    c.spell_weeks.push_back(pick<std::uint16_t>(rng, spells, 400));
    c.work_weeks_since_claim.push_back(pick<std::uint16_t>(rng, counters, 0xFFFF));
    c.work_history_weeks.push_back(pick<std::uint16_t>(rng, counters, 0xFFFF));
    // The word: random, or at the person's bound or one below it, where < and <= differ.
    std::uint32_t word = static_cast<std::uint32_t>(rng());
    if (age >= 0 && age < retirement_age && rng() % 2 == 0) {
      const int cell = sim::covariate_cell(sim::age_group(age), c.female[i], c.education[i], c.foreign_language[i],
                                           c.barrier[i]);
      const auto exit = code == employed ? sim::TabulatedExit::employed : sim::TabulatedExit::inactive;
      const std::uint64_t bound = c.leaving[sim::HazardTables::exit_cell_bracket(exit, cell, sim::duration_bracket(c.spell_weeks[i]))];
      const std::uint64_t at = rng() % 2 == 0 ? bound : bound - 1;
      word = static_cast<std::uint32_t>(std::min<std::uint64_t>(at, 0xFFFFFFFFull));
    }
    c.words.push_back(word);
  }
  return c;
}

}  // namespace

TEST_CASE("the quiet week in AVX2 lanes makes the scalar loop's decisions and updates", "[sim][quiet]") {
  if (!sim::quiet_batch_vectorised()) {
    WARN("this CPU has no AVX2: the lanes are not used here, nothing to compare");
    return;
  }
  const int retirement_age = GENERATE(65, 63, 130, 0);
  constexpr std::size_t kPersons = 32 * 400;
  const QuietCase start = random_case(kPersons, retirement_age, 20261203 + static_cast<std::uint64_t>(retirement_age));
  QuietCase scalar = start, lanes = start;
  std::vector<std::uint8_t> scalar_out(kPersons, 0xAA), lanes_out(kPersons, 0xBB);
  sim::QuietCounts scalar_counts, lanes_counts;
  std::int64_t quiet = 0, outside = 0, loud = 0;
  const auto scalar_in = scalar.input();
  const auto lanes_in = lanes.input();
  for (std::size_t first = 0; first < kPersons; first += 32) {
    const std::uint32_t scalar_loud =
        sim::quiet_batch_scalar(scalar_in, first, first + 32, start.words.data() + first, scalar_out.data(), scalar_counts);
    const std::uint32_t lanes_loud =
        sim::quiet_batch_avx2(lanes_in, first, start.words.data() + first, lanes_out.data(), lanes_counts);
    REQUIRE(lanes_loud == scalar_loud);
    for (std::size_t j = 0; j < 32; ++j) {
      if ((scalar_loud >> j) & 1u) {
        ++loud;
        continue;  // the caller writes a loud person's status
      }
      INFO("person " << first + j);
      REQUIRE(lanes_out[first + j] == scalar_out[first + j]);
      ++(start.status[first + j] == kOutsidePopulation ? outside : quiet);
    }
  }
  CHECK(lanes.spell_weeks == scalar.spell_weeks);
  CHECK(lanes.work_weeks_since_claim == scalar.work_weeks_since_claim);
  CHECK(lanes.work_history_weeks == scalar.work_history_weeks);
  CHECK(lanes_counts.employed == scalar_counts.employed);
  CHECK(lanes_counts.inactive == scalar_counts.inactive);
  CHECK(lanes_counts.employed_ever_pilot_clients == scalar_counts.employed_ever_pilot_clients);
  CHECK(lanes_counts.inactive_ever_pilot_clients == scalar_counts.inactive_ever_pilot_clients);
  // The columns the week reads are untouched; the counters moved for the quiet (not vacuous).
  CHECK(lanes.status == start.status);
  CHECK(loud > 0);
  CHECK(outside > 0);
  if (retirement_age > 0) {
    CHECK(quiet > 0);
    CHECK(scalar.spell_weeks != start.spell_weeks);
    CHECK(scalar_counts.employed_ever_pilot_clients > 0);
  }
}

TEST_CASE("the scalar loop decides a part batch as advance_person's rules say", "[sim][quiet]") {
  QuietCase c = random_case(32, 65, 7);
  const auto employed = static_cast<std::uint8_t>(Status::employed);
  // Person 0: employed, 40, not a client, word far above any bound short of 2^32: quiet.
  c.status[0] = employed;
  c.client_flags[0] = 0;
  c.birth_year[0] = static_cast<std::uint16_t>(kYear - 40);
  c.spell_weeks[0] = 0xFFFF;
  c.work_history_weeks[0] = 7;
  const int cell = sim::covariate_cell(sim::age_group(40), c.female[0], c.education[0], c.foreign_language[0], c.barrier[0]);
  c.leaving[sim::HazardTables::exit_cell_bracket(sim::TabulatedExit::employed, cell, sim::duration_bracket(0xFFFF))] = 10;
  c.words[0] = 10;  // not below the bound: stays
  // Person 1: outside, aged 14: stays outside. Person 2: outside, aged 15: enters (loud).
  c.status[1] = kOutsidePopulation;
  c.birth_year[1] = static_cast<std::uint16_t>(kYear - 14);
  c.status[2] = kOutsidePopulation;
  c.birth_year[2] = static_cast<std::uint16_t>(kYear - 15);
  // Person 3: employed, a client: loud.
  c.status[3] = employed;
  c.client_flags[3] = population::kClient;
  std::vector<std::uint8_t> out(32, 0xAA);
  sim::QuietCounts counts;
  const std::uint32_t loud = sim::quiet_batch_scalar(c.input(), 0, 4, c.words.data(), out.data(), counts);
  CHECK(loud == 0b1100u);
  CHECK(out[0] == employed);
  CHECK(c.spell_weeks[0] == 0xFFFF);  // saturates
  CHECK(c.work_history_weeks[0] == 8);
  CHECK(out[1] == kOutsidePopulation);
  CHECK(out[2] == 0xAA);
  CHECK(out[3] == 0xAA);
}
