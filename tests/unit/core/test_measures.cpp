#include <catch2/catch.hpp>

#include <array>
#include <cmath>
#include <span>

#include "core/measures.hpp"

using namespace kokeilu;

TEST_CASE("the activation rate is in services over unemployed plus in services", "[core][measures]") {
  CHECK(activation_rate(1, 3) == 0.25);
  CHECK(activation_rate(2, 0) == 1.0);
  CHECK(activation_rate(0, 5) == 0.0);
  std::array<std::int64_t, kStatusCount> counts{};
  counts[static_cast<int>(Status::employed)] = 100;
  counts[static_cast<int>(Status::unemployed)] = 6;
  counts[static_cast<int>(Status::training)] = 1;
  counts[static_cast<int>(Status::work_trial)] = 1;
  counts[static_cast<int>(Status::subsidised_job)] = 2;
  counts[static_cast<int>(Status::inactive)] = 50;
  CHECK(activation_rate_of_counts(std::span<const std::int64_t, kStatusCount>(counts)) == Approx(0.4));
}

TEST_CASE("with nobody unemployed or in services there is no activation rate", "[core][measures]") {
  CHECK(std::isnan(activation_rate(0, 0)));
  std::array<std::int64_t, kStatusCount> counts{};
  counts[static_cast<int>(Status::employed)] = 10;
  counts[static_cast<int>(Status::inactive)] = 3;
  CHECK(std::isnan(activation_rate_of_counts(std::span<const std::int64_t, kStatusCount>(counts))));
}
