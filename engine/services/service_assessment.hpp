#pragma once
// Service-needs assessment (palvelutarpeen arviointi): some weeks after a person becomes a
// client, an assessment may reveal a health or life-management barrier. Services that require
// an assessment are open only to the assessed.
#include "services/service_week.hpp"

namespace kokeilu::services {

inline void assessment_week(population::People& p, std::size_t i, const ServiceWeek& sw, ServiceDraws& draws,
                            ServiceTotals& totals, std::array<Cents, kPayerCount>& cost) {
  const auto& spec = sw.plan->design->assessment;
  if (!spec.enabled || !has_flag(p, i, population::kClient) || has_flag(p, i, population::kAssessed)) return;
  if (p.status[i] != static_cast<std::uint8_t>(Status::unemployed)) return;
  if (sw.week - p.client_since[i] < spec.weeks_after_entry) return;
  set_flag(p, i, population::kAssessed, true);
  totals.assessments += 1;
  for (int payer = 0; payer < kPayerCount; ++payer) cost[payer] += sw.plan->assessment_cost[payer];
  if (p.barrier[i] && uniform(draws.assessment, i) < spec.barrier_found_probability)
    set_flag(p, i, population::kBarrierKnown, true);
}

}  // namespace kokeilu::services
