#pragma once
// Measures computed from status counts, each defined once for every output (the run summary,
// the run file, the comparison metrics). Their Python twins are in analysis/measures.py.
#include <cstddef>
#include <limits>
#include <span>

#include "core/vocabulary.hpp"

namespace kokeilu {

/// The activation rate (aktivointiaste, DOMAIN.md): persons in activating services /
/// (unemployed + in services). NaN when both are 0: with nobody to activate there is no rate,
/// and 0 would read as "nobody activated".
inline double activation_rate(double in_services, double unemployed) {
  const double denominator = in_services + unemployed;
  return denominator > 0 ? in_services / denominator : std::numeric_limits<double>::quiet_NaN();
}

// activation_rate_of_counts (by status code) is in services/codes.hpp, beside the statuses the
// service modules declare.

}  // namespace kokeilu
