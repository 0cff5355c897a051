#pragma once
// Who is a client, and of which organiser. The baseline process (the TE office) takes in every
// unemployed person who meets its target from the first week. While a pilot is in force, the
// unemployed who meet the pilot's target move to it (its stock at its first week if the design
// takes in its stock, later its inflow); the TE office goes on serving everyone else. A person
// who changes organiser starts afresh: no coach, no queue, assessed anew. When the pilot ends its
// clients are handed back to the TE office in the same way.
#include "policy/target.hpp"
#include "services/service_week.hpp"

namespace kokeilu::services {

/// Ends a person's relation with their organiser.
inline void hand_over(population::People& p, std::size_t i) {
  set_flag(p, i, population::kClient, false);
  set_flag(p, i, population::kPilotClient, false);
  set_flag(p, i, population::kAssessed, false);  // a new organiser assesses anew
  p.coach_weeks_left[i] = 0;
  p.waiting_for[i] = 0;
}

/// Does unemployed person i join `plan` this week? `starts`: the plan's first week.
inline bool joins(const ServicePlan& plan, bool starts, const population::People& p, std::size_t i, int age_years,
                  int week) {
  const auto& design = *plan.design;
  // Without stock intake, only spells begun after the design came into force join.
  const bool may_join = starts ? design.stock_at_start
                               : design.inflow && (design.stock_at_start || p.spell_weeks[i] < week - plan.first_week);
  return may_join && policy::matches(design.target, p, i, age_years);
}

inline void update_client(population::People& p, std::size_t i, int age_years, const ServiceWeek& sw) {
  if (sw.pilot == nullptr && has_flag(p, i, population::kPilotClient)) hand_over(p, i);  // the pilot ended
  if (p.status[i] != static_cast<std::uint8_t>(Status::unemployed)) return;
  if (sw.pilot != nullptr && !has_flag(p, i, population::kPilotClient) &&
      joins(*sw.pilot, sw.pilot_starts, p, i, age_years, sw.week)) {
    hand_over(p, i);
    set_flag(p, i, population::kClient, true);
    set_flag(p, i, population::kPilotClient, true);
    p.client_since[i] = static_cast<std::uint16_t>(sw.week);
    return;
  }
  if (!has_flag(p, i, population::kClient) && joins(*sw.baseline, sw.week == 0, p, i, age_years, sw.week)) {
    set_flag(p, i, population::kClient, true);
    p.client_since[i] = static_cast<std::uint16_t>(sw.week);
  }
}

}  // namespace kokeilu::services
