#pragma once
// Priority rules for scarce places: the order in which waiting persons are admitted.
#include <cstdint>
#include <span>
#include <vector>

#include "population/people.hpp"
#include "scenario/design_spec.hpp"

namespace kokeilu::policy {

/// Strict weak order of waiting persons under `rule`: true if person a goes before person b.
/// Ties go to the longer wait, then to the lower person index, so the order is total and the
/// admissions do not depend on how the queue was assembled.
class PriorityOrder {
 public:
  PriorityOrder(scenario::PriorityRule rule, const population::People& people) : rule_(rule), p_(people) {}
  bool operator()(std::uint32_t a, std::uint32_t b) const;

 private:
  scenario::PriorityRule rule_;
  const population::People& p_;
};

/// Moves the `places` first persons of `waiting` under `rule` to its front, in order, and
/// returns how many were moved (min(places, waiting.size())).
std::size_t select_first(std::vector<std::uint32_t>& waiting, std::size_t places, scenario::PriorityRule rule,
                         const population::People& people);

}  // namespace kokeilu::policy
