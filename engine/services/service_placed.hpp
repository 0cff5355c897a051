#pragma once
// The services that hold people in a status: training, rehabilitative work activity,
// pay-subsidised work and work trial. Each week a participant is paid (benefit and supplement,
// or a subsidised wage), the organiser pays the service, and the weeks left count down; at the
// end the service decides where the person goes. Drop-outs and job finding during training are
// competing exits decided in the kernel.
#include <cmath>

#include "benefits/rules.hpp"
#include "services/service_pay_subsidy.hpp"
#include "services/service_week.hpp"

namespace kokeilu::services {

/// Pays one participant-week and counts down the weeks left.
inline benefits::WeekPayment placed_service_week(population::People& p, std::size_t i, int age_years,
                                                 const ServiceWeek& sw, const benefits::WeekRules& rules) {
  const auto status = static_cast<Status>(p.status[i]);
  const auto& plan = *sw.plan;
  benefits::WeekPayment paid;
  if (status == Status::subsidised_job) {
    // A job: wages, no benefit. The state pays the employer the subsidy.
    const double monthly = std::min(plan.design->pay_subsidy.monthly_pay_cost_eur * p.subsidy_percent[i] / 100.0,
                                    plan.design->pay_subsidy.monthly_cap_eur);
    paid.cost[static_cast<int>(Payer::state)] += cents_from_eur(monthly * 12.0 / 52.0);
  } else {
    benefits::BenefitState state{p.benefit[i], p.earnings_related_days[i], p.subsidy_days[i], p.work_weeks_since_claim[i]};
    paid = benefits::pay_service_week(state, age_years, p.work_history_weeks[i], rules, plan.supplement_per_day);
    p.benefit[i] = state.benefit;
    p.earnings_related_days[i] = state.earnings_related_days;
    if (status == Status::rehabilitative) {
      // The municipality organises it and pays the participant; the state compensates a part.
      paid.cost[static_cast<int>(Payer::municipality)] +=
          plan.rehabilitative_cost_per_week - plan.rehabilitative_state_compensation_per_week;
      paid.cost[static_cast<int>(Payer::state)] += plan.rehabilitative_state_compensation_per_week;
    } else {
      const auto service = status == Status::training ? scenario::Service::training : scenario::Service::work_trial;
      paid.cost[static_cast<int>(Payer::state)] += plan.placed[static_cast<int>(service)].cost_per_week;
    }
  }
  if (p.service_weeks_left[i] > 0) p.service_weeks_left[i] = static_cast<std::uint16_t>(p.service_weeks_left[i] - 1);
  return paid;
}

/// Training completed: back to job search with higher employability, perhaps a qualification.
inline Status complete_training(population::People& p, std::size_t i, const ServiceWeek& sw, ServiceDraws& draws) {
  const auto& spec = sw.plan->design->training;
  p.employability[i] = static_cast<float>(p.employability[i] + spec.employability_gain);
  if (uniform(draws.completion, i) < spec.qualification_probability) set_flag(p, i, population::kQualified, true);
  return Status::unemployed;
}

/// Rehabilitative work activity ended: to training or pay subsidy (their queues), an open job,
/// or back to unemployment.
inline Status complete_rehabilitative(population::People& p, std::size_t i, const ServiceWeek& sw,
                                      ServiceDraws& draws, ServiceTotals& totals, ChunkRequests& requests) {
  const auto& spec = sw.plan->design->rehabilitative_work;
  const double u = uniform(draws.completion, i);
  auto queue_for = [&](scenario::Service service, int exit) {
    totals.rehabilitative_exits[exit] += 1;
    if (!sw.plan->placed[static_cast<int>(service)].enabled) return;
    p.waiting_for[i] = static_cast<std::uint8_t>(static_cast<int>(service) + 1);
    p.waiting_since[i] = static_cast<std::uint16_t>(sw.week);
    totals.referrals[static_cast<int>(service)] += 1;
    requests.referrals.push_back({static_cast<std::uint32_t>(i), service});
  };
  if (u < spec.to_training) {
    queue_for(scenario::Service::training, kToTraining);
  } else if (u < spec.to_training + spec.to_pay_subsidy) {
    queue_for(scenario::Service::pay_subsidy, kToPaySubsidy);
  } else if (u < spec.to_training + spec.to_pay_subsidy + spec.to_open_job) {
    totals.rehabilitative_exits[kToOpenJob] += 1;
    return Status::employed;
  } else {
    totals.rehabilitative_exits[kToUnemployment] += 1;
  }
  return Status::unemployed;
}

/// A barrier may fall away during rehabilitative work activity.
inline void rehabilitative_barrier_week(population::People& p, std::size_t i, const ServiceWeek& sw, ServiceDraws& draws) {
  if (!p.barrier[i]) return;
  const double rate = sw.plan->design->rehabilitative_work.barrier_resolved_rate_per_week;
  if (rate > 0 && uniform(draws.barrier, i) < -std::expm1(-rate)) {
    p.barrier[i] = 0;
    set_flag(p, i, population::kBarrierKnown, false);
  }
}

/// Pay subsidy or work trial ended: an open job with the sector's probability, else unemployment.
inline Status complete_job_placement(population::People& p, std::size_t i, const ServiceWeek& sw, ServiceDraws& draws) {
  const auto& design = *sw.plan->design;
  const double open_job = p.status[i] == static_cast<std::uint8_t>(Status::subsidised_job)
                              ? design.pay_subsidy.open_job_after[p.sector[i]]
                              : design.work_trial.open_job_after;
  return uniform(draws.completion, i) < open_job ? Status::employed : Status::unemployed;
}

}  // namespace kokeilu::services
