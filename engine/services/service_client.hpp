#pragma once
// Who is a client of the design in force. When a design comes into force (its first week), the
// previous design's clients are handed back: client flags, coaching and queues end, and the
// unemployed of the new target group join at once if the design takes in its stock. Later, an
// unemployed person who comes to meet the target predicate joins (inflow).
#include "policy/target.hpp"
#include "services/service_week.hpp"

namespace kokeilu::services {

inline void update_client(population::People& p, std::size_t i, int age_years, const ServiceWeek& sw) {
  if (sw.plan_starts) {
    set_flag(p, i, population::kClient, false);
    set_flag(p, i, population::kAssessed, false);  // a new organiser assesses anew
    p.coach_weeks_left[i] = 0;
    p.waiting_for[i] = 0;
  }
  if (p.status[i] != static_cast<std::uint8_t>(Status::unemployed) || has_flag(p, i, population::kClient)) return;
  const auto& design = *sw.plan->design;
  // Without stock intake, only spells begun after the design came into force join.
  const bool may_join = sw.plan_starts
                            ? design.stock_at_start
                            : design.inflow && (design.stock_at_start || p.spell_weeks[i] < sw.week - sw.plan->first_week);
  if (may_join && policy::matches(design.target, p, i, age_years)) {
    set_flag(p, i, population::kClient, true);
    p.client_since[i] = static_cast<std::uint16_t>(sw.week);
  }
}

}  // namespace kokeilu::services
