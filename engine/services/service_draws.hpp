#pragma once
// One uniform per person for each service purpose, computed only when asked for: the draws a
// service (a module's hook, or the kernel's placed services) takes in a person's week.
#include <cstdint>

#include "random/distributions.hpp"
#include "random/philox.hpp"

namespace kokeilu::services {

struct ServiceDraws {
  random::PersonWords assessment, referral, completion, barrier;
  ServiceDraws(std::uint64_t seed, int week, std::uint32_t stream)
      : assessment(seed, static_cast<std::uint32_t>(week), random::Purpose::assessment, stream),
        referral(seed, static_cast<std::uint32_t>(week), random::Purpose::referral, stream),
        completion(seed, static_cast<std::uint32_t>(week), random::Purpose::completion, stream),
        barrier(seed, static_cast<std::uint32_t>(week), random::Purpose::barrier, stream) {}
};

inline double uniform(random::PersonWords& words, std::size_t person) {
  return random::uniform01(words(static_cast<std::uint32_t>(person)));
}

}  // namespace kokeilu::services
