#include "random/distributions.hpp"

#include <cmath>
#include <numbers>

namespace kokeilu::random {

double exponential(std::uint32_t x, double rate) { return -std::log(uniform01(x)) / rate; }

double standard_normal(std::uint32_t x1, std::uint32_t x2) {
  const double radius = std::sqrt(-2.0 * std::log(uniform01(x1)));
  return radius * std::cos(2.0 * std::numbers::pi * uniform01(x2));
}

int categorical(std::uint32_t x, std::span<const double> weights) {
  double total = 0.0;
  for (double w : weights) total += w;
  const double target = uniform01(x) * total;
  double cumulative = 0.0;
  int last_positive = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    if (weights[i] <= 0.0) continue;
    last_positive = static_cast<int>(i);
    cumulative += weights[i];
    if (target < cumulative) return static_cast<int>(i);
  }
  return last_positive;
}

}  // namespace kokeilu::random
