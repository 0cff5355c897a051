#include "sim/quiet_batch.hpp"

#include <algorithm>
#include <bit>

#include "core/vocabulary.hpp"
#include "population/people.hpp"
#include "scenario/spec.hpp"
#include "sim/hazard_tables.hpp"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define KOKEILU_QUIET_AVX2 1
#endif

namespace kokeilu::sim {

namespace {
constexpr auto kEmployed = static_cast<std::uint8_t>(Status::employed);
constexpr auto kInactive = static_cast<std::uint8_t>(Status::inactive);
}  // namespace

QuietAgeGroups quiet_age_groups(int retirement_age_years) {
  QuietAgeGroups table{};
  for (int age = 0; age < static_cast<int>(table.size()); ++age)
    table[static_cast<std::size_t>(age)] =
        static_cast<std::uint8_t>(age >= retirement_age_years ? kQuietRetiring : age_group(age));
  return table;
}

std::uint32_t quiet_batch_scalar(const QuietBatchInput& in, std::size_t first, std::size_t last,
                                 const std::uint32_t* word, std::uint8_t* status_out, QuietCounts& counts) {
  // Locals, not members: a store through status_out (uint8_t) could otherwise alias them.
  const std::uint8_t* status = in.status;
  const std::uint8_t* client_flags = in.client_flags;
  const std::uint16_t* birth_year = in.birth_year;
  const std::uint8_t* female = in.female;
  const std::uint8_t* education = in.education;
  const std::uint8_t* foreign_language = in.foreign_language;
  const std::uint8_t* barrier = in.barrier;
  std::uint16_t* spell_weeks = in.spell_weeks;
  std::uint16_t* work_weeks_since_claim = in.work_weeks_since_claim;
  std::uint16_t* work_history_weeks = in.work_history_weeks;
  const std::uint64_t* leaving = in.leaving;
  const int year = in.year;
  const int retirement_age = in.retirement_age_years;
  const std::uint8_t* group_of_age = in.group_of_age;
  std::int64_t quiet[2] = {0, 0}, ever_pilot_clients[2] = {0, 0};
  std::uint32_t loud = 0;
  for (std::size_t i = first; i < last; ++i) {
    const std::uint32_t bit = std::uint32_t{1} << (i - first);
    const std::uint8_t code = status[i];
    const std::uint8_t flags = client_flags[i];
    const int signed_age = year - birth_year[i];
    const auto age = static_cast<std::size_t>(signed_age);  // a negative age wraps: past the table
    if ((code != kEmployed && code != kInactive) || (flags & population::kClient) != 0 || age >= kQuietAgeTableSize ||
        group_of_age[age] == kQuietRetiring) {
      if (code == kOutsidePopulation && (signed_age < kEntryAgeYears || signed_age >= retirement_age)) {
        status_out[i] = kOutsidePopulation;  // advance_person's first test: stays outside
      } else {
        loud |= bit;
      }
      continue;
    }
    const bool employed = code == kEmployed;
    const int bracket = duration_bracket(spell_weeks[i]);
    const int cell = covariate_cell(group_of_age[age], female[i], education[i], foreign_language[i], barrier[i]);
    // uniform01(word) < leave_probability, decided on the word (words_below: the same bits).
    const auto exit = employed ? TabulatedExit::employed : TabulatedExit::inactive;
    if (word[i - first] < leaving[HazardTables::exit_cell_bracket(exit, cell, bracket)]) {
      loud |= bit;
      continue;
    }
    if (employed) {
      work_weeks_since_claim[i] = population::saturating_add(work_weeks_since_claim[i], 1);
      work_history_weeks[i] = population::saturating_add(work_history_weeks[i], 1);
    }
    spell_weeks[i] = population::saturating_add(spell_weeks[i], 1);
    const int k = employed ? 0 : 1;
    quiet[k] += 1;
    if ((flags & population::kEverPilotClient) != 0) ever_pilot_clients[k] += 1;
    status_out[i] = code;
  }
  counts.employed += quiet[0];
  counts.inactive += quiet[1];
  counts.employed_ever_pilot_clients += ever_pilot_clients[0];
  counts.inactive_ever_pilot_clients += ever_pilot_clients[1];
  return loud;
}

#ifdef KOKEILU_QUIET_AVX2
namespace {

// The arithmetic below is covariate_cell's and duration_bracket's; the test compares the results.
static_assert(kAgeGroupCount == 5 && kCellCount == 5 * 2 * 3 * 2 * 2);
static_assert(scenario::kDurationBracketCount == 7);

bool cpu_has_avx2() {
  __builtin_cpu_init();  // may run before the constructors that would call it
  return __builtin_cpu_supports("avx2") != 0;
}
const bool kHasAvx2 = cpu_has_avx2();

/// Eight bytes from p, each in a 32-bit lane.
__attribute__((target("avx2"))) inline __m256i bytes8(const std::uint8_t* p) {
  return _mm256_cvtepu8_epi32(_mm_loadl_epi64(reinterpret_cast<const __m128i*>(p)));
}
/// Eight 16-bit values from p, each in a 32-bit lane.
__attribute__((target("avx2"))) inline __m256i halves8(const std::uint16_t* p) {
  return _mm256_cvtepu16_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p)));
}
/// The number of thresholds t with x > t, for masks of -1: 0 - (sum of the masks).
__attribute__((target("avx2"))) inline __m256i count_above(__m256i x, std::initializer_list<int> thresholds) {
  __m256i sum = _mm256_setzero_si256();
  for (const int t : thresholds) sum = _mm256_add_epi32(sum, _mm256_cmpgt_epi32(x, _mm256_set1_epi32(t)));
  return _mm256_sub_epi32(_mm256_setzero_si256(), sum);
}
/// Bit j of a mask of 16-bit lanes: lane j is 1 when bit j of `bits` is set, else 0.
__attribute__((target("avx2"))) inline __m256i ones_where(std::uint32_t bits) {
  const __m256i lane_bit = _mm256_setr_epi16(1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384,
                                             static_cast<short>(0x8000));
  const __m256i set = _mm256_cmpeq_epi16(_mm256_and_si256(_mm256_set1_epi16(static_cast<short>(bits)), lane_bit), lane_bit);
  return _mm256_srli_epi16(set, 15);
}
/// values[0..15] += increments (saturating at 0xFFFF: population::saturating_add).
__attribute__((target("avx2"))) inline void add_saturating16(std::uint16_t* values, __m256i increments) {
  auto* p = reinterpret_cast<__m256i*>(values);
  _mm256_storeu_si256(p, _mm256_adds_epu16(_mm256_loadu_si256(p), increments));
}

