#pragma once
// The serial phase of a week: scarce places are filled from the queues.
//
// Places are pooled, so that splitting the work between organisers changes nothing by itself
// (law 1). A municipality has one pool per service: the TE office's places, plus what a pilot's
// design adds (or takes away) for its share of the clients (unemployed or in a service) there.
// Who takes the free places is decided by need, in two steps: the common queue, in the TE
// office's priority order, says how many of the free places go to each organiser's waiting
// clients; each organiser then chooses which of its waiting clients take them, by its own
// priority rule. A design identical to the baseline's thus admits exactly the persons the TE
// office would have admitted, whoever organises it.
//
// Queues hold person indices; a rule with a total order (policy::PriorityOrder) makes admissions
// independent of how the queues were assembled, so both steppers admit the same persons.
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
      : municipalities_(municipalities), waiting_(municipalities * scenario::kServiceCount) {}
  /// Queues saved by all() (a checkpoint). @throws std::invalid_argument if their number is not
  /// municipalities x services.
  ServiceQueues(std::size_t municipalities, std::vector<std::vector<std::uint32_t>> waiting);

  /// Every queue, [municipality * kServiceCount + service], persons in their order (checkpoints).
  const std::vector<std::vector<std::uint32_t>>& all() const { return waiting_; }

  /// Appends referrals to their queues; call in person order for reproducible queues.
  void add(const population::People& people, const std::vector<services::Referral>& referrals);
  /// Admits from every queue, then the candidates for the places of the service modules (the
  /// coach); updates statuses (people and status_out), and the municipalities' totals.
  /// `candidates` in any order.
  void admit(const WeekContext& ctx, population::People& people, const std::vector<std::uint32_t>& candidates,
             std::uint8_t* status_out, std::vector<MunicipalityTotals>& by_municipality);
  /// admit() for one municipality: `candidates` are its own, in any order (the rules' order is total).
  /// Municipalities share nothing here (queues, persons, totals), so they may be admitted in
  /// parallel with the same result.
  void admit_municipality(const WeekContext& ctx, population::People& people, std::size_t municipality,
                          const std::vector<std::uint32_t>& candidates, std::uint8_t* status_out,
                          MunicipalityTotals& totals);

 private:
  /// The queue for a service in a municipality (both organisers' clients).
  std::vector<std::uint32_t>& queue(std::size_t municipality, scenario::Service s) {
    return waiting_[municipality * scenario::kServiceCount + static_cast<std::size_t>(s)];
  }
  /// Admits to one placed service with a status (services::StatusModules) in a municipality.
  template <class Module>
  void admit_to_status(const WeekContext& ctx, population::People& people, std::size_t municipality,
                       std::uint8_t* status_out, MunicipalityTotals& totals);
  std::size_t municipalities_;
  std::vector<std::vector<std::uint32_t>> waiting_;
};

}  // namespace kokeilu::sim
