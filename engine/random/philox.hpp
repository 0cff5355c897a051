#pragma once
// Counter-based random numbers: Philox4x32-10 (Random123) keyed by the run seed and counted by
// (agent, week, purpose, stream). A draw depends on nothing but those five numbers, so results
// do not depend on thread count or on evaluation order, and a person's luck for a purpose in a
// week is the same in every arm of a comparison (common random numbers). Replications use
// different `stream`s.
#include <Random123/philox.h>

#include <array>
#include <cstdint>

namespace kokeilu::random {

/// What a block of four 32-bit words is used for. Never reuse a purpose for two meanings.
enum class Purpose : std::uint32_t {
  population = 1,      // synthetic population generation (week = draw block index)
  transition = 2,      // weekly status transitions
  service = 3,         // reserved
  assessment = 4,      // does an assessment reveal the barrier
  referral = 5,        // referral to a service, and to which
  completion = 6,      // where a service participant goes at the end
  barrier = 7,         // a barrier falls away during rehabilitative work
  admission = 8,       // length of a placement, sector of a subsidised job
  parameters = 9,      // a comparison's parameter draws (agent = parameter, stream = replication)
  sweep_sample = 16,   // a sweep's Latin hypercube (agent = axis, week = point)
  test = 0xFFFFFFFFu,  // reserved for tests
};

using Block = std::array<std::uint32_t, 4>;

/// Four independent uniform 32-bit words for (seed, agent, week, purpose, stream).
inline Block philox_block(std::uint64_t seed, std::uint32_t agent, std::uint32_t week,
                          Purpose purpose, std::uint32_t stream) {
  r123::Philox4x32 generator;
  const r123::Philox4x32::key_type key = {
      {static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32)}};
  const r123::Philox4x32::ctr_type counter = {
      {agent, week, static_cast<std::uint32_t>(purpose), stream}};
  const auto r = generator(counter, key);
  return {r.v[0], r.v[1], r.v[2], r.v[3]};
}

/// Persons per batch of DensePersonWords: eight Philox blocks.
inline constexpr std::uint32_t kDenseBatchPersons = 32;

/// The eight blocks of agents first_agent .. first_agent + 7 (agent numbers wrap as uint32):
/// out[4 * j + w] is word w of philox_block(seed, first_agent + j, week, purpose, stream).
/// With AVX2 where the CPU has it (eight counters per vector), else philox_block eight times;
/// the words are the same either way (integer arithmetic only).
void philox_blocks8(std::uint64_t seed, std::uint32_t first_agent, std::uint32_t week, Purpose purpose,
                    std::uint32_t stream, std::uint32_t* out);
/// The portable path of philox_blocks8 (tests compare the two).
void philox_blocks8_portable(std::uint64_t seed, std::uint32_t first_agent, std::uint32_t week, Purpose purpose,
                             std::uint32_t stream, std::uint32_t* out);
/// Whether philox_blocks8 takes the AVX2 path on this CPU.
bool philox_blocks8_vectorised();

/// One uniform word per person for a purpose in a week, four persons sharing a Philox block:
/// person i gets word i % 4 of the block counted by (i / 4, week, purpose, stream). The word
/// depends only on (seed, person, week, purpose, stream); the cache of kBlocks blocks (4 x kBlocks
/// persons) only saves work when persons are visited in order.
template <std::uint32_t kBlocks>
class CachedPersonWords {
 public:
  static constexpr std::uint32_t kPersons = 4 * kBlocks;
  CachedPersonWords(std::uint64_t seed, std::uint32_t week, Purpose purpose, std::uint32_t stream)
      : seed_(seed), week_(week), purpose_(purpose), stream_(stream) {}
  std::uint32_t operator()(std::uint32_t person) {
    const std::uint32_t batch = person / kPersons;
    if (batch != cached_batch_ || !cached_) {
      // Batch b holds the groups (blocks) kBlocks * b .. kBlocks * b + kBlocks - 1.
      if constexpr (kBlocks == 1) words_ = philox_block(seed_, batch, week_, purpose_, stream_);
      else philox_blocks8(seed_, batch * kBlocks, week_, purpose_, stream_, words_.data());
      cached_batch_ = batch;
      cached_ = true;
    }
    return words_[person % kPersons];
  }
  /// The words of person's batch: word j is that of person kPersons * (person / kPersons) + j.
  const std::uint32_t* batch_of(std::uint32_t person) {
    (void)(*this)(person);
    return words_.data();
  }

 private:
  static_assert(kBlocks == 1 || kBlocks == kDenseBatchPersons / 4, "one block, or philox_blocks8's eight");
  std::uint64_t seed_;
  std::uint32_t week_;
  Purpose purpose_;
  std::uint32_t stream_;
  std::uint32_t cached_batch_ = 0;
  bool cached_ = false;
  std::array<std::uint32_t, kPersons> words_{};
};

/// Words of a purpose drawn for some persons (services' draws): one block at a time.
using PersonWords = CachedPersonWords<1>;
/// Words of a purpose every person uses, visited in order (the weekly transition): 32 persons at a
/// time (philox_blocks8), about a third of the cost of eight single blocks. The same words as
/// PersonWords for every person.
using DensePersonWords = CachedPersonWords<kDenseBatchPersons / 4>;

}  // namespace kokeilu::random
