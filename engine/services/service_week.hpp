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

inline bool has_flag(const population::People& p, std::size_t i, population::ClientFlag flag) {
  return (p.client_flags[i] & flag) != 0;
}
inline void set_flag(population::People& p, std::size_t i, population::ClientFlag flag, bool on) {
  p.client_flags[i] = static_cast<std::uint8_t>(on ? (p.client_flags[i] | flag) : (p.client_flags[i] & ~flag));
}

/// The designs in force this week. The baseline process (the TE office) is always in force; a
/// pilot, during its period, serves its own clients (kPilotClient) while the baseline goes on
/// serving everyone else. `plan` is the design serving one person: see for_person().
struct ServiceWeek {
  const ServicePlan* baseline = nullptr;  // always in force
  const ServicePlan* pilot = nullptr;     // in force this week, or none
  const ServicePlan* plan = nullptr;      // the design serving the person at hand
  /// The pilot whose period ended last week: it hands its clients back this week.
  const ServicePlan* handing_back = nullptr;
  int week = 0;
  bool pilot_starts = false;              // first week of the pilot: its stock joins
  /// Every person takes the full path of the step (a test of law 3: the short path of the
  /// employed and the inactive must give the same bits).
  bool full_path = false;

  bool serves_in_pilot(const population::People& p, std::size_t i) const {
    return pilot != nullptr && has_flag(p, i, population::kPilotClient);
  }
  const ServicePlan& plan_of(const population::People& p, std::size_t i) const {
    return serves_in_pilot(p, i) ? *pilot : *baseline;
  }
  /// This week seen by person i: `plan` is the design that serves them.
  ServiceWeek for_person(const population::People& p, std::size_t i) const {
    ServiceWeek seen = *this;
    seen.plan = &plan_of(p, i);
    return seen;
  }
};

/// Service counts of one municipality for part of a week (a chunk, or all of it).
struct ServiceTotals {
  std::int64_t clients = 0;       // clients of either organiser, end of week
  std::int64_t coached = 0;       // in a coaching relation, end of week
  // Clients unemployed or in a service, of either organiser and of the pilot, end of week: the
  // pilot's share of them sizes what its design adds to (or takes from) the shared places.
  std::int64_t active_clients = 0;
  std::int64_t pilot_active_clients = 0;
  std::int64_t assessments = 0;   // assessments made this week
  std::array<std::int64_t, scenario::kServiceCount> referrals{};   // joined a queue this week
  std::array<std::int64_t, scenario::kServiceCount> starts{};      // admitted this week
  std::array<std::int64_t, scenario::kServiceCount> pilot_starts{};  // of them, the pilot's clients
  std::array<std::int64_t, scenario::kServiceCount> wait_weeks{};  // weeks waited by those admitted
  std::array<std::int64_t, scenario::kServiceCount> waiting{};     // in the queue, end of week
  /// Ends of rehabilitative work activity this week: to training, to pay subsidy, to an open
  /// job, back to unemployment (drop-outs included), in that order.
  std::array<std::int64_t, 4> rehabilitative_exits{};
  std::array<std::int64_t, scenario::kSectorCount> subsidised_by_sector{};  // end of week
  /// The pilot's clients as an evaluation follows them: persons who became its clients this
  /// week (its stock in its first week, then its inflow), and everyone who has ever been its
  /// client by status at the week's end.
  std::int64_t pilot_entries = 0;
  std::array<std::int64_t, kStatusCount> ever_pilot_clients{};

  void add(const ServiceTotals& o) {
    clients += o.clients;
    coached += o.coached;
    active_clients += o.active_clients;
    pilot_active_clients += o.pilot_active_clients;
    assessments += o.assessments;
    for (int k = 0; k < scenario::kServiceCount; ++k) {
      referrals[k] += o.referrals[k];
      starts[k] += o.starts[k];
      pilot_starts[k] += o.pilot_starts[k];
      wait_weeks[k] += o.wait_weeks[k];
      waiting[k] += o.waiting[k];
    }
    for (int k = 0; k < 4; ++k) rehabilitative_exits[k] += o.rehabilitative_exits[k];
    for (int k = 0; k < scenario::kSectorCount; ++k) subsidised_by_sector[k] += o.subsidised_by_sector[k];
    pilot_entries += o.pilot_entries;
    for (int s = 0; s < kStatusCount; ++s) ever_pilot_clients[s] += o.ever_pilot_clients[s];
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

}  // namespace kokeilu::services
