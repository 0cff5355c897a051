#pragma once
// The weekly counters of the step, each declared once, here: its name, its category axis, its
// unit, where it is reported and what it means. Everything else follows from this list: the
// fields of services::ServiceTotals and sim::MunicipalityTotals (one municipality, part of a
// week), of sim::WeekTotals (the week, all municipalities), their reset, addition, merging
// across chunks and equality, the /weekly datasets of a run file with their attributes, and a
// test that holds docs/hdf5-schema.md to the list. A new counter is one line below.
#include <array>
#include <cstdint>
#include <span>
#include <string_view>
#include <type_traits>

#include "core/vocabulary.hpp"
#include "scenario/spec.hpp"
#include "services/codes.hpp"
#include "services/module_fold.hpp"

namespace kokeilu::services {

/// How a counter is reported.
enum class CounterScope {
  municipality,  // by municipality: [m * extent + k] in a week's totals, [W, M, axis] in the file
  region,        // summed over the region: [k] in a week's totals, [W, axis] in the file
  internal,      // kept for the step itself (the pooled places of admission), never reported
};

// X(group, name, extent, axis, unit, scope, meaning)
//   group:  step (sim::MunicipalityTotals) or services (services::ServiceTotals, its `services`)
//   extent: 0 for one number per municipality, else the length of the category axis `axis`
//   unit:   "cents" is money: kept as integer cents, written as float64 EUR as <name>_eur
//   meaning: the text of docs/hdf5-schema.md (a test compares them)
// Status counts are taken at the end of the week; flows and money are for the week.
#define KOKEILU_WEEK_COUNTERS(X)                                                                                    \
  X(step, status_counts, kStatusCount, "status", "persons", municipality,                                        \
    "persons in the population by status at the end of the week")                                                 \
  X(step, long_term_unemployed, 0, "", "persons", municipality, "unemployed 52+ weeks without a break")             \
  X(step, benefit_days, kBenefitCount, "benefit", "days", municipality, "benefit days paid in the week, by benefit") \
  X(step, copayment, 0, "", "cents", municipality, "the municipality's share of the labour market subsidy (EUR)")   \
  X(step, cost, kPayerCount, "payer", "cents", municipality, "benefits and services by payer (EUR)")                 \
  X(step, unemployed_at_risk, scenario::kDurationBracketCount, "bracket", "persons", region,                      \
    "whole region: unemployed at the start of the week, by spell bracket")                                         \
  X(step, found_job, scenario::kDurationBracketCount, "bracket", "persons", region,                               \
    "of those, found an open job during the week (the calibration statistic)")                                     \
  X(step, entered_service, scenario::kDurationBracketCount, "bracket", "persons", region,                          \
    "of those, admitted to a placed service during the week, by the spell bracket at its start")                   \
  X(step, unemployed_spell_weeks, 0, "", "weeks", region,                                                          \
    "whole region: spell weeks so far of the unemployed at the start of the week, summed (their mean spell)")      \
  X(services, clients, 0, "", "persons", municipality,                                                            \
    "clients of either organiser (unemployed or in a service: a relation ends when the person leaves both)")       \
  X(services, coached, 0, "", "persons", municipality, "in a coaching relation")                                  \
  X(services, active_clients, 0, "", "persons", internal,                                                         \
    "clients unemployed or in a service at the end of the week, of either organiser")                             \
  X(services, pilot_active_clients, 0, "", "persons", internal,                                                   \
    "of them, the pilot's: their share sizes what its design adds to (or takes from) the shared places")           \
  X(services, assessments, 0, "", "assessments", municipality, "service-needs assessments made in the week")      \
  X(services, referrals, scenario::kServiceCount, "service", "persons", municipality,                             \
    "persons who joined a service's queue")                                                                        \
  X(services, service_starts, scenario::kServiceCount, "service", "persons", municipality,                        \
    "persons admitted to a service")                                                                               \
  X(services, wait_weeks, scenario::kServiceCount, "service", "weeks", municipality,                              \
    "weeks waited, summed over those admitted (divide by `service_starts` for the mean wait)")                     \
  X(services, waiting, scenario::kServiceCount, "service", "persons", municipality,                               \
    "persons in a service's queue at the end of the week")                                                         \
  X(services, rehabilitative_exits, kRehabilitativeExitCount, "exit", "persons", municipality,                    \
    "ends of rehabilitative work activity by where the person went")                                               \
  X(services, subsidised_by_sector, scenario::kSectorCount, "sector", "persons", municipality,                    \
    "persons in pay-subsidised work by employer sector")                                                           \
  X(services, pilot_service_starts, scenario::kServiceCount, "service", "persons", municipality,                  \
    "of `service_starts`, the pilot's clients (the TE office's are the rest)")                                     \
  X(services, pilot_entries, 0, "", "persons", municipality,                                                      \
    "persons who became clients of the pilot in the week: its stock in its first week, then its inflow")           \
  X(services, module_events, static_cast<int>(kModuleCount), "module", "events", municipality,                    \
    "events of each service module (services/modules.hpp) in the week: assessment counts assessments (as "         \
    "`assessments`), job_search_meetings meetings, coach meetings (the first on admission); each costs its "     \
    "organiser the module's cost per event (a coach's meetings none: coaches are paid by the week)")          \
  X(services, ever_pilot_clients, kStatusCount, "status", "persons", municipality,                                \
    "everyone who has been a client of the pilot so far, by status at the end of the week (status shares of the " \
    "pilot's clients, as an evaluation follows them)")

/// One counter's declaration, as data.
struct CounterInfo {
  std::string_view name;
  int extent;             // 0: one number per municipality
  std::string_view axis;  // the category axis, "" when extent is 0
  std::string_view unit;
  CounterScope scope;
  std::string_view meaning;

