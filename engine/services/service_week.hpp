#pragma once
// What the services need in the weekly step: the plan in force, the week, one uniform per
// person per purpose, and the chunk's referrals for the serial admission phase.
#include <array>
#include <cstdint>
#include <vector>

#include "population/people.hpp"
#include "random/distributions.hpp"
#include "random/philox.hpp"
#include "services/plan.hpp"

namespace kokeilu::services {

struct ServiceWeek {
  const ServicePlan* plan = nullptr;  // the design in force this week
  int week = 0;
  bool plan_starts = false;           // first week of this plan: clients reset, the stock joins
};

/// Service counts of one municipality for part of a week (a chunk, or all of it).
struct ServiceTotals {
  std::int64_t clients = 0;       // clients of the design in force, end of week
  std::int64_t coached = 0;       // in a coaching relation, end of week
  std::int64_t assessments = 0;   // assessments made this week
  std::array<std::int64_t, scenario::kServiceCount> referrals{};   // joined a queue this week
  std::array<std::int64_t, scenario::kServiceCount> starts{};      // admitted this week
  std::array<std::int64_t, scenario::kServiceCount> wait_weeks{};  // weeks waited by those admitted
  std::array<std::int64_t, scenario::kServiceCount> waiting{};     // in the queue, end of week
  /// Ends of rehabilitative work activity this week: to training, to pay subsidy, to an open
  /// job, back to unemployment (drop-outs included), in that order.
  std::array<std::int64_t, 4> rehabilitative_exits{};
  std::array<std::int64_t, scenario::kSectorCount> subsidised_by_sector{};  // end of week

  void add(const ServiceTotals& o) {
    clients += o.clients;
    coached += o.coached;
    assessments += o.assessments;
    for (int k = 0; k < scenario::kServiceCount; ++k) {
      referrals[k] += o.referrals[k];
      starts[k] += o.starts[k];
      wait_weeks[k] += o.wait_weeks[k];
      waiting[k] += o.waiting[k];
    }
    for (int k = 0; k < 4; ++k) rehabilitative_exits[k] += o.rehabilitative_exits[k];
    for (int k = 0; k < scenario::kSectorCount; ++k) subsidised_by_sector[k] += o.subsidised_by_sector[k];
  }
};

enum RehabilitativeExit { kToTraining = 0, kToPaySubsidy = 1, kToOpenJob = 2, kToUnemployment = 3 };

/// A person asking for a place (the service's queue in their municipality).
struct Referral {
  std::uint32_t person;
  scenario::Service service;
};

/// What one chunk of persons hands to the admission phase, in person order.
struct ChunkRequests {
  std::vector<Referral> referrals;
  std::vector<std::uint32_t> coach_candidates;  // unemployed clients without a coach
  void clear() { referrals.clear(); coach_candidates.clear(); }
};

/// One uniform per person for each service purpose, computed only when asked for.
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

inline bool has_flag(const population::People& p, std::size_t i, population::ClientFlag flag) {
  return (p.client_flags[i] & flag) != 0;
}
inline void set_flag(population::People& p, std::size_t i, population::ClientFlag flag, bool on) {
  p.client_flags[i] = static_cast<std::uint8_t>(on ? (p.client_flags[i] | flag) : (p.client_flags[i] & ~flag));
}

}  // namespace kokeilu::services
