#include "sim/admission.hpp"

#include <algorithm>

#include "policy/priority.hpp"
#include "random/distributions.hpp"
#include "services/registry.hpp"
#include "services/service_pay_subsidy.hpp"

namespace kokeilu::sim {

using scenario::Service;

void ServiceQueues::clear() {
  for (auto& q : waiting_) q.clear();
}

void ServiceQueues::add(const population::People& people, const std::vector<services::Referral>& referrals) {
  for (const auto& r : referrals) queue(people.municipality[r.person], r.service).push_back(r.person);
}

namespace {

/// Places a waiting person in a service: draws the length (and the sector of a subsidised job).
void place(population::People& p, std::uint32_t i, Service service, const WeekContext& ctx) {
  const auto& plan = *ctx.services.plan;
  const auto& placed = plan.placed[static_cast<int>(service)];
  const auto words = random::philox_block(ctx.seed, i, static_cast<std::uint32_t>(ctx.week),
                                          random::Purpose::admission, ctx.stream);
  int weeks = placed.min_weeks +
              std::min(placed.max_weeks - placed.min_weeks,
                       static_cast<int>(random::uniform01(words[0]) * (placed.max_weeks - placed.min_weeks + 1)));
  if (service == Service::pay_subsidy) {
    const auto& shares = plan.design->pay_subsidy.sector_shares;
    const auto sector = static_cast<scenario::Sector>(random::categorical(words[1], shares));
    const auto terms = services::subsidy_terms(p.spell_weeks[i], services::has_flag(p, i, population::kBarrierKnown), sector);
    weeks = std::min(weeks, terms.max_weeks);
    p.sector[i] = static_cast<std::uint8_t>(sector);
    p.subsidy_percent[i] = static_cast<std::uint8_t>(terms.rate * 100.0 + 0.5);
  }
  p.status[i] = static_cast<std::uint8_t>(*services::service_table()[static_cast<int>(service)].status);
  p.spell_weeks[i] = 0;
  p.service_weeks_left[i] = static_cast<std::uint16_t>(std::max(1, weeks));
  p.waiting_for[i] = 0;
}

}  // namespace

void ServiceQueues::admit(const WeekContext& ctx, population::People& people,
                          std::vector<std::uint32_t>& coach_candidates, std::uint8_t* status_out,
                          std::vector<MunicipalityTotals>& by_municipality) {
  const auto& plan = *ctx.services.plan;
  const auto rule = plan.design->priority;
  const auto unemployed = static_cast<std::uint8_t>(Status::unemployed);

  for (std::size_t m = 0; m < by_municipality.size(); ++m) {
    auto& totals = by_municipality[m];
    for (Service service : {Service::training, Service::rehabilitative_work, Service::pay_subsidy, Service::work_trial}) {
      auto& waiting = queue(m, service);
      // Keep those still waiting for this service; a person may stand twice after leaving and
      // coming back: keep one entry.
      const auto code = static_cast<std::uint8_t>(static_cast<int>(service) + 1);
      std::erase_if(waiting, [&](std::uint32_t i) { return people.status[i] != unemployed || people.waiting_for[i] != code; });
      std::sort(waiting.begin(), waiting.end());
      waiting.erase(std::unique(waiting.begin(), waiting.end()), waiting.end());

      const auto held = static_cast<int>(*services::service_table()[static_cast<int>(service)].status);
      const std::int64_t free = plan.places[static_cast<int>(service)][m] - totals.status_counts[held];
      if (free > 0 && !waiting.empty()) {
        const auto admitted = policy::select_first(waiting, static_cast<std::size_t>(free), rule, people);
        for (std::size_t k = 0; k < admitted; ++k) {
          const std::uint32_t i = waiting[k];
          totals.services.wait_weeks[static_cast<int>(service)] += ctx.week - people.waiting_since[i];
          if (people.spell_weeks[i] >= kLongTermUnemploymentWeeks) totals.long_term_unemployed -= 1;
          place(people, i, service, ctx);
          status_out[i] = people.status[i];
          totals.status_counts[unemployed] -= 1;
          totals.status_counts[held] += 1;
          if (service == Service::pay_subsidy) totals.services.subsidised_by_sector[people.sector[i]] += 1;
        }
        totals.services.starts[static_cast<int>(service)] += static_cast<std::int64_t>(admitted);
        waiting.erase(waiting.begin(), waiting.begin() + static_cast<std::ptrdiff_t>(admitted));
      }
      totals.services.waiting[static_cast<int>(service)] = static_cast<std::int64_t>(waiting.size());
    }
  }

  // Coaching: every unemployed client without a coach is a candidate; coaches x caseload places.
  if (!plan.design->coach.enabled) return;
  std::vector<std::vector<std::uint32_t>> candidates(by_municipality.size());
  for (std::uint32_t i : coach_candidates)
    if (people.status[i] == unemployed && people.coach_weeks_left[i] == 0) candidates[people.municipality[i]].push_back(i);
  for (std::size_t m = 0; m < by_municipality.size(); ++m) {
    auto& totals = by_municipality[m];
    // The coaches are paid whether their caseload is full or not.
    totals.cost[static_cast<int>(plan.organiser_payer)] +=
        static_cast<Cents>(plan.coaches[m] * static_cast<double>(plan.coach_cost_per_week) + 0.5);
    auto& waiting = candidates[m];
    const std::int64_t free = plan.places[static_cast<int>(Service::coach)][m] - totals.services.coached;
    std::size_t admitted = 0;
    if (free > 0 && !waiting.empty()) {
      admitted = policy::select_first(waiting, static_cast<std::size_t>(free), rule, people);
      for (std::size_t k = 0; k < admitted; ++k) {
        const std::uint32_t i = waiting[k];
        totals.services.wait_weeks[static_cast<int>(Service::coach)] += ctx.week - people.client_since[i];
        people.coach_weeks_left[i] = static_cast<std::uint16_t>(plan.design->coach.coaching_weeks);
        people.weeks_since_meeting[i] = 0;  // the first meeting
      }
      totals.services.starts[static_cast<int>(Service::coach)] += static_cast<std::int64_t>(admitted);
      totals.services.coached += static_cast<std::int64_t>(admitted);
    }
    totals.services.waiting[static_cast<int>(Service::coach)] = static_cast<std::int64_t>(waiting.size() - admitted);
  }
}

}  // namespace kokeilu::sim