  int width() const { return extent == 0 ? 1 : extent; }  // numbers per municipality
  bool money() const { return unit == "cents"; }
  bool reported() const { return scope != CounterScope::internal; }
};

#define KOKEILU_COUNTER_INFO(group, name, extent, axis, unit, scope, meaning) \
  CounterInfo{#name, extent, axis, unit, CounterScope::scope, meaning},
inline constexpr std::array kWeekCounters{KOKEILU_WEEK_COUNTERS(KOKEILU_COUNTER_INFO)};
#undef KOKEILU_COUNTER_INFO
inline constexpr std::size_t kWeekCounterCount = kWeekCounters.size();

/// The storage of a counter for one municipality: a number, or one per category.
template <int Extent>
using CounterValue = std::conditional_t<Extent == 0, std::int64_t, std::array<std::int64_t, static_cast<std::size_t>(Extent)>>;

inline std::span<std::int64_t> counter_values(std::int64_t& value) { return {&value, 1}; }
inline std::span<const std::int64_t> counter_values(const std::int64_t& value) { return {&value, 1}; }
template <std::size_t N>
std::span<std::int64_t> counter_values(std::array<std::int64_t, N>& values) { return values; }
template <std::size_t N>
std::span<const std::int64_t> counter_values(const std::array<std::int64_t, N>& values) { return values; }

#define KOKEILU_COUNTER_FIELD(name, extent) ::kokeilu::services::CounterValue<extent> name{};
#define KOKEILU_SERVICES_FIELD_services(name, extent) KOKEILU_COUNTER_FIELD(name, extent)
#define KOKEILU_SERVICES_FIELD_step(name, extent)
#define KOKEILU_SERVICES_FIELD(group, name, extent, axis, unit, scope, meaning) KOKEILU_SERVICES_FIELD_##group(name, extent)

/// The service counters of one municipality for part of a week (a chunk, or all of it).
struct ServiceTotals {
  KOKEILU_WEEK_COUNTERS(KOKEILU_SERVICES_FIELD)
};

#undef KOKEILU_SERVICES_FIELD
#undef KOKEILU_SERVICES_FIELD_step
#undef KOKEILU_SERVICES_FIELD_services

}  // namespace kokeilu::services
