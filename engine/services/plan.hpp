#pragma once
// A design resolved for the weekly step: its period in weeks, places per municipality, and its
// money in cents per unit of time. Built once per run from the immutable spec.
#include <array>
#include <climits>
#include <cstdint>
#include <vector>

#include "core/calendar.hpp"
#include "core/vocabulary.hpp"
#include "scenario/spec.hpp"
#include "services/module_fold.hpp"

namespace kokeilu::services {

struct ServicePlan {
  const scenario::DesignSpec* design = nullptr;
  int first_week = 0;                  // in force from this week (inclusive)
  int last_week = INT_MAX;             // to this week (inclusive)
  Payer organiser_payer = Payer::state;
  /// The placed services with a status (services::StatusModules) in step units.
  StatusPlans status{};
  /// Places at once, [service][municipality]; for a module with staff (the coach), its staff x
  /// caseload.
  std::array<std::vector<std::int64_t>, scenario::kServiceCount> places{};
  std::vector<double> coaches;         // [municipality]: the staff of the module with staff (the coach)
  /// [service]: the places are the design's own, from its staff or its budget (docs/capacity.md):
  /// a pilot adds them whole to what the TE office keeps, not scaled by its clients' share.
  std::array<bool, scenario::kServiceCount> own_places{};
  /// [municipality]: coaches the TE office hands over to this design while it is in force (its
  /// `staff.moved_from_te_office` shared by persons, at most the TE office's coaches there), and
  /// the TE office's coaching places they take with them. Set by fund_baseline_volume().
  std::vector<double> handed_over_coaches;
  std::vector<std::int64_t> handed_over_places;
  /// [municipality]: 1 where the design takes in clients (its `area`), 0 elsewhere.
  std::vector<std::uint8_t> in_area;
  Cents supplement_per_day = 0;
  /// The service modules (services/modules.hpp) in step units; any_effort_module: one with an
  /// effort hook is enabled, any_week_module: one with an unemployed week's hook.
  ModulePlans modules{};
  bool any_effort_module = false;
  bool any_week_module = false;
  /// An event's cost by payer, [module][payer]: the organiser's, or see fund_baseline_volume().
  std::array<std::array<Cents, kPayerCount>, kModuleCount> module_event_cost{};

  bool in_force(int week) const { return week >= first_week && week <= last_week; }
  /// A placed service's plan: plan.status_of<Training>().
  template <class Module>
  const typename Module::Plan& status_of() const { return std::get<typename Module::Plan>(status); }
  bool covers(MunicipalityIndex m) const { return in_area[m] != 0; }
};

/// @param whole_run the plan is in force for the whole run (the baseline's period is ignored).
ServicePlan make_plan(const scenario::DesignSpec& design, const scenario::ScenarioSpec& spec,
                      const Calendar& calendar, bool whole_run);

/// The TE office's volume of service is funded by its payer whoever organises it; a pilot's
/// organiser pays what its design adds. Splits the pilot's per-person costs accordingly (the
/// coaches' pay is split in the admission phase), so that handing the baseline's own process
/// to another organiser moves no euro between payers (law 1). Sets what the TE office hands over
/// to a design that states its staff.
void fund_baseline_volume(ServicePlan& pilot, const ServicePlan& baseline);

}  // namespace kokeilu::services
