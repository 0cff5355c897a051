#include "sim/admission.hpp"

#include <algorithm>

#include "policy/priority.hpp"
#include "random/distributions.hpp"
#include "services/registry.hpp"
#include "services/service_pay_subsidy.hpp"

namespace kokeilu::sim {

using scenario::Service;

void ServiceQueues::clear_pilot() {
  for (std::size_t m = 0; m < municipalities_; ++m)
    for (int k = 0; k < scenario::kServiceCount; ++k) queue(1, m, static_cast<Service>(k)).clear();
}

void ServiceQueues::add(const services::ServiceWeek& sw, const population::People& people,
                        const std::vector<services::Referral>& referrals) {
  for (const auto& r : referrals)
    queue(sw.serves_in_pilot(people, r.person) ? 1 : 0, people.municipality[r.person], r.service).push_back(r.person);
}

namespace {

/// Places a waiting person in a service: draws the length (and the sector of a subsidised job).
void place(population::People& p, std::uint32_t i, Service service, const services::ServicePlan& plan,
           const WeekContext& ctx) {
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

/// The part of `places` an organiser has: all of them when it serves alone, else its share of
/// the active clients (integer arithmetic: the same bits on every machine).
std::int64_t share_of(std::int64_t places, std::int64_t own_clients, std::int64_t all_clients, bool alone) {
  if (alone) return places;
  if (all_clients <= 0) return 0;
  return places * own_clients / all_clients;
}

}  // namespace

void ServiceQueues::admit(const WeekContext& ctx, population::People& people,
                          std::vector<std::uint32_t>& coach_candidates, std::uint8_t* status_out,
                          std::vector<MunicipalityTotals>& by_municipality) {
  admit_organiser(0, *ctx.services.baseline, ctx, people, coach_candidates, status_out, by_municipality);
  if (ctx.services.pilot != nullptr)
    admit_organiser(1, *ctx.services.pilot, ctx, people, coach_candidates, status_out, by_municipality);
}

void ServiceQueues::admit_organiser(int organiser, const services::ServicePlan& plan, const WeekContext& ctx,
                                    population::People& people, std::vector<std::uint32_t>& coach_candidates,
                                    std::uint8_t* status_out, std::vector<MunicipalityTotals>& by_municipality) {
  const bool pilot = organiser == 1;
  const bool alone = ctx.services.pilot == nullptr;
  const auto rule = plan.design->priority;
  const auto unemployed = static_cast<std::uint8_t>(Status::unemployed);
  auto belongs = [&](std::uint32_t i) { return ctx.services.serves_in_pilot(people, i) == pilot; };

  for (std::size_t m = 0; m < by_municipality.size(); ++m) {
    auto& totals = by_municipality[m];
    auto& sv = totals.services;
    const std::int64_t own_clients = pilot ? sv.pilot_active_clients : sv.active_clients - sv.pilot_active_clients;
    for (Service service : {Service::training, Service::rehabilitative_work, Service::pay_subsidy, Service::work_trial}) {
      auto& waiting = queue(organiser, m, service);
      // Keep those still waiting for this service with this organiser; a person may stand twice
      // after leaving and coming back: keep one entry.
      const auto code = static_cast<std::uint8_t>(static_cast<int>(service) + 1);
      std::erase_if(waiting, [&](std::uint32_t i) {
        return people.status[i] != unemployed || people.waiting_for[i] != code || !belongs(i);
      });
      std::sort(waiting.begin(), waiting.end());
      waiting.erase(std::unique(waiting.begin(), waiting.end()), waiting.end());

      const auto k = static_cast<int>(service);
      const auto held = static_cast<int>(*services::service_table()[k].status);
      const std::int64_t participants = pilot ? sv.pilot_participants[k] : totals.status_counts[held] - sv.pilot_participants[k];
      const std::int64_t free = share_of(plan.places[k][m], own_clients, sv.active_clients, alone) - participants;
      if (free > 0 && !waiting.empty()) {
        const auto admitted = policy::select_first(waiting, static_cast<std::size_t>(free), rule, people);
        for (std::size_t a = 0; a < admitted; ++a) {
          const std::uint32_t i = waiting[a];
          sv.wait_weeks[k] += ctx.week - people.waiting_since[i];
          if (people.spell_weeks[i] >= kLongTermUnemploymentWeeks) totals.long_term_unemployed -= 1;
          place(people, i, service, plan, ctx);
          status_out[i] = people.status[i];
          totals.status_counts[unemployed] -= 1;
          totals.status_counts[held] += 1;
          if (pilot) sv.pilot_participants[k] += 1;
          if (service == Service::pay_subsidy) sv.subsidised_by_sector[people.sector[i]] += 1;
        }
        sv.starts[k] += static_cast<std::int64_t>(admitted);
        waiting.erase(waiting.begin(), waiting.begin() + static_cast<std::ptrdiff_t>(admitted));
      }
      sv.waiting[k] += static_cast<std::int64_t>(waiting.size());
    }
  }

  // Coaching: every unemployed client without a coach is a candidate; coaches x caseload places.
  if (!plan.design->coach.enabled) return;
  std::vector<std::vector<std::uint32_t>> candidates(by_municipality.size());
  for (std::uint32_t i : coach_candidates)
    if (people.status[i] == unemployed && people.coach_weeks_left[i] == 0 && belongs(i))
      candidates[people.municipality[i]].push_back(i);
  constexpr int kCoach = static_cast<int>(Service::coach);
  for (std::size_t m = 0; m < by_municipality.size(); ++m) {
    auto& totals = by_municipality[m];
    auto& sv = totals.services;
    const std::int64_t own_clients = pilot ? sv.pilot_active_clients : sv.active_clients - sv.pilot_active_clients;
    // The coaches are paid whether their caseload is full or not; resources follow clients.
    const double coaches = alone ? plan.coaches[m]
                           : sv.active_clients > 0 ? plan.coaches[m] * static_cast<double>(own_clients) /
                                                         static_cast<double>(sv.active_clients)
                                                   : 0.0;
    totals.cost[static_cast<int>(plan.organiser_payer)] +=
        static_cast<Cents>(coaches * static_cast<double>(plan.coach_cost_per_week) + 0.5);
    auto& waiting = candidates[m];
    const std::int64_t coached = pilot ? sv.pilot_coached : sv.coached - sv.pilot_coached;
    const std::int64_t free = share_of(plan.places[kCoach][m], own_clients, sv.active_clients, alone) - coached;
    std::size_t admitted = 0;
    if (free > 0 && !waiting.empty()) {
      admitted = policy::select_first(waiting, static_cast<std::size_t>(free), rule, people);
      for (std::size_t a = 0; a < admitted; ++a) {
        const std::uint32_t i = waiting[a];
        sv.wait_weeks[kCoach] += ctx.week - people.client_since[i];
        people.coach_weeks_left[i] = static_cast<std::uint16_t>(plan.design->coach.coaching_weeks);
        people.weeks_since_meeting[i] = 0;  // the first meeting
      }
      sv.starts[kCoach] += static_cast<std::int64_t>(admitted);
      sv.coached += static_cast<std::int64_t>(admitted);
      if (pilot) sv.pilot_coached += static_cast<std::int64_t>(admitted);
    }
    sv.waiting[kCoach] += static_cast<std::int64_t>(waiting.size() - admitted);
  }
}

}  // namespace kokeilu::sim
