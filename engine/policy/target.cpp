#include "policy/target.hpp"

#include <algorithm>

namespace kokeilu::policy {

using Kind = scenario::TargetPredicate::Kind;

bool matches(const scenario::TargetPredicate& predicate, const population::People& p, std::size_t i,
             int age_years) {
  switch (predicate.kind) {
    case Kind::everyone:
      return true;
    case Kind::all:
      return std::all_of(predicate.children.begin(), predicate.children.end(),
                         [&](const auto& child) { return matches(child, p, i, age_years); });
    case Kind::any:
      return std::any_of(predicate.children.begin(), predicate.children.end(),
                         [&](const auto& child) { return matches(child, p, i, age_years); });
    case Kind::spell_weeks_at_least:
      return p.status[i] == static_cast<std::uint8_t>(Status::unemployed) && p.spell_weeks[i] >= predicate.threshold;
    case Kind::benefit_days_at_least:
      return p.earnings_related_days[i] + p.subsidy_days[i] >= predicate.threshold;
    case Kind::subsidy_days_at_least:
      return p.subsidy_days[i] >= predicate.threshold;
    case Kind::benefit_in:
      return predicate.benefits[p.benefit[i]];
    case Kind::age_under:
      return age_years < predicate.threshold;
    case Kind::age_at_least:
      return age_years >= predicate.threshold;
    case Kind::foreign_language:
      return p.foreign_language[i] != 0;
  }
  return false;
}

}  // namespace kokeilu::policy
