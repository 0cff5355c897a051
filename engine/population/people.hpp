#pragma once
// The agents: one column per attribute (structure of arrays). Person i is index i of every
// column. Persons are ordered by municipality, and municipalities by labour-market area, so an
// area is one contiguous index range: per-area sums need no scatter.
#include <cstdint>
#include <utility>
#include <vector>

#include "core/vocabulary.hpp"

namespace kokeilu::population {

struct People {
  // ---- static: fixed for the whole run ----
  std::vector<std::uint8_t> municipality;       // index into ScenarioSpec::municipalities
  std::vector<std::uint16_t> birth_year;
  std::vector<std::uint8_t> female;             // 0/1
  std::vector<std::uint8_t> education;          // Education code
  std::vector<std::uint8_t> foreign_language;   // 0/1: foreign-language speaker
  std::vector<std::uint8_t> barrier;            // 0/1: health or life-management barrier
  std::vector<std::uint8_t> fund_member;        // 0/1: member of an unemployment fund

  // ---- dynamic: updated every week ----
  std::vector<std::uint8_t> status;             // Status code
  std::vector<std::uint16_t> spell_weeks;       // weeks in the current status (saturates)
  std::vector<std::uint8_t> benefit;            // Benefit code being paid or last paid
  std::vector<std::uint16_t> earnings_related_days;  // days used of the current entitlement
  std::vector<std::uint16_t> subsidy_days;      // labour-market-subsidy days paid on grounds of
                                                // unemployment (the co-payment counter)
  std::vector<std::uint16_t> work_weeks_since_claim;  // towards the employment condition
  std::vector<std::uint16_t> work_history_weeks;      // whole working life (saturates)
  std::vector<float> employability;             // multiplier on search effort, 1 = average

  std::size_t size() const { return status.size(); }

  void resize(std::size_t n) {
    for_each_column([n](auto& column) { column.resize(n); });
  }

  /// Applies f to every column (resize, equality, byte counts, HDF5 output).
  template <class F>
  void for_each_column(F&& f) {
    f(municipality); f(birth_year); f(female); f(education); f(foreign_language); f(barrier);
    f(fund_member); f(status); f(spell_weeks); f(benefit); f(earnings_related_days);
    f(subsidy_days); f(work_weeks_since_claim); f(work_history_weeks); f(employability);
  }
  template <class F>
  void for_each_column(F&& f) const {
    const_cast<People*>(this)->for_each_column([&f](auto& column) { f(std::as_const(column)); });
  }

  /// Bytes of simulation state per person (the sum of the column element sizes).
  static constexpr std::size_t bytes_per_person() {
    return 6 * sizeof(std::uint8_t) + sizeof(std::uint16_t)                 // static
           + 2 * sizeof(std::uint8_t) + 5 * sizeof(std::uint16_t) + sizeof(float);  // dynamic
  }
};

/// Saturating increment for the 16-bit counters: long lives must not wrap around to zero.
inline std::uint16_t saturating_add(std::uint16_t value, int increment) {
  const int sum = value + increment;
  return static_cast<std::uint16_t>(sum > 0xFFFF ? 0xFFFF : sum);
}

}  // namespace kokeilu::population
