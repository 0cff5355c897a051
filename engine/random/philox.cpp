#include "random/philox.hpp"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define KOKEILU_PHILOX_AVX2 1
#endif

namespace kokeilu::random {

void philox_blocks8_portable(std::uint64_t seed, std::uint32_t first_agent, std::uint32_t week, Purpose purpose,
                             std::uint32_t stream, std::uint32_t* out) {
  for (std::uint32_t j = 0; j < 8; ++j) {
    const Block block = philox_block(seed, first_agent + j, week, purpose, stream);
    for (std::uint32_t w = 0; w < 4; ++w) out[4 * j + w] = block[w];
  }
}

#ifdef KOKEILU_PHILOX_AVX2
namespace {

/// Philox4x32-10 (Random123's philox4x32_R with its constants) on eight counters at once: lane j
/// holds counter (first_agent + j, week, purpose, stream). _mm256_mul_epu32 multiplies the even
/// 32-bit lanes into 64-bit products; the odd lanes are shifted down and multiplied the same way.
__attribute__((target("avx2"))) void philox_blocks8_avx2(std::uint64_t seed, std::uint32_t first_agent,
                                                        std::uint32_t week, Purpose purpose, std::uint32_t stream,
                                                        std::uint32_t* out) {
  __m256i c0 = _mm256_add_epi32(_mm256_set1_epi32(static_cast<int>(first_agent)),
                                _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
  __m256i c1 = _mm256_set1_epi32(static_cast<int>(week));
  __m256i c2 = _mm256_set1_epi32(static_cast<int>(static_cast<std::uint32_t>(purpose)));
  __m256i c3 = _mm256_set1_epi32(static_cast<int>(stream));
  auto k0 = static_cast<std::uint32_t>(seed);
  auto k1 = static_cast<std::uint32_t>(seed >> 32);
  const __m256i m0 = _mm256_set1_epi64x(PHILOX_M4x32_0);
  const __m256i m1 = _mm256_set1_epi64x(PHILOX_M4x32_1);
  for (int round = 0; round < 10; ++round) {
    if (round > 0) {
      k0 += PHILOX_W32_0;
      k1 += PHILOX_W32_1;
    }
    const __m256i p0_even = _mm256_mul_epu32(c0, m0);
    const __m256i p0_odd = _mm256_mul_epu32(_mm256_srli_epi64(c0, 32), m0);
    const __m256i p1_even = _mm256_mul_epu32(c2, m1);
    const __m256i p1_odd = _mm256_mul_epu32(_mm256_srli_epi64(c2, 32), m1);
    const __m256i lo0 = _mm256_blend_epi32(p0_even, _mm256_slli_epi64(p0_odd, 32), 0xAA);
    const __m256i hi0 = _mm256_blend_epi32(_mm256_srli_epi64(p0_even, 32), p0_odd, 0xAA);
    const __m256i lo1 = _mm256_blend_epi32(p1_even, _mm256_slli_epi64(p1_odd, 32), 0xAA);
    const __m256i hi1 = _mm256_blend_epi32(_mm256_srli_epi64(p1_even, 32), p1_odd, 0xAA);
    const __m256i next0 = _mm256_xor_si256(_mm256_xor_si256(hi1, c1), _mm256_set1_epi32(static_cast<int>(k0)));
    const __m256i next2 = _mm256_xor_si256(_mm256_xor_si256(hi0, c3), _mm256_set1_epi32(static_cast<int>(k1)));
    c0 = next0;
    c1 = lo1;
    c2 = next2;
    c3 = lo0;
  }
  alignas(32) std::uint32_t words[4][8];
  _mm256_store_si256(reinterpret_cast<__m256i*>(words[0]), c0);
  _mm256_store_si256(reinterpret_cast<__m256i*>(words[1]), c1);
  _mm256_store_si256(reinterpret_cast<__m256i*>(words[2]), c2);
  _mm256_store_si256(reinterpret_cast<__m256i*>(words[3]), c3);
  for (int j = 0; j < 8; ++j)
    for (int w = 0; w < 4; ++w) out[4 * j + w] = words[w][j];
}

bool cpu_has_avx2() {
  __builtin_cpu_init();  // may run before the constructors that would call it
  return __builtin_cpu_supports("avx2") != 0;
}
// Read once; a philox_blocks8 called before this is set takes the portable path (same words).
const bool kHasAvx2 = cpu_has_avx2();

}  // namespace
#endif

bool philox_blocks8_vectorised() {
#ifdef KOKEILU_PHILOX_AVX2
  return kHasAvx2;
#else
  return false;
#endif
}

void philox_blocks8(std::uint64_t seed, std::uint32_t first_agent, std::uint32_t week, Purpose purpose,
                    std::uint32_t stream, std::uint32_t* out) {
#ifdef KOKEILU_PHILOX_AVX2
  if (kHasAvx2) return philox_blocks8_avx2(seed, first_agent, week, purpose, stream, out);
#endif
  philox_blocks8_portable(seed, first_agent, week, purpose, stream, out);
}

}  // namespace kokeilu::random
