#pragma once
// A policy design (baseline TE-office process, the 2012-2015 and 2020-2022 municipal pilots,
// the Pirkanmaa regional pilot): who organises, when, for whom, and which services with how
// many places. Every design is data in the same vocabulary; the engine implements the services.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/calendar.hpp"
#include "core/vocabulary.hpp"
#include "scenario/design_units.hpp"
#include "services/codes.hpp"
#include "services/module_fold.hpp"

namespace kokeilu::scenario {

enum class Organiser : std::uint8_t { te_office = 0, municipality = 1 };
inline constexpr std::array<std::string_view, 2> kOrganiserNames{"te_office", "municipality"};

/// Who a design serves: a tree of tests on a person's state in a week. Leaves test one
/// attribute; `all` / `any` combine their children.
struct TargetPredicate {
  enum class Kind : std::uint8_t {
    everyone,
    all,
    any,
    spell_weeks_at_least,     // unemployed without a break for at least `threshold` weeks
    benefit_days_at_least,    // unemployment benefit days received (earnings-related + subsidy)
    subsidy_days_at_least,    // labour-market-subsidy days received
    benefit_in,               // benefit being paid is one of `benefits`
    age_under,                // younger than `threshold` years
    age_at_least,
    foreign_language,
  };
  Kind kind = Kind::everyone;
  int threshold = 0;
  std::array<bool, kBenefitCount> benefits{};  // for benefit_in
  std::vector<TargetPredicate> children;        // for all / any
};

/// Scarce places go to the waiting persons first in this order (ties: longest wait, then the
/// person's index).
enum class PriorityRule : std::uint8_t {
  longest_spell_first = 0,
  most_barriers_first = 1,              // known barriers, then the longest spell
  closest_to_labour_market_first = 2,   // shortest spell, no known barrier
  first_referred_first = 3,             // in the order of referral (a coach's queue: of becoming a client)
};
inline constexpr std::array<std::string_view, 4> kPriorityRuleNames{
    "longest_spell_first", "most_barriers_first", "closest_to_labour_market_first", "first_referred_first"};

/// What a person keeps when they change organiser (a pilot takes them in, or hands them back at
/// its end): everything (assessment, coach, queue place), everything but the assessment, or
/// nothing (assessed anew, no coach, no queue place).
enum class OnTransfer : std::uint8_t { keep = 0, reassess = 1, restart = 2 };
inline constexpr std::array<std::string_view, 3> kOnTransferNames{"keep", "reassess", "restart"};

/// The placed services' settings are their modules' (services/service_<name>.hpp): what they
/// share.
using PlacedServiceSpec = services::PlacedSpec;

/// The staff a design states (`staff:`): its coaching capacity follows from them. DOMAIN.md:
/// Pirkanmaa 2017-2018 about 330 staff of whom 76 from the TE office; 2020-2022 about 900 TE
/// staff moved to municipalities (stat). Left out: places from `coaches_per_10000_persons`.
struct StaffSpec {
  bool stated = false;                 // `staff:` given
  double coaches = 0;                  // full-time coaches over the design's area (persons)
  double moved_from_te_office = 0;     // of them, moved from the TE office (persons)
};

/// The service budget a design states (`budget:`): its placed services' places follow from it.
/// Left out: places from each service's `places_per_10000_persons`.
struct BudgetSpec {
  bool stated = false;                 // `budget:` given
  double services_eur_per_year = 0;    // for training, rehabilitative work, pay subsidy, work trial
};

/// The municipality as an actor (`municipality_response:`, off by default): it adds
/// rehabilitative-work places when its co-payment bill per unemployed person rises above a
/// threshold (seeds: the co-payment list pushes Pori to add rehabilitative work; in Ylöjärvi the
/// activation rate fell and the co-payment rose when the pilot ended). docs/capacity.md.
struct MunicipalityResponseSpec {
  bool enabled = false;
  int window_weeks = 13;               // weeks of bill the municipality looks at
  int lag_weeks = 8;                   // weeks between the window's end and the response
  double threshold_eur_per_unemployed_week = 15;  // EUR per unemployed person per week
  double elasticity = 0.5;             // places rise by elasticity x (bill / threshold - 1)
  double max_increase = 1.0;           // at most this share of the places is added
};

struct DesignSpec {
  std::string name;
  std::string description;
  Organiser organiser = Organiser::te_office;
  std::optional<Date> start;                 // period; none = always (the baseline)
  std::optional<Date> end;
  TargetPredicate target;
  bool stock_at_start = true;                // the target group's unemployed join at the start
  bool inflow = true;                        // persons who come to meet the predicate join later
  OnTransfer on_transfer = OnTransfer::keep; // what a person keeps on joining or leaving the design
  PriorityRule priority = PriorityRule::longest_spell_first;
  /// Multiplier on every placed service's referral rate by the client's spell bracket (the seven
  /// brackets of spec.hpp, weeks 0, 4, 13, 26, 52, 78, 104): who is sent to services when.
  std::array<double, 7> referral_by_spell{1, 1, 1, 1, 1, 1, 1};
  /// Names of the municipalities where a pilot runs (`area:`); empty: everywhere in the region.
  /// Outside its area nobody becomes the pilot's client. Checked against the region on load.
  std::vector<std::string> area;
  double supplement_eur_per_day = 4.7;       // paid during services (Kela)
  /// The settings of the placed services with a status (services::StatusModules), in
  /// registration order: design.module<services::Training>().
  services::StatusSpecs placed;
  StaffSpec staff;
  BudgetSpec budget;
  MunicipalityResponseSpec municipality_response;
  /// The settings of the service modules without a status (services::ServiceModules), in
  /// registration order.
  services::ModuleSpecs modules;

  /// One module's settings: design.module<services::Assessment>(), design.module<services::Training>().
  template <class Module>
  typename Module::Spec& module() { return module_in<Module>(*this); }
  template <class Module>
  const typename Module::Spec& module() const { return module_in<Module>(*this); }

 private:
  /// The one lookup behind both module(): a placed service's in `placed`, any other's in `modules`.
  template <class Module, class Design>
  static auto& module_in(Design& design) {
    if constexpr (services::kHasStatus<Module>)
      return std::get<typename Module::Spec>(design.placed);
    else
      return std::get<typename Module::Spec>(design.modules);
  }
};

}  // namespace kokeilu::scenario
