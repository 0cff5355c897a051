#pragma once
// The serial phase of a week: scarce places are filled from the queues. Each organiser in force
// (the TE office always, a pilot during its period) fills its own places from its own queues,
// first under its design's priority rule. Resources follow clients: while a pilot is in force,
// each organiser's places in a municipality are its design's places times its share of the
// clients there who are unemployed or in a service (integer arithmetic, so deterministic); the
// free places are those minus its participants at the week's end. Queues hold person indices; a
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
      : municipalities_(municipalities), waiting_(2 * municipalities * scenario::kServiceCount) {}

  /// Forgets everyone waiting for the pilot (its period ended and it handed its clients back).
  void clear_pilot();
  /// Appends referrals to their organiser's queues; call in person order for reproducible queues.
  void add(const services::ServiceWeek& sw, const population::People& people,
           const std::vector<services::Referral>& referrals);
  /// Admits from every queue and coaches the first candidates; updates statuses (people and
  /// status_out), and the municipalities' totals. `coach_candidates` in any order.
  void admit(const WeekContext& ctx, population::People& people, std::vector<std::uint32_t>& coach_candidates,
             std::uint8_t* status_out, std::vector<MunicipalityTotals>& by_municipality);

 private:
  /// The queue of `organiser` (0: baseline, 1: pilot) for a service in a municipality.
  std::vector<std::uint32_t>& queue(int organiser, std::size_t municipality, scenario::Service s) {
    return waiting_[(static_cast<std::size_t>(organiser) * municipalities_ + municipality) * scenario::kServiceCount +
                    static_cast<std::size_t>(s)];
  }
  void admit_organiser(int organiser, const services::ServicePlan& plan, const WeekContext& ctx,
                       population::People& people, std::vector<std::uint32_t>& coach_candidates,
                       std::uint8_t* status_out, std::vector<MunicipalityTotals>& by_municipality);
  std::size_t municipalities_;
  std::vector<std::vector<std::uint32_t>> waiting_;
};

}  // namespace kokeilu::sim
