#include <catch2/catch.hpp>

#include <array>
#include <cmath>
#include <vector>

#include "random/distributions.hpp"
#include "random/philox.hpp"

using namespace kokeilu::random;

TEST_CASE("Philox4x32-10 matches Random123's known-answer vectors", "[random]") {
  // From Random123's kat_vectors: philox4x32 10 rounds.
  r123::Philox4x32 philox;
  {
    const auto r = philox({{0, 0, 0, 0}}, {{0, 0}});
    CHECK(r.v[0] == 0x6627e8d5u);
    CHECK(r.v[1] == 0xe169c58du);
    CHECK(r.v[2] == 0xbc57ac4cu);
    CHECK(r.v[3] == 0x9b00dbd8u);
  }
  {
    const auto r = philox({{0x243f6a88u, 0x85a308d3u, 0x13198a2eu, 0x03707344u}}, {{0xa4093822u, 0x299f31d0u}});
    CHECK(r.v[0] == 0xd16cfe09u);
    CHECK(r.v[1] == 0x94fdccebu);
    CHECK(r.v[2] == 0x5001e420u);
    CHECK(r.v[3] == 0x24126ea1u);
  }
}

TEST_CASE("our key and counter layout: seed -> key, (agent, week, purpose, stream) -> counter", "[random]") {
  r123::Philox4x32 philox;
  const std::uint64_t seed = 0x299f31d0a4093822ULL;
  const auto expected = philox({{0x243f6a88u, 0x85a308d3u, 0x13198a2eu, 0x03707344u}}, {{0xa4093822u, 0x299f31d0u}});
  // Purpose is a closed enum, so build the same counter through a purpose value we own.
  const auto block = philox_block(seed, 0x243f6a88u, 0x85a308d3u, static_cast<Purpose>(0x13198a2eu), 0x03707344u);
  for (int k = 0; k < 4; ++k) CHECK(block[k] == expected.v[k]);
}

TEST_CASE("pinned draws: a change here changes every result of the engine", "[random]") {
  const auto block = philox_block(20120903, 7, 3, Purpose::transition, 0);
  CAPTURE(block[0], block[1], block[2], block[3]);
  const auto again = philox_block(20120903, 7, 3, Purpose::transition, 0);
  CHECK(block == again);
  CHECK(philox_block(20120903, 7, 3, Purpose::transition, 1) != block);  // other replication
  CHECK(philox_block(20120903, 8, 3, Purpose::transition, 0) != block);  // other person
  CHECK(philox_block(20120903, 7, 4, Purpose::transition, 0) != block);  // other week
  CHECK(philox_block(20120903, 7, 3, Purpose::service, 0) != block);     // other purpose
}

TEST_CASE("uniform01 maps words to the open unit interval exactly as documented", "[random]") {
  CHECK(uniform01(0) == 0.5 / 4294967296.0);
  CHECK(uniform01(0xFFFFFFFFu) == (4294967295.0 + 0.5) / 4294967296.0);
  CHECK(uniform01(0xFFFFFFFFu) < 1.0);
  CHECK(uniform01(0x80000000u) == (2147483648.0 + 0.5) / 4294967296.0);
}

TEST_CASE("distributions: pinned values", "[random]") {
  CHECK(exponential(0x80000000u, 2.0) == Approx(-std::log(uniform01(0x80000000u)) / 2.0).epsilon(0));
  CHECK(exponential(0x80000000u, 1.0) == Approx(0.6931471804).margin(1e-9));
  // Box-Muller: u1 = 1/2 - 2^-33 ... radius sqrt(2 ln 2); u2 near 0 -> cos ~ 1.
  CHECK(standard_normal(0x80000000u, 0) == Approx(std::sqrt(-2.0 * std::log(uniform01(0x80000000u)))).epsilon(1e-12));
  const std::array<double, 3> w{1.0, 0.0, 3.0};
  CHECK(categorical(0, w) == 0);
  CHECK(categorical(0x3FFFFFFFu, w) == 0);             // u just under 1/4
  CHECK(categorical(0x40000000u, w) == 2);             // u just over 1/4: weight 0 is skipped
  CHECK(categorical(0xFFFFFFFFu, w) == 2);
}

TEST_CASE("distributions have the right moments over Philox words", "[random]") {
  const int n = 200000;
  double sum_u = 0, sum_e = 0, sum_z = 0, sum_z2 = 0;
  std::array<int, 3> counts{};
  const std::array<double, 3> w{0.2, 0.5, 0.3};
  for (int i = 0; i < n; ++i) {
    const auto b = philox_block(99, static_cast<std::uint32_t>(i), 0, Purpose::test, 0);
    sum_u += uniform01(b[0]);
    sum_e += exponential(b[1], 2.0);
    const double z = standard_normal(b[2], b[3]);
    sum_z += z;
    sum_z2 += z * z;
    counts[categorical(b[3], w)] += 1;
  }
  // Four standard errors.
  CHECK(std::fabs(sum_u / n - 0.5) < 4 * std::sqrt(1.0 / 12 / n));
  CHECK(std::fabs(sum_e / n - 0.5) < 4 * 0.5 / std::sqrt(n));
  CHECK(std::fabs(sum_z / n) < 4 / std::sqrt(n));
  CHECK(std::fabs(sum_z2 / n - 1.0) < 4 * std::sqrt(2.0 / n));
  for (int k = 0; k < 3; ++k) CHECK(std::fabs(counts[k] / double(n) - w[k]) < 4 * std::sqrt(w[k] * (1 - w[k]) / n));
}

TEST_CASE("dense person words are PersonWords' words, eight blocks at a time", "[random]") {
  const auto seed = GENERATE(std::uint64_t{0}, std::uint64_t{20260201}, std::uint64_t{0xfedcba9876543210u});
  CAPTURE(seed, philox_blocks8_vectorised());
  // Every word of eight blocks, on both paths, including agent numbers that wrap around 2^32.
  for (const std::uint32_t first : {0u, 8u, 1234567u * 8u, 0xFFFFFFF8u, 0xFFFFFFFCu}) {
    std::array<std::uint32_t, 32> dispatched{}, portable{};
    philox_blocks8(seed, first, 17, Purpose::transition, 3, dispatched.data());
    philox_blocks8_portable(seed, first, 17, Purpose::transition, 3, portable.data());
    for (std::uint32_t j = 0; j < 8; ++j) {
      const auto block = philox_block(seed, first + j, 17, Purpose::transition, 3);
      for (std::uint32_t w = 0; w < 4; ++w) {
        CAPTURE(first, j, w);
        CHECK(dispatched[4 * j + w] == block[w]);
        CHECK(portable[4 * j + w] == block[w]);
      }
    }
  }
  // Persons in order, from a start inside a batch (a chunk's first person), and a jump back.
  PersonWords single(seed, 52, Purpose::transition, 7);
  DensePersonWords dense(seed, 52, Purpose::transition, 7);
  int differing = 0;
  for (std::uint32_t i = 1000003; i < 1000003 + 200; ++i) differing += dense(i) != single(i) ? 1 : 0;
  for (std::uint32_t i = 5; i < 40; ++i) differing += dense(i) != single(i) ? 1 : 0;
  CHECK(differing == 0);
}
