// select_first sorts by packed integer keys (policy::priority_key) instead of calling
// PriorityOrder, the rules' definition, for every comparison. These tests fail when a field is
// packed wrong (width, sign, position) or when the selection moves a person other than
// std::partial_sort with PriorityOrder would (the rest of a queue too: queues go to checkpoints).
#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <cstdint>
#include <numeric>
#include <random>
#include <vector>

#include "policy/priority.hpp"

using namespace kokeilu;
using scenario::PriorityRule;

namespace {

constexpr std::array kRules{PriorityRule::longest_spell_first, PriorityRule::most_barriers_first,
                            PriorityRule::closest_to_labour_market_first, PriorityRule::first_referred_first};

/// Persons whose fields come from a few values, edges included (0, 1, the largest a column
/// holds), so that many tie in one field or in all but the index.
population::People random_people(std::size_t n, std::uint32_t seed) {
  std::mt19937 rng(seed);  // the engine's outputs are specified; no std:: distribution is used
  const auto week = [&rng]() -> std::uint16_t {
    constexpr std::array<std::uint16_t, 8> values{0, 1, 2, 52, 0x7FFF, 0x8000, 0xFFFE, 0xFFFF};
    return rng() % 4 == 0 ? static_cast<std::uint16_t>(rng()) : values[rng() % values.size()];
  };
  population::People p;
  p.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    p.spell_weeks[i] = week();
    p.waiting_since[i] = week();
    p.client_since[i] = week();
    p.client_flags[i] = static_cast<std::uint8_t>(rng());  // the barrier bit among others
    p.waiting_for[i] = static_cast<std::uint8_t>(rng() % 3 == 0 ? 0 : rng() % 6);
  }
  return p;
}

}  // namespace

TEST_CASE("priority keys order persons as PriorityOrder does", "[policy]") {
  const auto rule = GENERATE(from_range(kRules));
  const auto seed = GENERATE(1u, 2u, 3u);
  CAPTURE(static_cast<int>(rule), seed);
  const std::size_t n = 300;
  const auto people = random_people(n, seed);
  const policy::PriorityOrder order(rule, people);
  std::size_t before = 0;
  for (std::uint32_t a = 0; a < n; ++a) {
    const auto key_a = policy::priority_key(rule, people, a);
    REQUIRE(policy::person_of(key_a) == a);
    for (std::uint32_t b = 0; b < n; ++b) {
      const auto key_b = policy::priority_key(rule, people, b);
      if (order(a, b) != (key_a < key_b)) {
        CAPTURE(a, b, people.spell_weeks[a], people.spell_weeks[b], people.waiting_since[a], people.waiting_since[b],
                people.client_since[a], people.client_since[b], +people.client_flags[a], +people.client_flags[b],
                +people.waiting_for[a], +people.waiting_for[b]);
        FAIL("the key order differs from PriorityOrder");
      }
      before += order(a, b) ? 1 : 0;
    }
  }
  CHECK(before == n * (n - 1) / 2);  // a total order: not vacuous
}

TEST_CASE("the edges of every field: one unit apart decides, in the rule's direction", "[policy]") {
  // Two persons equal in every field, then one field of the first moved by one at its edges: a
  // field cut short (packed in fewer bits) or with its sign lost fails here.
  const auto rule = GENERATE(from_range(kRules));
  const auto field = GENERATE(0, 1, 2, 3);  // spell, waiting_since, client_since, barrier
  const auto low = GENERATE(std::uint16_t{0}, std::uint16_t{0x7FFF}, std::uint16_t{0xFFFE});
  CAPTURE(static_cast<int>(rule), field, low);
  population::People p;
  p.resize(2);
  for (std::uint32_t i = 0; i < 2; ++i) {
    p.spell_weeks[i] = p.waiting_since[i] = p.client_since[i] = low;
    p.client_flags[i] = 0;
    p.waiting_for[i] = static_cast<std::uint8_t>(rule == PriorityRule::first_referred_first && field == 2 ? 0 : 1);
  }
  // Person 1 gets the larger value, so the index alone would put person 0 first.
  if (field == 0) p.spell_weeks[1] = static_cast<std::uint16_t>(low + 1);
  if (field == 1) p.waiting_since[1] = static_cast<std::uint16_t>(low + 1);
  if (field == 2) p.client_since[1] = static_cast<std::uint16_t>(low + 1);
  if (field == 3) p.client_flags[1] = population::kBarrierKnown;
  const policy::PriorityOrder order(rule, p);
  CHECK(order(0, 1) == (policy::priority_key(rule, p, 0) < policy::priority_key(rule, p, 1)));
  CHECK(order(1, 0) == (policy::priority_key(rule, p, 1) < policy::priority_key(rule, p, 0)));
}

TEST_CASE("select_first leaves every queue as std::partial_sort with PriorityOrder does", "[policy]") {
  const auto rule = GENERATE(from_range(kRules));
  CAPTURE(static_cast<int>(rule));
  const auto people = random_people(2000, 7);
  std::mt19937 rng(11);
  for (int round = 0; round < 300; ++round) {
    // A queue of distinct persons in any order, and any number of places (none, all, one short).
    std::vector<std::uint32_t> all(people.size());
    std::iota(all.begin(), all.end(), 0u);
    const std::size_t size = round < 5 ? round : rng() % (round < 100 ? 40 : 1500);
    for (std::size_t j = 0; j < size; ++j) std::swap(all[j], all[j + rng() % (all.size() - j)]);
    std::vector<std::uint32_t> waiting(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(size));
    const std::array<std::size_t, 7> choices{0, 1, size / 2, size - std::min<std::size_t>(size, 1), size, size + 3,
                                             static_cast<std::size_t>(rng()) % (size + 1)};
    const std::size_t places = choices[static_cast<std::size_t>(round) % choices.size()];
    CAPTURE(round, size, places);
    auto expected = waiting;
    const std::size_t n = std::min(places, size);
    std::partial_sort(expected.begin(), expected.begin() + static_cast<std::ptrdiff_t>(n), expected.end(),
                      policy::PriorityOrder(rule, people));
    REQUIRE(policy::select_first(waiting, places, rule, people) == n);
    REQUIRE(waiting == expected);
  }
}

TEST_CASE("the persons selected, and their order, do not depend on the queue's order", "[policy]") {
  // sim/admission.cpp relies on it: the modules' candidates are not sorted before selection.
  const auto rule = GENERATE(from_range(kRules));
  CAPTURE(static_cast<int>(rule));
  const auto people = random_people(500, 5);
  std::mt19937 rng(13);
  std::vector<std::uint32_t> sorted(people.size());
  std::iota(sorted.begin(), sorted.end(), 0u);
  for (const std::size_t places : {std::size_t{0}, std::size_t{1}, std::size_t{37}, std::size_t{499}, std::size_t{500}}) {
    CAPTURE(places);
    auto expected = sorted;
    policy::select_first(expected, places, rule, people);
    expected.resize(places);
    for (int round = 0; round < 5; ++round) {
      auto shuffled = sorted;
      for (std::size_t j = shuffled.size(); j > 1; --j) std::swap(shuffled[j - 1], shuffled[rng() % j]);
      REQUIRE(policy::select_first(shuffled, places, rule, people) == places);
      shuffled.resize(places);
      REQUIRE(shuffled == expected);
    }
  }
}
