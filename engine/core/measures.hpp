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

/// The activation rate from counts by status (kStatusCount of them, in Status order).
template <typename Count>
double activation_rate_of_counts(std::span<const Count, kStatusCount> by_status) {
  double in_services = 0;
  for (int s = 0; s < kStatusCount; ++s)
    if (is_activating_service(static_cast<Status>(s))) in_services += static_cast<double>(by_status[s]);
  return activation_rate(in_services, static_cast<double>(by_status[static_cast<int>(Status::unemployed)]));
}

}  // namespace kokeilu
