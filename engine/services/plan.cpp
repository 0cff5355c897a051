#include "services/plan.hpp"

#include <algorithm>
#include <cmath>

#include "core/vocabulary.hpp"
#include "scenario/capacity.hpp"
#include "services/module_hooks.hpp"

namespace kokeilu::services {

namespace {

std::int64_t places_for(double per_10000, std::int64_t persons) {
  return static_cast<std::int64_t>(std::floor(per_10000 * static_cast<double>(persons) / 10000.0 + 0.5));
}

std::int64_t rounded(double places) { return static_cast<std::int64_t>(std::floor(places + 0.5)); }

/// A design's staff and budget (docs/capacity.md) are for its area: each municipality of it gets
/// its share by working-age persons (none outside it).
std::vector<double> area_shares(const ServicePlan& plan, const scenario::ScenarioSpec& spec) {
  double area_persons = 0;
  for (std::size_t m = 0; m < spec.municipalities.size(); ++m)
    if (plan.in_area[m]) area_persons += static_cast<double>(spec.municipalities[m].working_age_persons);
  std::vector<double> shares(spec.municipalities.size(), 0.0);
  for (std::size_t m = 0; m < shares.size() && area_persons > 0; ++m)
    if (plan.in_area[m]) shares[m] = static_cast<double>(spec.municipalities[m].working_age_persons) / area_persons;
  return shares;
}

/// The module with staff (the coach): its YAML name's code on the `service` axis, and its plan.
using StaffedModule = std::tuple_element_t<kStaffedModule, ServiceModules>;
constexpr int kStaffed = kServiceCodeOf<StaffedModule>;
const StaffedModule::Plan& staffed_plan(const ServicePlan& plan) { return std::get<kStaffedModule>(plan.modules); }

/// Staff from the stated staff: places are staff x caseload.
void staff_capacity(ServicePlan& plan, const scenario::DesignSpec& design, const std::vector<double>& shares) {
  plan.own_places[kStaffed] = true;
  for (std::size_t m = 0; m < shares.size(); ++m) {
    plan.coaches[m] = design.staff.coaches * shares[m];
    plan.places[kStaffed][m] = StaffedModule::places_of_staff(staffed_plan(plan), plan.coaches[m]);
  }
}

/// Placed services' places from the budget: it buys place-weeks in the proportions of the stated
/// places times their costs (scenario::budget_weight), 52 weeks a year.
void budget_capacity(ServicePlan& plan, const scenario::DesignSpec& design, const scenario::ScenarioSpec& spec,
                     const std::vector<double>& shares) {
  double area_persons = 0;
  for (std::size_t m = 0; m < shares.size(); ++m)
    if (plan.in_area[m]) area_persons += static_cast<double>(spec.municipalities[m].working_age_persons);
  double weekly_spend_at_stated = 0;  // EUR a week, the stated places over the area
  for_each_status_module([&](auto module, auto) {
    weekly_spend_at_stated += scenario::budget_weight<typename decltype(module)::type>(design) * area_persons / 10000.0;
  });
  if (weekly_spend_at_stated <= 0) return;  // the loader refuses such a budget; an empty area buys nothing
  const double scale = design.budget.services_eur_per_year / scenario::kBudgetWeeksPerYear / weekly_spend_at_stated;
  for_each_status_module([&](auto module, auto) {
    using Module = typename decltype(module)::type;
    if (scenario::budget_weight<Module>(design) <= 0) return;  // off or free: as stated
    constexpr int k = kServiceCodeOf<Module>;
    plan.own_places[k] = true;
    const double area_places = scale * design.module<Module>().places_per_10000_persons * area_persons / 10000.0;
    for (std::size_t m = 0; m < shares.size(); ++m) plan.places[k][m] = rounded(area_places * shares[m]);
  });
}

}  // namespace

ServicePlan make_plan(const scenario::DesignSpec& design, const scenario::ScenarioSpec& spec,
                      const Calendar& calendar, bool whole_run) {
  ServicePlan plan;
  plan.design = &design;
  if (!whole_run) {
    if (design.start) plan.first_week = std::max(0, calendar.week_of(*design.start));
    if (design.end) plan.last_week = calendar.week_of(*design.end);
  }
  plan.organiser_payer = design.organiser == scenario::Organiser::municipality ? Payer::municipality : Payer::state;
  for_each_status_module([&](auto module, auto index) {
    using Module = typename decltype(module)::type;
    std::get<decltype(index)::value>(plan.status) = Module::plan(design.module<Module>());
  });

  for_each_module([&](auto module, auto index) {
    using Module = typename decltype(module)::type;
    auto& module_plan = std::get<decltype(index)::value>(plan.modules);
    module_plan = Module::plan(std::get<decltype(index)::value>(design.modules), calendar);
    plan.any_effort_module = plan.any_effort_module || (kHasEffortHook<Module> && module_plan.enabled);
    plan.any_week_module = plan.any_week_module || (kHasUnemployedWeekHook<Module> && module_plan.enabled);
    plan.module_event_cost[index()][static_cast<int>(plan.organiser_payer)] = module_plan.cost_per_event;
  });

  for (const auto& m : spec.municipalities) {
    const bool everywhere = design.area.empty();
    plan.in_area.push_back(everywhere || std::find(design.area.begin(), design.area.end(), m.name) != design.area.end() ? 1 : 0);
    const auto persons = m.working_age_persons;
    const double coaches = StaffedModule::staff(staffed_plan(plan), persons);
    plan.coaches.push_back(coaches);
    plan.places[kStaffed].push_back(StaffedModule::places_of_staff(staffed_plan(plan), coaches));
    for_each_status_module([&](auto module, auto) {
      using Module = typename decltype(module)::type;
      const auto& placed = design.module<Module>();
      plan.places[kServiceCodeOf<Module>].push_back(placed.enabled ? places_for(placed.places_per_10000_persons, persons) : 0);
    });
  }

  for (auto& places : plan.places) places.resize(spec.municipalities.size(), 0);  // services without places

  if (design.staff.stated || design.budget.stated) {
    const auto shares = area_shares(plan, spec);
    if (design.staff.stated) staff_capacity(plan, design, shares);
    if (design.budget.stated) budget_capacity(plan, design, spec, shares);
  }

  plan.supplement_per_day = cents_from_eur(design.supplement_eur_per_day);
  return plan;
}

void fund_baseline_volume(ServicePlan& pilot, const ServicePlan& baseline) {
  // Staff moved from the TE office: no more than it has in a municipality; they take its places
  // at its caseload with them.
  const auto municipalities = baseline.coaches.size();
  pilot.handed_over_coaches.assign(municipalities, 0.0);
  pilot.handed_over_places.assign(municipalities, 0);
  const auto& staff = pilot.design->staff;
  if (staff.stated && staff.coaches > 0)
    for (std::size_t m = 0; m < municipalities; ++m) {
      const double moved = std::min(staff.moved_from_te_office * pilot.coaches[m] / staff.coaches, baseline.coaches[m]);
      pilot.handed_over_coaches[m] = moved;
      pilot.handed_over_places[m] = StaffedModule::places_of_staff(staffed_plan(baseline), moved);
    }
  // A module's events (an assessment, a meeting): the TE office's payer funds up to its own cost
  // per event (a module's plan holds 0 there when the TE office funds none).
  for_each_module([&](auto, auto index) {
    const auto& te = std::get<decltype(index)::value>(baseline.modules);
    const Cents own_event = std::get<decltype(index)::value>(pilot.modules).cost_per_event;
    const Cents funded_event = std::min(own_event, te.cost_per_event);
    auto& cost = pilot.module_event_cost[index()];
    cost = {};
    cost[static_cast<int>(baseline.organiser_payer)] += funded_event;
    cost[static_cast<int>(pilot.organiser_payer)] += own_event - funded_event;
  });
}

}  // namespace kokeilu::services
