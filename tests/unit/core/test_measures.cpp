#include <catch2/catch.hpp>

#include <cmath>

#include "core/measures.hpp"

using namespace kokeilu;

// The activation rate by status counts (activation_rate_of_counts) is tested with the statuses
// it reads, in tests/unit/services/test_codes.cpp.

TEST_CASE("the activation rate is in services over unemployed plus in services", "[core][measures]") {
  CHECK(activation_rate(1, 3) == 0.25);
  CHECK(activation_rate(2, 0) == 1.0);
  CHECK(activation_rate(0, 5) == 0.0);
}

TEST_CASE("with nobody unemployed or in services there is no activation rate", "[core][measures]") {
  CHECK(std::isnan(activation_rate(0, 0)));
}
