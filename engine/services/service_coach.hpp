#pragma once
// Personal coach (omavalmentaja): a relation, not a status. A coached person meets the coach
// every few weeks; each meeting raises search effort, and the extra effort fades after it
// (half-life). While coached, referrals to other services are more frequent. Places are
// coaches x caseload per municipality; candidates wait (admission phase).
#include "services/service_week.hpp"

namespace kokeilu::services {

/// Multiplier on the search effort of person i this week (1 when not coached).
inline double coach_effort_multiplier(const population::People& p, std::size_t i, const ServicePlan& plan) {
  return p.coach_weeks_left[i] > 0 ? plan.coach_effort[p.weeks_since_meeting[i]] : 1.0;
}

/// Advances a coaching relation by a week; meetings reset the fading effect.
inline void coach_week(population::People& p, std::size_t i, const ServiceWeek& sw) {
  if (p.coach_weeks_left[i] == 0) return;
  p.coach_weeks_left[i] = static_cast<std::uint16_t>(p.coach_weeks_left[i] - 1);
  const int since = p.weeks_since_meeting[i] + 1;
  p.weeks_since_meeting[i] =
      static_cast<std::uint8_t>(since >= sw.plan->design->coach.meeting_interval_weeks ? 0 : std::min(since, 255));
}

}  // namespace kokeilu::services