/// The top bits of eight 32-bit lanes (masks of -1 or 0) as bits 0..7.
__attribute__((target("avx2"))) inline std::uint32_t bits(__m256i mask) {
  return static_cast<std::uint32_t>(_mm256_movemask_ps(_mm256_castsi256_ps(mask)));
}

/// Masks of eight persons (bit j: person o + j).
struct Lanes8 {
  std::uint32_t quiet, outside, employed, ever;
};

__attribute__((target("avx2"))) inline Lanes8 decide8(const QuietBatchInput& in, std::size_t i,
                                                      const std::uint32_t* word) {
  const __m256i one = _mm256_set1_epi32(1);
  const __m256i code = bytes8(in.status + i);
  const __m256i flags = bytes8(in.client_flags + i);
  // The age as the scalar loop takes it: year - birth year, wrapping when negative.
  const __m256i age = _mm256_sub_epi32(_mm256_set1_epi32(in.year), halves8(in.birth_year + i));
  const __m256i employed = _mm256_cmpeq_epi32(code, _mm256_set1_epi32(kEmployed));
  const __m256i inactive = _mm256_cmpeq_epi32(code, _mm256_set1_epi32(kInactive));
  const __m256i client =
      _mm256_cmpeq_epi32(_mm256_and_si256(flags, _mm256_set1_epi32(population::kClient)), _mm256_set1_epi32(population::kClient));
  // The scalar loop's age rule: loud at or past the retirement age or the table's end, and at a
  // negative age (as unsigned, large).
  const __m256i loud_age =
      _mm256_set1_epi32(std::clamp(in.retirement_age_years, 0, static_cast<int>(kQuietAgeTableSize)));
  const __m256i too_old = _mm256_cmpeq_epi32(_mm256_max_epu32(age, loud_age), age);  // age >= loud_age, unsigned
  const __m256i candidate = _mm256_andnot_si256(_mm256_or_si256(client, too_old), _mm256_or_si256(employed, inactive));
  // covariate_cell(age_group(age), female, education, foreign_language, barrier); a candidate's
  // age is in [0, 128), so the signed compares give age_group.
  const __m256i group = count_above(age, {24, 29, 49, 54});
  const __m256i female = _mm256_min_epu32(bytes8(in.female + i), one);  // as bool
  const __m256i education = bytes8(in.education + i);
  const __m256i foreign = _mm256_min_epu32(bytes8(in.foreign_language + i), one);
  const __m256i barrier = _mm256_min_epu32(bytes8(in.barrier + i), one);
  __m256i cell = _mm256_add_epi32(_mm256_slli_epi32(group, 1), female);
  cell = _mm256_add_epi32(_mm256_add_epi32(_mm256_slli_epi32(cell, 1), cell), education);  // * 3 + education
  cell = _mm256_add_epi32(_mm256_slli_epi32(cell, 1), foreign);
  cell = _mm256_add_epi32(_mm256_slli_epi32(cell, 1), barrier);
  // duration_bracket(spell): how many bracket starts after the first the spell has reached.
  const auto& starts = scenario::kDurationBracketStartWeeks;
  const __m256i bracket = count_above(halves8(in.spell_weeks + i),
                                      {starts[1] - 1, starts[2] - 1, starts[3] - 1, starts[4] - 1, starts[5] - 1, starts[6] - 1});
  // exit_cell_bracket: the inactive's exit when not employed; a loud person reads entry 0.
  __m256i index = _mm256_add_epi32(_mm256_sub_epi32(_mm256_slli_epi32(cell, 3), cell), bracket);  // cell * 7 + bracket
  index = _mm256_add_epi32(index, _mm256_andnot_si256(employed, _mm256_set1_epi32(static_cast<int>(HazardTables::kExitStride))));
  index = _mm256_and_si256(index, candidate);
  const auto* bounds = reinterpret_cast<const long long*>(in.leaving);
  const __m256i bound_low = _mm256_i32gather_epi64(bounds, _mm256_castsi256_si128(index), 8);
  const __m256i bound_high = _mm256_i32gather_epi64(bounds, _mm256_extracti128_si256(index, 1), 8);
  const __m128i words = _mm_loadu_si128(reinterpret_cast<const __m128i*>(word));
  const __m128i words_high = _mm_loadu_si128(reinterpret_cast<const __m128i*>(word + 4));
  // word < bound: both in [0, 2^32], so the signed 64-bit compare is exact.
  const __m256i leave_low = _mm256_cmpgt_epi64(bound_low, _mm256_cvtepu32_epi64(words));
  const __m256i leave_high = _mm256_cmpgt_epi64(bound_high, _mm256_cvtepu32_epi64(words_high));
  const auto leave = static_cast<std::uint32_t>(_mm256_movemask_pd(_mm256_castsi256_pd(leave_low)) |
                                                (_mm256_movemask_pd(_mm256_castsi256_pd(leave_high)) << 4));
  // advance_person's first test: outside the population, under 15 (or not born) or retired, stays out.
  const __m256i outside_age = _mm256_or_si256(_mm256_cmpgt_epi32(_mm256_set1_epi32(kEntryAgeYears), age),
                                              _mm256_xor_si256(_mm256_cmpgt_epi32(_mm256_set1_epi32(in.retirement_age_years), age),
                                                               _mm256_set1_epi32(-1)));
  const __m256i outside = _mm256_and_si256(_mm256_cmpeq_epi32(code, _mm256_set1_epi32(kOutsidePopulation)), outside_age);
  const __m256i ever = _mm256_cmpeq_epi32(_mm256_and_si256(flags, _mm256_set1_epi32(population::kEverPilotClient)),
                                          _mm256_set1_epi32(population::kEverPilotClient));
  return {bits(candidate) & ~leave, bits(outside), bits(employed), bits(ever)};
}

}  // namespace

