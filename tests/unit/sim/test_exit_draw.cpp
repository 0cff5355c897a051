// The end-of-week draw: exit_by_rates skips the departure's expm1 when u >= rate_a + rate_b, and
// must decide as exit_by_departure(departure(rate_a, rate_b), u) does for every word.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "random/distributions.hpp"
#include "sim/exit_draw.hpp"
#include "sim/hazard_tables.hpp"

using namespace kokeilu;
using sim::Exit;

namespace {

/// splitmix64: a fixed sequence of test values (not the model's draws).
std::uint64_t next(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

/// Total weekly rates: the edges of expm1's branches and of the bound, and many in between,
/// denser where the model's rates are (10^-4 to 1 a week).
std::vector<double> totals() {
  std::vector<double> t{std::numeric_limits<double>::denorm_min(), std::numeric_limits<double>::min(), 0x1p-60,
                        0x1p-54, std::nextafter(0x1p-54, 0.0), std::nextafter(0x1p-54, 1.0), 0x1p-33, 0x1p-32,
                        0x1p-31, 1e-9, 1e-6, 1e-4, 0.01, 0.05, 0.1, 0.25, 0.5, std::log(2.0), 1.0, 2.0, 22.0, 40.0,
                        700.0, 1e300};
  // The sharpest cases: for words w from 1 to 2^32, the smallest total whose P is above
  // uniform01(w), so that w is the last leaver and P is as close above it as a total allows. A
  // bound that cuts below P by more than about an ulp of P says that w stays.
  for (int k = 0; k < 32; ++k)
    for (int j = 0; j < 8; ++j) {
      const double u = random::uniform01(static_cast<std::uint32_t>(std::ldexp(1.0 + j / 8.0, k)));
      const auto p = [](double total) { return -std::expm1(-total); };
      double total = -std::log1p(-u);
      while (!(p(total) > u)) total = std::nextafter(total, std::numeric_limits<double>::infinity());
      while (p(std::nextafter(total, 0.0)) > u) total = std::nextafter(total, 0.0);
      t.push_back(total);
    }
  std::uint64_t state = 20261203;
  for (int k = 0; k < 20000; ++k) {
    const double unit = static_cast<double>(next(state) >> 11) * 0x1p-53;  // [0, 1)
    const double log10_total = k % 2 == 0 ? -4.0 + 4.0 * unit : -12.0 + 14.0 * unit;  // 1e-4..1, 1e-12..100
    t.push_back(std::pow(10.0, log10_total));
  }
  return t;
}

}  // namespace

TEST_CASE("the expm1-free exit decides as the departure does, for every word at both bounds", "[sim][kernel]") {
  std::uint64_t state = 7;
  std::int64_t decided_by_total = 0, stayed_below_total = 0, left = 0;
  for (const double total : totals()) {
    for (const double share : {1.0, 0.75, 0.5, 0.0}) {
      const double rate_a = total * share, rate_b = total * (1.0 - share);
      const double t = rate_a + rate_b;  // the sum departure() makes
      const sim::Departure leaving = sim::departure(rate_a, rate_b);
      INFO("total " << total << " share " << share << " P " << leaving.leave_probability);
      REQUIRE(leaving.leave_probability <= t);  // the claim exit_by_rates rests on
      // The words at P's bound (the last leaver, the first stayer) and at the total's (where the
      // shortcut starts), the ends, and a few anywhere.
      std::vector<std::uint64_t> words{0, 1, 0xFFFFFFFFull};
      for (const std::uint64_t bound : {sim::words_below(leaving.leave_probability), sim::words_below(std::min(t, 1.0))})
        for (std::uint64_t w = bound >= 2 ? bound - 2 : 0; w <= bound + 1 && w <= 0xFFFFFFFFull; ++w) words.push_back(w);
      for (int k = 0; k < 4; ++k) words.push_back(next(state) >> 32);
      for (const std::uint64_t w : words) {
        const double u = random::uniform01(static_cast<std::uint32_t>(w));
        const Exit expected = sim::exit_by_departure(leaving, u);
        CAPTURE(w);
        REQUIRE(sim::exit_by_rates(rate_a, rate_b, u) == expected);
        if (expected != Exit::stays) ++left;
        else if (u >= t) ++decided_by_total;
        else ++stayed_below_total;
      }
    }
  }
  // Not vacuous: leavers, stayers decided on the total alone, and stayers between P and the total.
  CHECK(left > 100000);
  CHECK(decided_by_total > 100000);
  CHECK(stayed_below_total > 10000);
}

TEST_CASE("the exit decisions at the edges of the rates", "[sim][kernel]") {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  for (const double u : {random::uniform01(0), random::uniform01(0x80000000u), random::uniform01(0xFFFFFFFFu)}) {
    CHECK(sim::exit_by_rates(0.0, 0.0, u) == Exit::stays);  // departure() gives P = 0
    CHECK(sim::exit_by_rates(-1.0, 0.5, u) == Exit::stays);
    CHECK(sim::exit_by_rates(nan, 0.5, u) == Exit::stays);
    CHECK(sim::exit_by_rates(1000.0, 0.0, u) == Exit::first_route);  // P = 1: everyone leaves
    CHECK(sim::exit_by_rates(0.0, 1000.0, u) == Exit::second_route);
  }
}
