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

}  // namespace kokeilu::testing