bool quiet_batch_vectorised() { return kHasAvx2; }

__attribute__((target("avx2"))) std::uint32_t quiet_batch_avx2(const QuietBatchInput& in, std::size_t first,
                                                               const std::uint32_t* word, std::uint8_t* status_out,
                                                               QuietCounts& counts) {
  std::uint32_t quiet = 0, outside = 0, employed = 0, ever = 0;
  for (std::size_t o = 0; o < kQuietLanesBatch; o += 8) {
    const Lanes8 lanes = decide8(in, first + o, word + o);
    quiet |= lanes.quiet << o;
    outside |= lanes.outside << o;
    employed |= lanes.employed << o;
    ever |= lanes.ever << o;
  }
  const std::uint32_t worked = quiet & employed;
  for (std::size_t o = 0; o < kQuietLanesBatch; o += 16) {
    const __m256i week = ones_where(quiet >> o);
    const __m256i work_week = ones_where(worked >> o);
    add_saturating16(in.spell_weeks + first + o, week);
    add_saturating16(in.work_weeks_since_claim + first + o, work_week);
    add_saturating16(in.work_history_weeks + first + o, work_week);
  }
  // Everyone's code as it was: right for the quiet and those who stay outside, overwritten for the loud.
  _mm256_storeu_si256(reinterpret_cast<__m256i*>(status_out + first),
                      _mm256_loadu_si256(reinterpret_cast<const __m256i*>(in.status + first)));
  const std::uint32_t idle = quiet & ~employed;
  counts.employed += std::popcount(worked);
  counts.inactive += std::popcount(idle);
  counts.employed_ever_pilot_clients += std::popcount(worked & ever);
  counts.inactive_ever_pilot_clients += std::popcount(idle & ever);
  return ~(quiet | outside);
}

#else

bool quiet_batch_vectorised() { return false; }

std::uint32_t quiet_batch_avx2(const QuietBatchInput&, std::size_t, const std::uint32_t*, std::uint8_t*, QuietCounts&) {
  return ~std::uint32_t{0};  // never called: quiet_batch_vectorised() is false
}

#endif

}  // namespace kokeilu::sim
