#pragma once
// What the placed services with a status of their own share (training, rehabilitative work,
// pay-subsidised work, work trial: services/module.hpp, "A module with a status"): their common
// keys (places, referral, duration, drop-out, cost), the same keys in step units, and the exits
// and completions more than one of them takes. Each service's own file adds what is its own.
#include <algorithm>
#include <cstdint>
#include <initializer_list>
#include <string_view>
#include <vector>

#include "core/vocabulary.hpp"
#include "population/people.hpp"
#include "scenario/design_units.hpp"
#include "scenario/fields.hpp"
#include "services/module.hpp"

namespace kokeilu::services {

/// The line of every placed service's block in docs/keys.md.
inline constexpr std::string_view kPlacedAbout =
    "A placed service: scarce places filled from a queue by the design's priority rule.";

/// What a placed service's settings share: places, referral, duration, drop-out, cost.
struct PlacedSpec {
  bool enabled = false;
  double places_per_10000_persons = 0;       // simultaneous places, per 10,000 working-age persons
  double referral_rate_per_week = 0;         // of eligible unemployed clients
  bool requires_assessment = false;
  int min_spell_weeks = 0;                   // eligible from this spell length
  scenario::DurationWeeks duration{};
  double dropout_rate_per_week = 0;          // back to unemployment early
  double cost_eur_per_week = 0;              // organiser's cost per participant-week
};

/// The keys every placed service shares, then its own.
template <class Spec>
std::vector<scenario::Field<Spec>> placed_fields(std::initializer_list<scenario::Field<Spec>> own) {
  using namespace scenario;
  using namespace scenario::yaml;
  std::vector<Field<Spec>> fields{
      flag_field<Spec>("enabled", &Spec::enabled,
                       "a service named in the design is on; `false` switches off one named by a parent design"),
      number_field<Spec>("places_per_10000_persons", &Spec::places_per_10000_persons, kPlacesPer10000,
                         "simultaneous places per 10,000 working-age persons of the municipality"),
      number_field<Spec>("referral_rate_per_week", &Spec::referral_rate_per_week, kRatePerWeek,
                         "referral rate of an eligible unemployed client (joins the queue)"),
      flag_field<Spec>("requires_assessment", &Spec::requires_assessment,
                       "only clients with a service-needs assessment are referred"),
      whole_field<Spec>("min_spell_weeks", &Spec::min_spell_weeks, 0, kMaxWeeks, "weeks",
                        "eligible from this length of the unemployment spell"),
      weeks_range_field<Spec>("duration_weeks", &Spec::duration, "length of a place, drawn uniformly (inclusive)"),
      number_field<Spec>("dropout_rate_per_week", &Spec::dropout_rate_per_week, kRatePerWeek,
                         "back to unemployment before the end"),
      number_field<Spec>("cost_eur_per_week", &Spec::cost_eur_per_week, kEurosPerWeek,
                         "organiser's cost per participant-week"),
  };
  fields.insert(fields.end(), own);
  return fields;
}

/// A placed service's shared settings in step units.
struct PlacedPlan {
  bool enabled = false;
  double referral_rate = 0;            // per week
  bool requires_assessment = false;
  int min_spell_weeks = 0;
  int min_weeks = 1, max_weeks = 1;    // duration, uniform
  double dropout_rate = 0;             // per week
  Cents cost_per_week = 0;
};

inline PlacedPlan placed_plan(const PlacedSpec& s) {
  PlacedPlan out;
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

/// The two competing exits of a week in a status (rates per week, and where each leads): the
/// kernel draws one uniform for both, as for every status (sim/kernel.hpp).
struct StatusExits {
  double first_rate = 0, second_rate = 0;
  Status first = Status::unemployed, second = Status::unemployed;
};

/// Dropping out, the one exit before the end of a service without job search.
inline StatusExits dropout_exit(const PlacedPlan& plan) { return {plan.dropout_rate, 0.0}; }

/// Study's lock-in (training, self-motivated study): job search goes on at a reduced effort, so a
/// job found competes with dropping out.
inline StatusExits lock_in_exits(const PlacedPlan& plan, double job_rate) {
  return {job_rate, plan.dropout_rate, Status::employed, Status::unemployed};
}

/// Study completed: back to job search with employability raised by `gain`, and a qualification
/// with probability `qualification` (one completion draw).
inline Status complete_study(double gain, double qualification, population::People& p, std::size_t i,
                             ServiceDraws& draws) {
  p.employability[i] = static_cast<float>(p.employability[i] + gain);
  if (uniform(draws.completion, i) < qualification) set_flag(p, i, population::kQualified, true);
  return Status::unemployed;
}

/// At the end of a placement in work (pay subsidy, work trial): an open job with probability
/// `open_job`, else back to unemployment.
inline Status open_job_or_unemployment(double open_job, ServiceDraws& draws, std::size_t i) {
  return uniform(draws.completion, i) < open_job ? Status::employed : Status::unemployed;
}

}  // namespace kokeilu::services
