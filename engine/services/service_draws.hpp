#pragma once
// One uniform per person for each service purpose, computed only when asked for: the draws a
// service (a module's hook, or the kernel's placed services) takes in a person's week.
#include <array>
#include <cmath>
#include <cstdint>
#include <cstring>

#include "random/distributions.hpp"
#include "random/philox.hpp"

namespace kokeilu::services {

/// -expm1(-total) of the totals of the referral rates met last (services::refer): a chunk's
/// totals take a handful of values (the services' rates times the spell's and the coach's
/// multipliers), so nearly every client's week finds its own here. The same bits as calling
/// expm1: a value is only ever stored for the exact total it was computed from.
class ReferralProbabilities {
 public:
  double of(double total) {
    std::uint64_t bits;
    std::memcpy(&bits, &total, sizeof bits);
    const std::size_t slot = static_cast<std::size_t>((bits * 0x9E3779B97F4A7C15ull) >> 60);  // 16 slots
    if (totals_[slot] != bits) {
      totals_[slot] = bits;
      probabilities_[slot] = -std::expm1(-total);
    }
    return probabilities_[slot];
  }

 private:
  std::array<std::uint64_t, 16> totals_{};  // 0 (the bits of +0.0) is never asked for: total > 0
  std::array<double, 16> probabilities_{};
};

struct ServiceDraws {
  random::PersonWords assessment, completion, barrier;
  /// Drawn for most unemployed clients each week (a few persons in every 32): eight blocks at a
  /// time, the same words as PersonWords.
  random::DensePersonWords referral;
  ReferralProbabilities referral_probability;
  ServiceDraws(std::uint64_t seed, int week, std::uint32_t stream)
      : assessment(seed, static_cast<std::uint32_t>(week), random::Purpose::assessment, stream),
        completion(seed, static_cast<std::uint32_t>(week), random::Purpose::completion, stream),
        barrier(seed, static_cast<std::uint32_t>(week), random::Purpose::barrier, stream),
        referral(seed, static_cast<std::uint32_t>(week), random::Purpose::referral, stream) {}
};

template <std::uint32_t kBlocks>
double uniform(random::CachedPersonWords<kBlocks>& words, std::size_t person) {
  return random::uniform01(words(static_cast<std::uint32_t>(person)));
}

}  // namespace kokeilu::services
