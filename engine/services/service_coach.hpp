#pragma once
// Personal coach (omavalmentaja): a relation, not a status. A coached person meets the coach
// every few weeks; each meeting raises search effort, and the extra effort fades after it
// (half-life). While coached, referrals to other services are more frequent. Places are
// coaches x caseload per municipality; candidates wait (admission phase).
//
// A service module with places (services/module.hpp): its places come from its staff (the
// coaches, or a design's stated `staff`: docs/capacity.md), paid by the week; every unemployed
// client without a coach is a candidate (no referral), and waits counted from becoming a client.
// Its events (module_events) are the meetings, the first one on admission; they cost nothing
// of their own.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "services/module.hpp"

namespace kokeilu::services {

struct Coach {
  static constexpr std::string_view kName = "coach";
  static constexpr scenario::Service kService = scenario::Service::coach;  // its code on the `service` axis
  static constexpr std::string_view kAbout =
      "Personal coach: a relation; places are coaches x caseload, meetings every few weeks.";

  /// No `from`: the coach is in force whenever its design is.
  struct Spec : ModuleSchedule {
    double coaches_per_10000_persons = 0;      // of working-age persons in the municipality
    int caseload = 160;                        // clients per coach
    int meeting_interval_weeks = 2;
    double search_effort_multiplier = 1.0;     // at a meeting; the extra effort fades after it
    double effect_half_life_weeks = 4;         // weeks for the extra effort to halve
    double referral_rate_multiplier = 1.0;     // on referral rates to other services while coached
    double cost_eur_per_coach_week = 0;
    int coaching_weeks = 52;                   // length of a coaching relation
  };

  static std::span<const scenario::Field<Spec>> fields() {
    using namespace scenario;
    using namespace scenario::yaml;
    using S = Spec;
    static const std::vector<Field<S>> table{
        flag_field<S>("enabled", &S::enabled, "named in the design: on; `false` switches off one named by a parent"),
        number_field<S>("coaches_per_10000_persons", &S::coaches_per_10000_persons, kPlacesPer10000,
                        "coaches per 10,000 working-age persons of the municipality"),
        whole_field<S>("caseload", &S::caseload, 1, kMaxCaseload, "persons", "clients per coach"),
        whole_field<S>("meeting_interval_weeks", &S::meeting_interval_weeks, 1, kMaxWeeks, "weeks",
                       "weeks between meetings"),
        number_field<S>("search_effort_multiplier", &S::search_effort_multiplier, kMultiplier,
                        "search effort at a meeting; the extra effort fades after it"),
        number_field<S>("effect_half_life_weeks", &S::effect_half_life_weeks, kWeeksPositive,
                        "weeks for the extra effort to halve"),
        number_field<S>("referral_rate_multiplier", &S::referral_rate_multiplier, kMultiplier,
                        "on referral rates to other services while coached"),
        number_field<S>("cost_eur_per_coach_week", &S::cost_eur_per_coach_week, kEurosPerWeek, "per coach"),
        whole_field<S>("coaching_weeks", &S::coaching_weeks, 1, kMaxWeeks, "weeks", "length of a coaching relation"),
    };
    return {table.data(), table.size()};
  }

  /// Filled whether or not the design names the coach: a relation begun under another design
  /// goes on by the rules of the person's organiser (meetings, referrals), without its effect.
  struct Plan : ModuleInForce {
    double coaches_per_10000_persons = 0;
    int caseload = 160;
    int meeting_interval_weeks = 2;
    int coaching_weeks = 52;
    double referral_rate_multiplier = 1.0;
    Cents cost_per_staff_week = 0;       // per coach
    /// Search-effort multiplier of a coached person by weeks since the last meeting
    /// (saturating); 1 when the design has no coach.
    std::array<double, 256> effort{};
  };

