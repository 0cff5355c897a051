#pragma once
// The serial phase of a week: scarce places are filled from the queues. For every municipality
// and service, the free places (places in the plan minus participants at the week's end) go to
// the waiting persons first under the design's priority rule. Queues hold person indices; a
// rule with a total order (policy::PriorityOrder) makes admissions independent of how the
// queues were assembled, so both steppers admit the same persons.
#include <cstdint>
#include <vector>

#include "population/people.hpp"
#include "services/plan.hpp"
#include "services/service_week.hpp"
#include "sim/kernel.hpp"

namespace kokeilu::sim {

class ServiceQueues {
 public:
  explicit ServiceQueues(std::size_t municipalities = 0)
      : waiting_(municipalities * scenario::kServiceCount) {}

  /// Forgets everyone (a new design comes into force and hands its clients back).
  void clear();
  /// Appends referrals; call in person order for reproducible queues.
  void add(const population::People& people, const std::vector<services::Referral>& referrals);
  /// Admits from every queue and coaches the first candidates; updates statuses (people and
  /// status_out), and the municipalities' totals. `coach_candidates` in any order.
  void admit(const WeekContext& ctx, population::People& people, std::vector<std::uint32_t>& coach_candidates,
             std::uint8_t* status_out, std::vector<MunicipalityTotals>& by_municipality);

 private:
  std::vector<std::uint32_t>& queue(std::size_t municipality, scenario::Service s) {
    return waiting_[municipality * scenario::kServiceCount + static_cast<std::size_t>(s)];
  }
  std::vector<std::vector<std::uint32_t>> waiting_;
};

}  // namespace kokeilu::sim
