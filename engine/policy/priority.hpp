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
///
/// The definition of the rules. select_first does not call it: it sorts by priority_key, which
/// must give the same order (tests/unit/policy/test_priority.cpp compares the two).
class PriorityOrder {
 public:
  PriorityOrder(scenario::PriorityRule rule, const population::People& people) : rule_(rule), p_(people) {}
  bool operator()(std::uint32_t a, std::uint32_t b) const;

 private:
  scenario::PriorityRule rule_;
  const population::People& p_;
};

/// A waiting person's place in the order of a rule as one unsigned integer: the rule's tuple
/// (PriorityOrder) packed field by field, most significant first, with the person's index in
/// the low 32 bits. Comparing keys is comparing the tuples, and the index is read back from the
/// key. 128 bits: two rules need 1 + 16 + 16 + 32 = 65.
__extension__ typedef unsigned __int128 PriorityKey;

/// The key of person `i` under `rule`: key(a) < key(b) exactly when PriorityOrder(rule)(a, b).
PriorityKey priority_key(scenario::PriorityRule rule, const population::People& people, std::uint32_t i);

/// The person whose key it is.
inline std::uint32_t person_of(PriorityKey key) { return static_cast<std::uint32_t>(key); }

/// Moves the `places` first persons of `waiting` under `rule` to its front, in order, and
/// returns how many were moved (min(places, waiting.size())). The rest keep the order that
/// std::partial_sort leaves them in (the queues are saved in checkpoints).
std::size_t select_first(std::vector<std::uint32_t>& waiting, std::size_t places, scenario::PriorityRule rule,
                         const population::People& people);

}  // namespace kokeilu::policy
