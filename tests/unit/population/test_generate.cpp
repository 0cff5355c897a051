#include <catch2/catch.hpp>

#include <cmath>

#include "population/generate.hpp"
#include "support/small_scenario.hpp"

using namespace kokeilu;

namespace {
double share(const std::vector<std::uint8_t>& column, std::uint8_t value) {
  std::size_t n = 0;
  for (auto v : column) n += v == value;
  return static_cast<double>(n) / static_cast<double>(column.size());
}
bool within_4se(double observed, double p, std::size_t n) {
  return std::fabs(observed - p) <= 4 * std::sqrt(p * (1 - p) / static_cast<double>(n));
}
}  // namespace

TEST_CASE("state is at most 64 bytes a person", "[population]") {
  // 8 static + 16 labour-market and benefit + 13 service bytes. A new column must fit the
  // budget of 64 (issue 2) and update this figure.
  CHECK(population::People::bytes_per_person() == 40);  // 37 + the 16-bit municipality index + jobless_weeks
  CHECK(population::People::bytes_per_person() <= 64);
  population::People people;
  people.resize(10);
  std::size_t bytes = 0, columns = 0;
  people.for_each_named_column([&](const char*, const auto& column) {
    bytes += sizeof(column[0]) * column.size();
    ++columns;
  });
  CHECK(columns == 25);
  CHECK(bytes == 10 * population::People::bytes_per_person());
}

TEST_CASE("generated persons follow the municipality's distributions", "[population]") {
  const auto spec = testing::small_scenario(20000);
  const auto people = population::generate_population(spec, 42);
  const std::size_t n = people.size();
  REQUIRE(n == 60000);
  // Grouped by municipality, in order.
  CHECK(people.municipality[0] == 0);
  CHECK(people.municipality[19999] == 0);
  CHECK(people.municipality[20000] == 1);
  CHECK(people.municipality[59999] == 2);

  const auto& m = spec.municipalities[0];
  CHECK(within_4se(share(people.status, static_cast<std::uint8_t>(Status::employed)), m.initial_status_shares[0], n));
  CHECK(within_4se(share(people.status, static_cast<std::uint8_t>(Status::unemployed)), m.initial_status_shares[2], n));
  CHECK(within_4se(share(people.female, 1), m.female_share, n));
  CHECK(within_4se(share(people.barrier, 1), m.barrier_share, n));
  CHECK(within_4se(share(people.foreign_language, 1), m.foreign_language_share, n));
  CHECK(within_4se(share(people.education, 2), m.education_shares[2], n));

  std::size_t unemployed = 0, long_spells = 0, on_subsidy = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const int age = 2014 - people.birth_year[i];
    REQUIRE(age >= 15);
    REQUIRE(age <= 64);
    if (people.status[i] != static_cast<std::uint8_t>(Status::unemployed)) continue;
    ++unemployed;
    long_spells += people.spell_weeks[i] >= 52;
    on_subsidy += people.benefit[i] == static_cast<std::uint8_t>(Benefit::labour_market_subsidy);
    REQUIRE(people.benefit[i] != static_cast<std::uint8_t>(Benefit::none));
  }
  const double u = static_cast<double>(unemployed);
  CHECK(within_4se(static_cast<double>(long_spells) / u, 0.30, unemployed));
  CHECK(within_4se(static_cast<double>(on_subsidy) / u, 0.48, unemployed));
}

TEST_CASE("the population depends on the seed only", "[population]") {
  const auto spec = testing::small_scenario(3000);
  const auto a = population::generate_population(spec, 7);
  const auto b = population::generate_population(spec, 7);
  const auto c = population::generate_population(spec, 8);
  CHECK(a.status == b.status);
  CHECK(a.birth_year == b.birth_year);
  CHECK(a.spell_weeks == b.spell_weeks);
  CHECK(a.birth_year != c.birth_year);
}