  static Plan plan(const Spec& spec, const Calendar& calendar) {
    Plan plan;
    static_cast<ModuleInForce&>(plan) = in_force_from(spec, calendar, 0.0);
    plan.coaches_per_10000_persons = spec.coaches_per_10000_persons;
    plan.caseload = spec.caseload;
    plan.meeting_interval_weeks = spec.meeting_interval_weeks;
    plan.coaching_weeks = spec.coaching_weeks;
    plan.referral_rate_multiplier = spec.referral_rate_multiplier;
    plan.cost_per_staff_week = cents_from_eur(spec.cost_eur_per_coach_week);
    // A meeting multiplies effort by m; the extra (m - 1) halves every half-life.
    for (int w = 0; w < 256; ++w)
      plan.effort[static_cast<std::size_t>(w)] =
          spec.enabled ? 1.0 + (spec.search_effort_multiplier - 1.0) *
                                   std::exp2(-w / std::max(1e-9, spec.effect_half_life_weeks))
                       : 1.0;
    return plan;
  }

  // ---- places: staff x caseload ----

  /// Coaches in a municipality of `persons` working-age persons (none when not named).
  static double staff(const Plan& plan, std::int64_t persons) {
    return plan.enabled ? plan.coaches_per_10000_persons * static_cast<double>(persons) / 10000.0 : 0.0;
  }
  static std::int64_t places_of_staff(const Plan& plan, double coaches) {
    return static_cast<std::int64_t>(std::floor(coaches * plan.caseload + 0.5));
  }

  // ---- the relation ----

  static bool in_relation(const population::People& p, std::size_t i) { return p.coach_weeks_left[i] > 0; }

  /// Multiplier on the search effort (1 when not coached).
  static double relation_effort_multiplier(const Plan& plan, const population::People& p, std::size_t i) {
    return p.coach_weeks_left[i] > 0 ? plan.effort[p.weeks_since_meeting[i]] : 1.0;
  }

  static double referral_multiplier(const Plan& plan, const population::People& p, std::size_t i) {
    return p.coach_weeks_left[i] > 0 ? plan.referral_rate_multiplier : 1.0;
  }

  /// Advances a coaching relation by a week; a meeting resets the fading effect. Returns the
  /// meetings held (0 or 1).
  static std::int64_t relation_week(const Plan& plan, population::People& p, std::size_t i) {
    if (p.coach_weeks_left[i] == 0) return 0;
    p.coach_weeks_left[i] = static_cast<std::uint16_t>(p.coach_weeks_left[i] - 1);
    const int since = p.weeks_since_meeting[i] + 1;
    const bool meeting = since >= plan.meeting_interval_weeks;
    p.weeks_since_meeting[i] = static_cast<std::uint8_t>(meeting ? 0 : std::min(since, 255));
    return meeting ? 1 : 0;
  }

  /// The relation ends (the client relation ended, or a change of organiser restarts it).
  static void end(population::People& p, std::size_t i) { p.coach_weeks_left[i] = 0; }

  // ---- admission ----

  /// Still waiting for a coach in the admission phase: an unemployed person without one (the
  /// kernel sends the unemployed clients of designs that name the coach).
  static bool waits(const population::People& p, std::size_t i) {
    return p.status[i] == static_cast<std::uint8_t>(Status::unemployed) && p.coach_weeks_left[i] == 0;
  }
  /// A candidate at the week's end (after its transitions): an unemployed client without a coach.
  static bool candidate(const Plan& plan, const population::People& p, std::size_t i) {
    return plan.enabled && waits(p, i);
  }
  /// The week the wait began: becoming a client.
  static int waiting_since(const population::People& p, std::size_t i) { return p.client_since[i]; }
  /// Takes a place: the first meeting (1 event).
  static std::int64_t admit(const Plan& plan, population::People& p, std::size_t i) {
    p.coach_weeks_left[i] = static_cast<std::uint16_t>(plan.coaching_weeks);
    p.weeks_since_meeting[i] = 0;
    return 1;
  }
  /// Persons holding a place (in a relation, counted at the week's end), in the counter table.
  template <class Totals>
  static auto& held(Totals& totals) {
    return totals.coached;
  }
};

}  // namespace kokeilu::services
