#include "sim/admission.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

#include "policy/priority.hpp"
#include "random/distributions.hpp"
#include "services/module_hooks.hpp"

namespace kokeilu::sim {

using scenario::Service;

ServiceQueues::ServiceQueues(std::size_t municipalities, std::vector<std::vector<std::uint32_t>> waiting)
    : municipalities_(municipalities), waiting_(std::move(waiting)) {
  if (waiting_.size() != municipalities * scenario::kServiceCount)
    throw std::invalid_argument("ServiceQueues: " + std::to_string(waiting_.size()) + " queues for " +
                                std::to_string(municipalities) + " municipalities");
}

void ServiceQueues::add(const population::People& people,
                        const std::vector<services::Referral>& referrals) {
  for (const auto& r : referrals) queue(people.municipality[r.person], r.service).push_back(r.person);
}

namespace {

/// Places a waiting person in a placed service: draws the length (and whatever its module draws
/// on admission: a subsidised job's sector).
template <class Module>
void place(population::People& p, std::uint32_t i, const services::ServicePlan& plan, const WeekContext& ctx) {
  const auto& placed = plan.status_of<Module>();
  const auto words = random::philox_block(ctx.seed, i, static_cast<std::uint32_t>(ctx.week),
                                          random::Purpose::admission, ctx.stream);
  int weeks = placed.min_weeks +
              std::min(placed.max_weeks - placed.min_weeks,
                       static_cast<int>(random::uniform01(words[0]) * (placed.max_weeks - placed.min_weeks + 1)));
  if constexpr (services::kHasAdmissionHook<Module>) weeks = Module::admitted(placed, p, i, weeks, words);
  p.status[i] = static_cast<std::uint8_t>(Module::kStatus);
  p.spell_weeks[i] = 0;
  p.service_weeks_left[i] = static_cast<std::uint16_t>(std::max(1, weeks));
  p.waiting_for[i] = 0;
}

/// The places of a pool: the TE office's, plus what the pilot's design adds (or takes away) for
/// its share of the active clients. Integer arithmetic: the same bits on every machine, and
/// exactly the TE office's places when the pilot's design has as many.
///
/// A design that states its staff or budget (docs/capacity.md) has places of its own: they join
/// whole what the TE office keeps. For the module with staff (the coach), the TE office keeps its
/// places less those of the staff it handed over; for a placed service, its places for its own
/// clients' share.
std::int64_t pooled_places(const services::ServiceWeek& sw, int k, std::size_t m, const services::ServiceTotals& sv,
                           bool staffed = false) {
  const std::int64_t baseline_places = sw.baseline->places[k][m];
  if (sw.pilot == nullptr) return baseline_places;
  const std::int64_t pilot_places = sw.pilot->places[k][m];
  if (sw.pilot->own_places[k]) {
    if (staffed)
      return std::max<std::int64_t>(0, baseline_places - sw.pilot->handed_over_places[m]) + pilot_places;
    const std::int64_t te_share = sv.active_clients <= 0
                                      ? baseline_places
                                      : baseline_places * (sv.active_clients - sv.pilot_active_clients) / sv.active_clients;
    return te_share + pilot_places;
  }
  if (sv.active_clients <= 0) return baseline_places;
  return baseline_places + (pilot_places - baseline_places) * sv.pilot_active_clients / sv.active_clients;
}

/// Moves the persons who take `free` places to the front of `waiting` and returns how many.
/// The common order (the TE office's rule) sets how many go to each organiser's clients; each
/// organiser picks its own by its rule. With one organiser, or one rule, that is the common order.
std::size_t choose_admitted(std::vector<std::uint32_t>& waiting, std::size_t free, const services::ServiceWeek& sw,
                            const population::People& people) {
  const auto common_rule = sw.baseline->design->priority;
  const std::size_t admitted = policy::select_first(waiting, free, common_rule, people);
  if (sw.pilot == nullptr || sw.pilot->design->priority == common_rule) return admitted;
  std::size_t pilot_quota = 0;
  for (std::size_t a = 0; a < admitted; ++a) pilot_quota += sw.serves_in_pilot(people, waiting[a]) ? 1 : 0;
  std::vector<std::uint32_t> te, pilot;
  for (std::uint32_t i : waiting) (sw.serves_in_pilot(people, i) ? pilot : te).push_back(i);
  const std::size_t te_admitted = policy::select_first(te, admitted - pilot_quota, common_rule, people);
  const std::size_t pilot_admitted = policy::select_first(pilot, pilot_quota, sw.pilot->design->priority, people);
  waiting.clear();
  waiting.insert(waiting.end(), te.begin(), te.begin() + static_cast<std::ptrdiff_t>(te_admitted));
  waiting.insert(waiting.end(), pilot.begin(), pilot.begin() + static_cast<std::ptrdiff_t>(pilot_admitted));
  waiting.insert(waiting.end(), te.begin() + static_cast<std::ptrdiff_t>(te_admitted), te.end());
  waiting.insert(waiting.end(), pilot.begin() + static_cast<std::ptrdiff_t>(pilot_admitted), pilot.end());
  return te_admitted + pilot_admitted;
}

/// Weekly pay of the staff (coaches) of the module with staff in a municipality. The TE office's
/// coaches are paid by its payer whoever they serve; a pilot's organiser pays the coaches its
/// design adds for its clients.
template <class Module, std::size_t Index>
void pay_staff(const services::ServiceWeek& sw, std::size_t m, const services::ServiceTotals& sv,
               std::array<Cents, kPayerCount>& cost) {
  const auto& te = *sw.baseline;
  const auto cost_per_week = [](const services::ServicePlan& plan) {
    return static_cast<double>(std::get<Index>(plan.modules).cost_per_staff_week);
  };
  double coaches = te.coaches[m];
  double te_coaches = coaches;
  if (sw.pilot != nullptr && sw.pilot->own_places[services::kServiceCodeOf<Module>]) {
    // Stated staff: the TE office's payer goes on paying the staff it handed over (docs/capacity.md).
    coaches = te.coaches[m] - sw.pilot->handed_over_coaches[m] + sw.pilot->coaches[m];
    te_coaches = std::min(coaches, te.coaches[m]);
  } else {
    if (sw.pilot != nullptr && sv.active_clients > 0)
      coaches += (sw.pilot->coaches[m] - te.coaches[m]) * static_cast<double>(sv.pilot_active_clients) /
                 static_cast<double>(sv.active_clients);
    te_coaches = std::min(coaches, te.coaches[m]);
  }
  cost[static_cast<int>(te.organiser_payer)] += static_cast<Cents>(te_coaches * cost_per_week(te) + 0.5);
  if (coaches > te_coaches)
    cost[static_cast<int>(sw.pilot->organiser_payer)] +=
        static_cast<Cents>((coaches - te_coaches) * cost_per_week(*sw.pilot) + 0.5);
}

/// The week's admissions to the places of a module (services/module.hpp, "A module with
/// places"): of the week's candidates, those still its candidates take its free places by the
/// priority rules; the rest wait.
template <class Module, std::size_t Index>
void admit_to_module(const WeekContext& ctx, population::People& people, std::size_t m,
                     const std::vector<std::uint32_t>& candidates, MunicipalityTotals& totals) {
  const auto& sw = ctx.services;
  auto& sv = totals.services;
  constexpr int k = services::kServiceCodeOf<Module>;
  constexpr bool staffed = Index == services::kStaffedModule;
  std::vector<std::uint32_t> waiting;
  waiting.reserve(candidates.size());
  for (std::uint32_t i : candidates)
    if (Module::candidate(std::get<Index>(sw.plan_of(people, i).modules), people, i)) waiting.push_back(i);
  if constexpr (staffed) pay_staff<Module, Index>(sw, m, sv, totals.cost);
  // Not sorted by index first: the priority rules' order is total, so which candidates take the
  // places, and in what order, does not depend on the order they came in; the rest are only counted.
  const std::int64_t places = pooled_places(sw, k, m, sv, staffed);
  const std::int64_t free = places - Module::held(sv);
  std::size_t admitted = 0;
  if (free > 0 && !waiting.empty()) {
    admitted = choose_admitted(waiting, static_cast<std::size_t>(free), sw, people);
    for (std::size_t a = 0; a < admitted; ++a) {
      const std::uint32_t i = waiting[a];
      sv.wait_weeks[k] += ctx.week - Module::waiting_since(people, i);
      const auto& plan = sw.plan_of(people, i);
      const std::int64_t events = Module::admit(std::get<Index>(plan.modules), people, i);
      services::count_module_events<Module, Index>(plan, events, totals.cost, sv);
      if (sw.serves_in_pilot(people, i)) sv.pilot_service_starts[k] += 1;
    }
    sv.service_starts[k] += static_cast<std::int64_t>(admitted);
    Module::held(sv) += static_cast<std::int64_t>(admitted);
  }
  sv.waiting[k] += static_cast<std::int64_t>(waiting.size() - admitted);
}

}  // namespace

/// The week's admissions to the places of a placed service with a status: of its queue, those
/// still waiting for it take its free places by the priority rules; the rest wait.
template <class Module>
void ServiceQueues::admit_to_status(const WeekContext& ctx, population::People& people, std::size_t m,
                                    std::uint8_t* status_out, MunicipalityTotals& totals) {
  const auto& sw = ctx.services;
  const auto unemployed = static_cast<std::uint8_t>(Status::unemployed);
  auto& sv = totals.services;
  constexpr int k = services::kServiceCodeOf<Module>;
  constexpr auto held = static_cast<int>(Module::kStatus);
  auto& waiting = queue(m, static_cast<Service>(k));
  // Keep those still waiting for this service; a person may stand twice after leaving and
  // coming back: keep one entry.
  const auto code = static_cast<std::uint8_t>(k + 1);
  std::erase_if(waiting, [&](std::uint32_t i) { return people.status[i] != unemployed || people.waiting_for[i] != code; });
  std::sort(waiting.begin(), waiting.end());
  waiting.erase(std::unique(waiting.begin(), waiting.end()), waiting.end());

  std::int64_t places = pooled_places(sw, k, m, sv);
  if constexpr (services::kRaisedByMunicipalityResponse<Module>)
    if (!ctx.rehabilitative_added_share.empty())
      places += static_cast<std::int64_t>(ctx.rehabilitative_added_share[m] * static_cast<double>(places) + 0.5);
  const std::int64_t free = places - totals.status_counts[held];
  if (free > 0 && !waiting.empty()) {
    const auto admitted = choose_admitted(waiting, static_cast<std::size_t>(free), sw, people);
    for (std::size_t a = 0; a < admitted; ++a) {
      const std::uint32_t i = waiting[a];
      const bool pilot_client = sw.serves_in_pilot(people, i);
      sv.wait_weeks[k] += ctx.week - people.waiting_since[i];
      if (people.spell_weeks[i] >= kLongTermUnemploymentWeeks) totals.long_term_unemployed -= 1;
      // Queued persons were unemployed all week: their spell grew by one in the kernel.
      totals.entered_service[duration_bracket(std::max<int>(people.spell_weeks[i] - 1, 0))] += 1;
      place<Module>(people, i, sw.plan_of(people, i), ctx);
      status_out[i] = people.status[i];
      totals.status_counts[unemployed] -= 1;
      totals.status_counts[held] += 1;
      if (people.client_flags[i] & population::kEverPilotClient) {
        sv.ever_pilot_clients[unemployed] -= 1;
        sv.ever_pilot_clients[held] += 1;
      }
      if (pilot_client) sv.pilot_service_starts[k] += 1;
      if constexpr (services::kCountsHeld<Module>) Module::count_held(sv, people, i);
    }
    sv.service_starts[k] += static_cast<std::int64_t>(admitted);
    waiting.erase(waiting.begin(), waiting.begin() + static_cast<std::ptrdiff_t>(admitted));
  }
  sv.waiting[k] += static_cast<std::int64_t>(waiting.size());
}

void ServiceQueues::admit(const WeekContext& ctx, population::People& people,
                          const std::vector<std::uint32_t>& candidates, std::uint8_t* status_out,
                          std::vector<MunicipalityTotals>& by_municipality) {
  std::vector<std::vector<std::uint32_t>> by_place(by_municipality.size());
  for (std::uint32_t i : candidates) by_place[people.municipality[i]].push_back(i);
  for (std::size_t m = 0; m < by_municipality.size(); ++m)
    admit_municipality(ctx, people, m, by_place[m], status_out, by_municipality[m]);
}

void ServiceQueues::admit_municipality(const WeekContext& ctx, population::People& people, std::size_t m,
                                       const std::vector<std::uint32_t>& candidates, std::uint8_t* status_out,
                                       MunicipalityTotals& totals) {
  // The placed services with a status first, in their list's order (services/modules.hpp).
  services::for_each_status_module([&](auto module, auto) {
    this->template admit_to_status<typename decltype(module)::type>(ctx, people, m, status_out, totals);
  });

  // The modules with places (the coach), after the placed services: their candidates came from
  // the kernel (services::count_places_and_candidacy).
  services::for_each_module([&](auto module, auto index) {
    using Module = typename decltype(module)::type;
    if constexpr (services::kHasPlaces<Module>)
      admit_to_module<Module, decltype(index)::value>(ctx, people, m, candidates, totals);
  });
}

}  // namespace kokeilu::sim
