#pragma once
// What the services need in the weekly step: the plan in force, the week, one uniform per
// person per purpose, and the chunk's referrals for the serial admission phase.
#include <array>
#include <cstdint>
#include <vector>

#include "population/people.hpp"
#include "random/distributions.hpp"
#include "random/philox.hpp"
#include "services/module.hpp"
#include "services/plan.hpp"
#include "services/service_draws.hpp"
#include "services/week_counters.hpp"

namespace kokeilu::services {

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
  /// The calendar year of the week's first day: a person's age is year - birth_year, as in the
  /// kernel's hazards (a service's referral rule may ask for an age).
  int year = 0;
  bool pilot_starts = false;              // first week of the pilot: its stock joins
  /// Every person takes the full path of the step (a test of law 3: the short path of the
  /// employed and the inactive must give the same bits).
  bool full_path = false;
  /// [municipality]: the share by which a municipality responding to its co-payment bill raises
  /// its rehabilitative-work places and referrals this week (policy/municipality_response.hpp);
  /// null when no design in force lets it respond.
  const double* rehabilitative_added_share = nullptr;

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

/// A person asking for a place (the service's queue in their municipality).
struct Referral {
  std::uint32_t person;
  scenario::Service service;
};

/// What one chunk of persons hands to the admission phase, in person order.
struct ChunkRequests {
  std::vector<Referral> referrals;
  /// Candidates for the places of the service modules (unemployed clients without a coach).
  std::vector<std::uint32_t> candidates;
  void clear() { referrals.clear(); candidates.clear(); }
};

}  // namespace kokeilu::services
