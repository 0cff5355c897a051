#pragma once
// Designs built in code for the mechanism tests.
#include "scenario/design_spec.hpp"

namespace kokeilu::testing {

inline scenario::TargetPredicate leaf(scenario::TargetPredicate::Kind kind, int threshold = 0) {
  scenario::TargetPredicate p;
  p.kind = kind;
  p.threshold = threshold;
  return p;
}

inline scenario::TargetPredicate any_of(std::vector<scenario::TargetPredicate> children) {
  scenario::TargetPredicate p;
  p.kind = scenario::TargetPredicate::Kind::any;
  p.children = std::move(children);
  return p;
}

inline scenario::TargetPredicate all_of(std::vector<scenario::TargetPredicate> children) {
  scenario::TargetPredicate p;
  p.kind = scenario::TargetPredicate::Kind::all;
  p.children = std::move(children);
  return p;
}

inline scenario::TargetPredicate benefit_in(std::initializer_list<Benefit> benefits) {
  auto p = leaf(scenario::TargetPredicate::Kind::benefit_in);
  for (auto b : benefits) p.benefits[static_cast<int>(b)] = true;
  return p;
}

/// A design with nothing enabled, for everyone, always in force.
inline scenario::DesignSpec empty_design(std::string name = "test") {
  scenario::DesignSpec d;
  d.name = std::move(name);
  return d;
}

/// A municipal coaching design for the long-term unemployed (spell of 52 weeks or more), with
/// room for all of them: the comparison tests' pilot arm.
inline scenario::DesignSpec coaching_pilot() {
  auto design = empty_design("coaching-pilot");
  design.organiser = scenario::Organiser::municipality;
  design.target = leaf(scenario::TargetPredicate::Kind::spell_weeks_at_least, 52);
  design.module<services::Coach>().enabled = true;
  design.module<services::Coach>().coaches_per_10000_persons = 100;
  design.module<services::Coach>().caseload = 100;
  design.module<services::Coach>().meeting_interval_weeks = 1;
  design.module<services::Coach>().search_effort_multiplier = 1.5;
  design.module<services::Coach>().effect_half_life_weeks = 100;
  design.module<services::Coach>().coaching_weeks = 200;
  design.module<services::Coach>().cost_eur_per_coach_week = 1000;
  return design;
}

}  // namespace kokeilu::testing
