#pragma once
// The quiet week of 32 persons at once in AVX2 lanes (QuietWeeks::batch's vectorised path).
//
// Why: the quiet week is most person-weeks (82 % at 10^6 persons), and its scalar loop cost
// about 82 instructions a person-week with ten column pointers, the week's constants and the
// table spilled around a branch that goes one way or the other at random (about one person in
// five is loud). Here the decisions of eight persons are made in one set of lanes without a
// branch, the table's bounds are gathered, and the updates of sixteen persons are saturating adds
// in 16-bit lanes; measured in docs/performance.md ("The quiet week in lanes").
//
// Exactly the scalar loop's decisions and updates (tests/unit/sim/test_quiet_batch.cpp compares
// both on random columns and edge values), so the results are the same bits; checked at run
// time, as Philox's batches are: a CPU without AVX2 takes the scalar loop.
#include <array>
#include <cstddef>
#include <cstdint>

namespace kokeilu::sim {

/// The scalar loop's table of age groups by age: ages past it take the general path.
inline constexpr std::size_t kQuietAgeTableSize = 128;
inline constexpr std::uint8_t kQuietRetiring = 0xFF;  // in the table: at or past the retirement age
using QuietAgeGroups = std::array<std::uint8_t, kQuietAgeTableSize>;
/// The table: age_group() by age, or kQuietRetiring at or past `retirement_age_years`.
QuietAgeGroups quiet_age_groups(int retirement_age_years);

/// What the quiet week reads and writes: the columns and the week's constants.
struct QuietBatchInput {
  const std::uint8_t* status;
  const std::uint8_t* client_flags;
  const std::uint16_t* birth_year;
  const std::uint8_t* female;
  const std::uint8_t* education;
  const std::uint8_t* foreign_language;
  const std::uint8_t* barrier;
  std::uint16_t* spell_weeks;
  std::uint16_t* work_weeks_since_claim;
  std::uint16_t* work_history_weeks;
  const std::uint64_t* leaving;  // words_below(leave_probability) by HazardTables::exit_cell_bracket
  std::int32_t year;
  std::int32_t retirement_age_years;
  /// quiet_age_groups(retirement_age_years): the scalar loop's form of the age rules.
  const std::uint8_t* group_of_age;
};

/// The quiet weeks counted, added to by each batch.
struct QuietCounts {
  std::int64_t employed = 0;
  std::int64_t inactive = 0;
  std::int64_t employed_ever_pilot_clients = 0;
  std::int64_t inactive_ever_pilot_clients = 0;
};

inline constexpr std::size_t kQuietLanesBatch = 32;

/// The persons first .. last - 1 (at most 32; word[j] is person first + j's transition word):
/// each one's quiet week, or its staying outside the population. Writes status_out and the
/// counters of those two kinds only. Returns the loud mask: bit j set when person first + j is
/// left for advance_person().
///
/// Holds the columns, the table and the week's constants in locals, so the compiler keeps them
/// in registers across the persons (a store through a uint8_t column may alias anything, and
/// otherwise each is reloaded from memory for every person).
std::uint32_t quiet_batch_scalar(const QuietBatchInput& in, std::size_t first, std::size_t last,
                                 const std::uint32_t* word, std::uint8_t* status_out, QuietCounts& counts);

/// True when this CPU runs quiet_batch_avx2 (read once, at start-up).
bool quiet_batch_vectorised();

/// The persons first .. first + 31 (first % 32 == 0; word[j] is person first + j's transition
/// word): each one's quiet week, or its staying outside the population, as QuietWeeks::batch
/// does. Writes status_out[first + j] for all 32 (a loud person's is then overwritten by the
/// caller) and the spell and work counters of all 32 (unchanged for a loud person). Returns the
/// loud mask: bit j set when person first + j is left for advance_person(). Only call it when
/// quiet_batch_vectorised().
std::uint32_t quiet_batch_avx2(const QuietBatchInput& in, std::size_t first, const std::uint32_t* word,
                               std::uint8_t* status_out, QuietCounts& counts);

}  // namespace kokeilu::sim
