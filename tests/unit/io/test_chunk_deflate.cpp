// io::ChunkDeflater: the zlib streams of output chunks (engine/io/chunk_deflate.hpp).
#include <catch2/catch.hpp>
#include <zlib.h>

#include <cstdint>
#include <cstring>
#include <vector>

#include "io/chunk_deflate.hpp"

using namespace kokeilu;

namespace {

/// Runs of a status, person-major, as a transposed trajectory chunk is.
std::vector<std::uint8_t> trajectory_like(std::size_t persons, int weeks) {
  std::vector<std::uint8_t> raw(persons * static_cast<std::size_t>(weeks));
  for (std::size_t i = 0; i < persons; ++i)
    for (int w = 0; w < weeks; ++w)
      raw[i * static_cast<std::size_t>(weeks) + static_cast<std::size_t>(w)] =
          static_cast<std::uint8_t>((i / 7 + static_cast<std::size_t>(w) / (3 + i % 11)) % 7);
  return raw;
}

/// Floats with few distinct values, as the employability column.
std::vector<std::uint8_t> float_column(std::size_t n) {
  std::vector<std::uint8_t> raw(n * sizeof(float));
  for (std::size_t i = 0; i < n; ++i) {
    const float value = 0.25f * static_cast<float>((i * 2654435761u) % 9);
    std::memcpy(raw.data() + i * sizeof(float), &value, sizeof(float));
  }
  return raw;
}

std::vector<std::uint8_t> inflate(std::span<const std::uint8_t> packed, std::size_t raw_bytes) {
  std::vector<std::uint8_t> back(raw_bytes + 1);
  uLongf size = static_cast<uLongf>(back.size());
  REQUIRE(uncompress(back.data(), &size, packed.data(), static_cast<uLong>(packed.size())) == Z_OK);
  back.resize(size);
  return back;
}

/// What zlib's own wrapper (windowBits 15) writes for level 1, memLevel 6, Z_RLE.
std::vector<std::uint8_t> zlib_rle_stream(const std::vector<std::uint8_t>& raw) {
  z_stream z{};
  REQUIRE(deflateInit2(&z, 1, Z_DEFLATED, 15, 6, Z_RLE) == Z_OK);
  std::vector<std::uint8_t> out(deflateBound(&z, static_cast<uLong>(raw.size())));
  z.next_in = const_cast<Bytef*>(raw.data());
  z.avail_in = static_cast<uInt>(raw.size());
  z.next_out = out.data();
  z.avail_out = static_cast<uInt>(out.size());
  REQUIRE(deflate(&z, Z_FINISH) == Z_STREAM_END);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

}  // namespace

TEST_CASE("the runs strategy: zlib's Z_RLE in segments, one zlib stream as small as zlib's own", "[io][deflate]") {
  // Sizes around the segment (65,024 bytes) and a whole trajectory chunk (19,456 x 52).
  const std::size_t bytes = GENERATE(std::size_t{0}, std::size_t{1}, std::size_t{65023}, std::size_t{65024},
                                     std::size_t{65025}, std::size_t{3 * 65024}, std::size_t{19456 * 52});
  CAPTURE(bytes);
  auto raw = trajectory_like(19456, 52);
  raw.resize(bytes);
  io::ChunkDeflater deflater(io::ChunkDeflater::Strategy::runs);
  const auto packed = deflater.compress(raw);
  REQUIRE(packed.size() >= 6);
  CHECK(packed[0] == 0x78);  // what zlib writes for level 1 with a 32 KiB window
  CHECK(packed[1] == 0x01);
  CHECK(inflate(packed, raw.size()) == raw);  // and the Adler-32 checks
  // A segment ends a block: a little more than one zlib stream, never much.
  CHECK(packed.size() <= zlib_rle_stream(raw).size() * 101 / 100 + 16);
}

TEST_CASE("both strategies write zlib streams that inflate back, chunk after chunk", "[io][deflate]") {
  const auto strategy = GENERATE(io::ChunkDeflater::Strategy::runs, io::ChunkDeflater::Strategy::general);
  CAPTURE(strategy == io::ChunkDeflater::Strategy::runs);
  io::ChunkDeflater deflater(strategy);
  // A big chunk, then smaller ones and an empty one: the output buffer is reused, the stream
  // starts afresh each time.
  const std::vector<std::vector<std::uint8_t>> chunks = {trajectory_like(19456, 52), float_column(1 << 18),
                                                         std::vector<std::uint8_t>(1000, 0), {}};
  for (const auto& raw : chunks) {
    CAPTURE(raw.size());
    const auto packed = deflater.compress(raw);
    REQUIRE(packed.size() >= 6);
    CHECK(packed[0] == 0x78);  // deflate, 32 KiB window: what HDF5's filter and h5py inflate
    CHECK((packed[0] * 256 + packed[1]) % 31 == 0);
    CHECK(inflate(packed, raw.size()) == raw);
    if (raw.size() > 1000) CHECK(packed.size() < raw.size() / 2);
  }
  // The same input gives the same bytes from another deflater (chunks compress on any thread).
  io::ChunkDeflater other(strategy);
  const auto first = deflater.compress(chunks[1]);
  const std::vector<std::uint8_t> kept(first.begin(), first.end());
  const auto second = other.compress(chunks[1]);
  CHECK(std::vector<std::uint8_t>(second.begin(), second.end()) == kept);
}
