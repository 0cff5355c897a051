#pragma once
// A service module: one type in one file (services/service_<name>.hpp) that brings everything a
// service needs, registered by its YAML name in services/modules.hpp (the one list). Below, first
// the modules without a status (events and relations), then "A module with a status". The loader,
// the key reference (docs/keys.md), the checkpoint fingerprint, the plan and the kernel's hooks
// all fold over that list at compile time (a std::tuple of types: no virtual call per
// person-week). A module type provides:
//
//   static constexpr std::string_view kName;    // its key under a design's `services:`
//   static constexpr std::string_view kAbout;   // one line for docs/keys.md
//   struct Spec : ModuleSchedule { ... };       // its settings, defaults as initialisers
//   static std::span<const scenario::Field<Spec>> fields();  // its keys (schedule_fields first)
//   struct Plan : ModuleInForce { ... };        // the settings in step units
//   static Plan plan(const Spec&, const Calendar&);
//
// and any of these hooks (services/module_hooks.hpp detects them at compile time; a module
// without a hook costs nothing there), called only while the plan is in force, for the plan of
// the person's organiser:
//
//   static double effort_multiplier(const Plan&, const ModulePerson&);    // job search, week start
//   static std::int64_t unemployed_week(const Plan&, const ModulePerson&); // events this week
//   static std::int64_t unemployed_week(const Plan&, PersonWeek&);  // the same, with the person's
//                                        // state to change and the service draws to take
//   template <class Totals> static void count(Totals&, std::int64_t events);  // a counter of its
//                                        // own in the one counter table, besides module_events
//
// An event costs Plan::cost_per_event, paid by the organiser (a pilot's share above the TE
// office's volume: services/plan.cpp), and is counted by municipality and module in the weekly
// counter `module_events` (services/week_counters.hpp; /weekly/module_events in a run file):
// a new module gets its counter and its label on the `module` axis from the one list (regenerate
// docs/codes.md: `build/kokeilu-codes > docs/codes.md`; the schema test takes U from it).
// A service entry may say `from: YYYY-MM-DD`: the design's service starts that day (a design's
// services change by date, e.g. the Nordic model's job-search meetings from 2.5.2022).
//
// A module with places (a relation held in places per municipality, like `coach`) provides all
// of these (services/module_hooks.hpp kHasPlaces; sim/admission.cpp folds over them after the
// placed services' queues). Its YAML name is also its code on the `service` axis of the
// counters (scenario::kServiceNames: queues, starts, waits). Unlike the hooks above, the relation
// hooks are called for a person in the relation whatever their organiser's plan says (a
// relation outlives a change of organiser), with that organiser's plan:
//
//   static bool in_relation(const People&, i);              // holds one of its places
//   template <class Totals> static std::int64_t& held(Totals&);  // its counter of places held,
//                                        // counted for clients at the week's end (free places)
//   static bool candidate(const Plan&, const People&, i);   // at the week's end, and again in
//                                        // the admission phase: waits for a place this week
//   static int waiting_since(const People&, i);             // the week the wait began
//   static std::int64_t admit(const Plan&, People&, i);     // takes a place; events (counted, paid)
//   static void end(People&, i);         // the relation ends (client relation over, or restart)
//   static std::int64_t relation_week(const Plan&, People&, i);  // any status; events
//   static double relation_effort_multiplier(const Plan&, const People&, i);  // before a status's own
//   static double referral_multiplier(const Plan&, const People&, i);  // on placed services' rates
//
// and, when its places come from staff (a design's `staff` states them: docs/capacity.md; one
// module at most), Plan::cost_per_staff_week and
//
//   static double staff(const Plan&, std::int64_t persons);  // per municipality of `persons`
//   static std::int64_t places_of_staff(const Plan&, double staff);
//
// A module with a status (a placed service that holds its participants in a status of their
// own: training, rehabilitative work, pay-subsidised work, work trial) is a different kind: it
// is not on the `module` axis and has no `from`. Its settings start with the placed services'
// shared keys and its plan with their step units (services/module_status.hpp: places, referral,
// duration, drop-out, cost). It provides
//
//   static constexpr Status kStatus;            // the status its participants hold: its code in
//                                        // files (a new one: the next free, Status{N})
//   static constexpr scenario::Service kService;  // its code on the `service` axis (likewise)
//   static Plan plan(const Spec&);
//   template <class Week> static void week(const Plan&, Week&);  // the week in the status: pays
//                                        // (Week::pay_benefit_and_supplement, Week::pay), counts
//                                        // work (Week::count_work_week), may change the person;
//                                        // the weeks left then count down (module_hooks.hpp)
//   template <class End> static Status complete(const Plan&, End&);  // the weeks ran out: where
//                                        // the person goes; End::queue_for(service) sends them
//                                        // on to another placed service's queue
//
// and any of these (a module without one has no compare for it in the kernel):
//
//   static StatusExits exits(const Plan&, double job_rate);  // competing exits at the week's
//                                        // end, before the weeks run out (none: no draw)
//   template <class Totals> static void left_early(Totals&); // counts a person leaving early
//   static double search_effort_multiplier(const Plan&);     // its participants search for jobs
//   static void out_of_work_week(const Plan&, People&, i);   // anyone's week ending unemployed
//   static bool eligible(const People&, i, int age_years);  // referral: besides spell,
//                                        // assessment, a rate (age: ServiceWeek::year - birth_year)
//   static int admitted(const Plan&, People&, i, int weeks, const random::Block&);  // on
//                                        // admission: its own draws (word 1); the weeks
//   template <class Totals> static void count_held(Totals&, const People&, i);  // at the week's
//                                        // end, and on admission, for a person in the status
//   static double cost_per_place_week_eur(const Spec&);  // budget weight, if beyond its cost
//   static void check(const yaml::Node&, const Spec&);   // checks across its keys on load
//   static constexpr bool kRaisedByMunicipalityResponse; // places and referrals respond to the
//                                        // municipality's co-payment bill
//   static constexpr std::string_view kStatusName;  // its name on the `status` axis, when not kName
//
// Its settings are found with design.module<Module>() (scenario::DesignSpec::placed, a tuple of
// the placed services' Specs: no member to add, hashed by its field table in the checkpoint's
// fingerprint). Its status counts as in an activating service, and its status and service codes
// are named in run files by the tables derived from the list (services/codes.hpp: kStatusNames,
// kServiceNames, each code checked to be named once). Its queue and its counters of referrals,
// starts and waits are on the `service` axis by its YAML name. The placed services are admitted in their list order,
// before the modules with places (the coach); the list keeps them in code order (the referral
// draw picks by code: a static_assert holds it).
//
// What adding a service costs now: a service without places or a status of its own (an event or
// a relation that acts through job search, like `assessment` and `job_search_meetings`) is its
// own file, one include and one type in modules.hpp, the design YAML that names it, the
// generated docs/keys.md and docs/codes.md: 4 files besides the YAML, two of them generated. A relation with places (like the coach) adds its person columns and its counter of
// places held: 7. A placed service with a status of its own (like work trial) adds nothing
// beyond those 4 (its codes, its settings in the design, its hash, its measured effect and its
// names in the files follow from the list): 4 files besides the YAML, measured by adding a copy
// of work trial and running the full ctest; and a schema version if a new code needs one.
// services/registry.hpp lists them.
#include <climits>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "core/calendar.hpp"
#include "core/vocabulary.hpp"
#include "population/people.hpp"
#include "scenario/fields.hpp"
#include "services/service_draws.hpp"

