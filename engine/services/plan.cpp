#include "services/plan.hpp"

#include <algorithm>
#include <cmath>

namespace kokeilu::services {

using scenario::Service;

namespace {

PlacedService placed_from(const scenario::PlacedServiceSpec& s) {
  PlacedService out;
  out.enabled = s.enabled;
  out.referral_rate = s.referral_rate_per_week;
  out.requires_assessment = s.requires_assessment;
  out.min_spell_weeks = s.min_spell_weeks;
  out.min_weeks = s.duration.min;
  out.max_weeks = std::max(s.duration.min, s.duration.max);
  out.dropout_rate = s.dropout_rate_per_week;
  out.cost_per_week = cents_from_eur(s.cost_eur_per_week);
  return out;
}

std::int64_t places_for(double per_10000, std::int64_t persons) {
  return static_cast<std::int64_t>(std::floor(per_10000 * static_cast<double>(persons) / 10000.0 + 0.5));
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
  plan.placed[static_cast<int>(Service::training)] = placed_from(design.training);
  plan.placed[static_cast<int>(Service::rehabilitative_work)] = placed_from(design.rehabilitative_work);
  plan.placed[static_cast<int>(Service::pay_subsidy)] = placed_from(design.pay_subsidy);
  plan.placed[static_cast<int>(Service::work_trial)] = placed_from(design.work_trial);

  for (const auto& m : spec.municipalities) {
    const bool everywhere = design.area.empty();
    plan.in_area.push_back(everywhere || std::find(design.area.begin(), design.area.end(), m.name) != design.area.end() ? 1 : 0);
    const auto persons = m.working_age_persons;
    const double coaches = design.coach.enabled ? design.coach.coaches_per_10000_persons * static_cast<double>(persons) / 10000.0 : 0.0;
    plan.coaches.push_back(coaches);
    plan.places[static_cast<int>(Service::coach)].push_back(
        static_cast<std::int64_t>(std::floor(coaches * design.coach.caseload + 0.5)));
    plan.places[static_cast<int>(Service::assessment)].push_back(0);
    for (Service s : {Service::training, Service::rehabilitative_work, Service::pay_subsidy, Service::work_trial}) {
      const auto& placed = s == Service::training ? static_cast<const scenario::PlacedServiceSpec&>(design.training)
                         : s == Service::rehabilitative_work ? design.rehabilitative_work
                         : s == Service::pay_subsidy ? static_cast<const scenario::PlacedServiceSpec&>(design.pay_subsidy)
                                                     : design.work_trial;
      plan.places[static_cast<int>(s)].push_back(placed.enabled ? places_for(placed.places_per_10000_persons, persons) : 0);
    }
  }

  // A meeting multiplies effort by m; the extra (m - 1) halves every half-life.
  const auto& coach = design.coach;
  for (int w = 0; w < 256; ++w)
    plan.coach_effort[w] = coach.enabled
        ? 1.0 + (coach.search_effort_multiplier - 1.0) * std::exp2(-w / std::max(1e-9, coach.effect_half_life_weeks))
        : 1.0;

  plan.supplement_per_day = cents_from_eur(design.supplement_eur_per_day);
  plan.assessment_cost[static_cast<int>(plan.organiser_payer)] = cents_from_eur(design.assessment.cost_eur);
  plan.coach_cost_per_week = cents_from_eur(coach.cost_eur_per_coach_week);
  const auto& rehab = design.rehabilitative_work;
  plan.rehabilitative_cost_per_week =
      cents_from_eur(rehab.cost_eur_per_week + rehab.participant_eur_per_day * rehab.days_per_week);
  plan.rehabilitative_state_compensation_per_week =
      cents_from_eur(rehab.state_compensation_eur_per_day * rehab.days_per_week);
  for_each_module([&](auto module, auto index) {
    using Module = typename decltype(module)::type;
    auto& module_plan = std::get<decltype(index)::value>(plan.modules);
    module_plan = Module::plan(std::get<decltype(index)::value>(design.modules), calendar);
    plan.any_module = plan.any_module || module_plan.enabled;
    plan.module_event_cost[index()][static_cast<int>(plan.organiser_payer)] = module_plan.cost_per_event;
  });
  return plan;
}

void fund_baseline_volume(ServicePlan& pilot, const ServicePlan& baseline) {
  const Cents own = cents_from_eur(pilot.design->assessment.cost_eur);
  const Cents funded = std::min(own, cents_from_eur(baseline.design->assessment.cost_eur));
  pilot.assessment_cost = {};
  pilot.assessment_cost[static_cast<int>(baseline.organiser_payer)] += funded;
  pilot.assessment_cost[static_cast<int>(pilot.organiser_payer)] += own - funded;
  // A module's events likewise: the TE office's payer funds up to its own cost per event.
  for_each_module([&](auto, auto index) {
    const auto& te = std::get<decltype(index)::value>(baseline.modules);
    const Cents own_event = std::get<decltype(index)::value>(pilot.modules).cost_per_event;
    const Cents funded_event = te.enabled ? std::min(own_event, te.cost_per_event) : 0;
    auto& cost = pilot.module_event_cost[index()];
    cost = {};
    cost[static_cast<int>(baseline.organiser_payer)] += funded_event;
    cost[static_cast<int>(pilot.organiser_payer)] += own_event - funded_event;
  });
}

}  // namespace kokeilu::services
