#pragma once
// The agents: one column per attribute (structure of arrays). Person i is index i of every
// column. Persons are ordered by municipality, and municipalities by labour-market area, so an
// area is one contiguous index range: per-area sums need no scatter.
#include <cstdint>
#include <type_traits>
#include <utility>
#include <vector>

#include "core/vocabulary.hpp"

namespace kokeilu::population {

struct People {
  // ---- static: fixed for the whole run ----
  std::vector<MunicipalityIndex> municipality;  // index into ScenarioSpec::municipalities
  std::vector<std::uint16_t> birth_year;
  std::vector<std::uint8_t> female;             // 0/1
  std::vector<std::uint8_t> education;          // Education code
  std::vector<std::uint8_t> foreign_language;   // 0/1: foreign-language speaker
  std::vector<std::uint8_t> barrier;            // 0/1: health or life-management barrier
  std::vector<std::uint8_t> fund_member;        // 0/1: member of an unemployment fund

  // ---- dynamic: updated every week ----
  std::vector<std::uint8_t> status;             // Status code
  std::vector<std::uint16_t> spell_weeks;       // weeks in the current status (saturates)
  std::vector<std::uint16_t> jobless_weeks;     // weeks of the current jobless episode: see below
  std::vector<std::uint8_t> benefit;            // Benefit code being paid or last paid
  std::vector<std::uint16_t> earnings_related_days;  // days used of the current entitlement
  std::vector<std::uint16_t> subsidy_days;      // labour-market-subsidy days paid on grounds of
                                                // unemployment (the co-payment counter)
  std::vector<std::uint16_t> work_weeks_since_claim;  // towards the employment condition
  std::vector<std::uint16_t> work_history_weeks;      // whole working life (saturates)
  std::vector<float> employability;             // multiplier on search effort, 1 = average

  // ---- services and pilot clients ----
  std::vector<std::uint8_t> client_flags;       // ClientFlag bits
  std::vector<std::uint16_t> client_since;      // week the person became a client
  std::vector<std::uint16_t> service_weeks_left;  // weeks left in the service held as status
  std::vector<std::uint8_t> sector;             // Sector of a pay-subsidised job
  std::vector<std::uint8_t> subsidy_percent;    // pay subsidy, % of the pay cost
  std::vector<std::uint16_t> coach_weeks_left;  // weeks left of a coaching relation (0: none)
  std::vector<std::uint8_t> weeks_since_meeting;  // since the last coach meeting (saturates)
  std::vector<std::uint8_t> waiting_for;        // Service code + 1 of the queue joined; 0: none
  std::vector<std::uint16_t> waiting_since;     // week the person joined that queue

  std::size_t size() const { return status.size(); }

  void resize(std::size_t n) {
    for_each_column([n](auto& column) { column.resize(n); });
  }

  /// Applies f to every column (resize, equality, byte counts, HDF5 output).
  /// Applies f(name, column) to every column: the names are those of the HDF5 output.
  template <class F>
  void for_each_named_column(F&& f) {
    f("municipality", municipality); f("birth_year", birth_year); f("female", female);
    f("education", education); f("foreign_language", foreign_language); f("barrier", barrier);
    f("fund_member", fund_member); f("status", status); f("spell_weeks", spell_weeks);
    f("jobless_weeks", jobless_weeks);
    f("benefit", benefit); f("earnings_related_days", earnings_related_days);
    f("subsidy_days", subsidy_days); f("work_weeks_since_claim", work_weeks_since_claim);
    f("work_history_weeks", work_history_weeks); f("employability", employability);
    f("client_flags", client_flags); f("client_since", client_since);
    f("service_weeks_left", service_weeks_left); f("sector", sector);
    f("subsidy_percent", subsidy_percent);
    f("coach_weeks_left", coach_weeks_left); f("weeks_since_meeting", weeks_since_meeting);
    f("waiting_for", waiting_for); f("waiting_since", waiting_since);
  }
  template <class F>
  void for_each_named_column(F&& f) const {
    const_cast<People*>(this)->for_each_named_column(
        [&f](const char* name, auto& column) { f(name, std::as_const(column)); });
  }
  template <class F>
  void for_each_column(F&& f) {
    for_each_named_column([&f](const char*, auto& column) { f(column); });
  }
  template <class F>
  void for_each_column(F&& f) const {
    for_each_named_column([&f](const char*, const auto& column) { f(column); });
  }

  /// Bytes of simulation state per person (the sum of the column element sizes).
  static std::size_t bytes_per_person() {
    std::size_t bytes = 0;
    People empty;
    empty.for_each_column([&bytes](const auto& column) { bytes += sizeof(typename std::decay_t<decltype(column)>::value_type); });
    return bytes;
  }
};

/// The jobseeker's episode (People::jobless_weeks): unemployment and the services entered from
/// it (training, rehabilitative work activity, work trial, pay-subsidised work) are one episode,
/// as they are for the person; it ends with an open job or with leaving the labour force. The
/// register starts a new unemployment spell after every service (`spell_weeks`, which the
/// statistics read: long-term unemployment, the spell brackets of the 2015 table), but a
/// jobseeker's chances do not start afresh when a course ends. Search effort's duration
/// dependence reads `jobless_weeks`: the weeks spent unemployed in the episode. A service
/// pauses it (time in a course, in activity or in subsidised work is not idle time), and does
/// not restart it: a restart credited every service with the steep fall of the hazard over a
/// spell (one extra start in rehabilitative work measured +12 pp of employment in its third
/// year that way, against about 0 in the literature). What a service does for the person's
/// chances is its own parameters' (training's gain, pay subsidy's open job after it by sector).
/// Unchanged in an open job and out of the labour force: it restarts at 0 with the next episode.
inline bool in_jobseeker_episode(Status status) {
  return status != Status::employed && status != Status::inactive;
}

/// Bits of People::client_flags.
enum ClientFlag : std::uint8_t {
  kClient = 1,          // a client of the design in force
  kAssessed = 2,        // service needs assessed
  kBarrierKnown = 4,    // a barrier was revealed (by assessment)
  kQualified = 8,       // completed training with a qualification
  kPilotClient = 16,    // a client of the pilot (the pilot's organiser serves them)
  kEverPilotClient = 32,  // has been a client of the pilot at some time (never cleared)
};

/// Saturating increment for the 16-bit counters: long lives must not wrap around to zero.
inline std::uint16_t saturating_add(std::uint16_t value, int increment) {
  const int sum = value + increment;
  return static_cast<std::uint16_t>(sum > 0xFFFF ? 0xFFFF : sum);
}

}  // namespace kokeilu::population
