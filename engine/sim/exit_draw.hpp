#pragma once
// The end-of-week draw of a status left by two competing routes: the kernel's one decision
// (sim/kernel.hpp), with the untabulated departures (the unemployed's, a placed service's)
// decided without their expm1 for most of those who stay.
#include <cstdint>

#include "sim/hazard_tables.hpp"

namespace kokeilu::sim {

/// Where a person goes at the week's end.
enum class Exit : std::uint8_t { stays, first_route, second_route };

/// The exit of a person whose uniform is u (random::uniform01 of the transition word): leaves if
/// u < leave_probability, and then by the first route if u / leave_probability < its share
/// (given u < P, u / P is again uniform).
inline Exit exit_by_departure(const Departure& leaving, double u) {
  if (!(u < leaving.leave_probability)) return Exit::stays;
  return u / leaving.leave_probability < leaving.first_route_share ? Exit::first_route : Exit::second_route;
}

/// exit_by_departure(departure(rate_a, rate_b), u), the same result for every u and rates, but
/// the departure (an expm1 and a division) is computed only when u < rate_a + rate_b: about
/// one person in twenty at the weekly rates of the unemployed, where every leaver needs it anyway.
///
/// Why the result is the same. Let t = rate_a + rate_b, the double that departure() computes
/// (the same sum, so the same bits), and P = -std::expm1(-t) its leave probability (P = 0 when
/// !(t > 0)). Claim: P <= t for every double t. Then u >= t gives u >= P, so exit_by_departure
/// returns Exit::stays, and a stayer reads nothing else (the route share is for leavers).
/// - t > 0: the exact value 1 - e^-t is below t (e^-t > 1 - t). glibc's expm1 (fdlibm's
///   algorithm: "the error is always less than 1 ulp") returns one of the two doubles that
///   bracket the exact value -(1 - e^-t) (or that value itself when it is a double), and negation
///   is exact; since t is itself a double above 1 - e^-t, neither bracketing double exceeds t.
///   Below 2^-54 expm1 returns its argument: P = t.
/// - !(t > 0) (zero, negative, NaN): P = 0; u < t is false (u > 0), and the answer is
///   Exit::stays, as exit_by_departure's with P = 0.
/// u itself is exact ((w + 0.5) * 2^-32), so there is no other rounding: the comparisons are
/// the same doubles as before. The property is tested over many totals and the words at both
/// bounds (tests/unit/sim/test_exit_draw.cpp): a tighter bound (one that cuts below P) fails it.
inline Exit exit_by_rates(double rate_a, double rate_b, double u) {
  if (!(u < rate_a + rate_b)) return Exit::stays;  // u >= t >= P: stays (above)
  return exit_by_departure(departure(rate_a, rate_b), u);
}

}  // namespace kokeilu::sim
