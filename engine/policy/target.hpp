#pragma once
// Target groups: does a person belong to a design's target group this week?
#include "population/people.hpp"
#include "scenario/design_spec.hpp"

namespace kokeilu::policy {

/// True if person i, aged `age_years`, meets `predicate` now. Spell tests apply to the
/// unemployed only (a spell of work is no unemployment spell).
bool matches(const scenario::TargetPredicate& predicate, const population::People& people, std::size_t i,
             int age_years);

}  // namespace kokeilu::policy