namespace kokeilu::services {

/// What a module sees of a person, as at the start of the week.
struct ModulePerson {
  Status status = Status::inactive;
  bool client = false;      // a client of the organiser whose plan the hook is given
  int weeks_as_client = 0;  // since the client relation began (or a transfer reset it)
  int spell_weeks = 0;
};

inline bool has_flag(const population::People& p, std::size_t i, population::ClientFlag flag) {
  return (p.client_flags[i] & flag) != 0;
}
inline void set_flag(population::People& p, std::size_t i, population::ClientFlag flag, bool on) {
  p.client_flags[i] = static_cast<std::uint8_t>(on ? (p.client_flags[i] | flag) : (p.client_flags[i] & ~flag));
}

/// An unemployed person's week as a module's hook may change it: the person's columns, and the
/// week's service draws (one uniform per person per purpose).
struct PersonWeek {
  population::People& people;
  std::size_t i;
  int week;
  ServiceDraws& draws;
  Status status() const { return static_cast<Status>(people.status[i]); }
  bool client() const { return has_flag(people, i, population::kClient); }
  int weeks_as_client() const { return week - people.client_since[i]; }
};

/// Every module's settings start with these two keys.
struct ModuleSchedule {
  bool enabled = false;           // named in a design: on
  std::optional<Date> from;       // in force from this day; none: whenever the design is
};

/// Every module's plan: in force from its first week.
struct ModuleInForce {
  bool enabled = false;
  int first_week = 0;
  Cents cost_per_event = 0;
  bool in_force(int week) const { return enabled && week >= first_week; }
};

/// The schedule's keys, then the module's own.
template <class Spec>
std::vector<scenario::Field<Spec>> schedule_fields(std::initializer_list<scenario::Field<Spec>> own) {
  std::vector<scenario::Field<Spec>> fields{
      scenario::flag_field<Spec>("enabled", &Spec::enabled,
                                 "named in the design: on; `false` switches off one named by a parent"),
      scenario::date_field<Spec>("from", &Spec::from,
                                 "the service starts on this day (the design's services change by date)"),
  };
  fields.insert(fields.end(), own);
  return fields;
}

/// The week a module comes into force in a run (0 when `from` is before the run or absent).
inline ModuleInForce in_force_from(const ModuleSchedule& spec, const Calendar& calendar, double cost_eur_per_event) {
  ModuleInForce plan;
  plan.enabled = spec.enabled;
  plan.first_week = spec.from ? std::max(0, calendar.week_of(*spec.from)) : 0;
  plan.cost_per_event = spec.enabled ? cents_from_eur(cost_eur_per_event) : 0;  // none held: the TE office funds none
  return plan;
}

}  // namespace kokeilu::services
