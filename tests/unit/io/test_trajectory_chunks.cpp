#include <catch2/catch.hpp>
#include <zlib.h>

#include <algorithm>
#include <string>
#include <vector>

#include "io/chunk_deflate.hpp"
#include "io/hdf5.hpp"
#include "io/schema.hpp"
#include "io/trajectory.hpp"
#include "read_back.hpp"

using namespace kokeilu;
namespace h5 = kokeilu::io::h5;

namespace {

/// person i at week w: runs of a status, as trajectories are.
std::vector<std::uint8_t> dense_trajectory(std::size_t persons, int weeks) {
  std::vector<std::uint8_t> dense(persons * static_cast<std::size_t>(weeks));  // [person * W + week]
  for (std::size_t i = 0; i < persons; ++i)
    for (int w = 0; w < weeks; ++w)
      dense[i * static_cast<std::size_t>(weeks) + static_cast<std::size_t>(w)] =
          static_cast<std::uint8_t>((i / 7 + static_cast<std::size_t>(w) / (3 + i % 11)) % 7);
  return dense;
}

/// Writes `dense` through a TrajectoryDataset in blocks of `block_weeks` (week-major, as the
/// simulation hands them over), compressing on `threads` threads.
void write_in_blocks(hid_t file, const std::vector<std::uint8_t>& dense, std::size_t persons, int weeks,
                     int chunk_weeks, std::size_t chunk_persons, int block_weeks, int threads = 1) {
  io::TrajectoryDataset dataset(file, "status", persons, weeks, chunk_weeks, chunk_persons);
  dataset.compress_on(threads);
  for (int first = 0; first < weeks; first += block_weeks) {
    const int n = std::min(block_weeks, weeks - first);
    std::vector<std::uint8_t> block(persons * static_cast<std::size_t>(n));
    for (int k = 0; k < n; ++k)
      for (std::size_t i = 0; i < persons; ++i)
        block[static_cast<std::size_t>(k) * persons + i] = dense[i * static_cast<std::size_t>(weeks) + first + k];
    dataset.write(first, n, block.data());
  }
}

/// The stored (compressed) bytes of the chunk at `offset` of `dataset`.
std::vector<std::uint8_t> stored_chunk(const h5::Dataset& dataset, const hsize_t* offset) {
  hsize_t bytes = 0;
  REQUIRE(H5Dget_chunk_storage_size(dataset, offset, &bytes) >= 0);
  std::vector<std::uint8_t> chunk(bytes);
  std::uint32_t filters = 0;
  REQUIRE(H5Dread_chunk(dataset, H5P_DEFAULT, offset, &filters, chunk.data()) >= 0);
  return chunk;
}

}  // namespace

TEST_CASE("a deflated chunk is a standard zlib stream", "[io][trajectory]") {
  const auto raw = dense_trajectory(3000, 52);
  io::ChunkDeflater deflater;
  const auto packed = deflater.compress(raw);
  CHECK(packed.size() < raw.size() / 4);
  std::vector<std::uint8_t> back(raw.size());
  uLongf size = static_cast<uLongf>(back.size());
  REQUIRE(uncompress(back.data(), &size, packed.data(), static_cast<uLong>(packed.size())) == Z_OK);
  CHECK(size == raw.size());
  CHECK(back == raw);
  // The stream is reused: a second chunk compresses on its own.
  const std::vector<std::uint8_t> zeros(1000, 0);
  const auto again = deflater.compress(zeros);
  size = static_cast<uLongf>(back.size());
  REQUIRE(uncompress(back.data(), &size, again.data(), static_cast<uLong>(again.size())) == Z_OK);
  CHECK(size == zeros.size());
}

TEST_CASE("trajectories written as whole deflated chunks read back through H5Dread, edge chunks included",
          "[io][trajectory]") {
  // 5,000 persons in chunks of 1,024 (an edge chunk of 904) x 60 weeks in chunks of 26 (an edge
  // chunk of 8 weeks).
  const std::size_t N = 5000, chunk_persons = 1024;
  const int W = 60, chunk_weeks = 26;
  const auto dense = dense_trajectory(N, W);
  // Blocks as long as the chunks: direct chunk writes; blocks of 10: HDF5's hyperslab writes.
  const int block_weeks = GENERATE(26, 10);
  const int threads = GENERATE(1, 2);
  CAPTURE(block_weeks, threads);
  testing::TemporaryFolder folder;
  const auto path = folder / "t.h5";
  {
    auto f = h5::create_file(path);
    write_in_blocks(f, dense, N, W, chunk_weeks, chunk_persons, block_weeks, threads);
    h5::close_file(f, path.string());
  }
  CHECK(testing::read_back<std::uint8_t>(path, "status") == dense);

  // Every chunk is there, deflated by the dataset's declared filter, and smaller than raw.
  const auto f = h5::open_file(path);
  const auto dataset = h5::open_dataset(f, "status");
  const h5::PropertyList create(H5Dget_create_plist(dataset), "plist");
  REQUIRE(H5Pget_nfilters(create) == 1);
  unsigned flags = 0;
  std::size_t values = 0;
  CHECK(H5Pget_filter2(create, 0, &flags, &values, nullptr, 0, nullptr, nullptr) == H5Z_FILTER_DEFLATE);
  for (hsize_t p = 0; p < N; p += chunk_persons)
    for (hsize_t w = 0; w < static_cast<hsize_t>(W); w += chunk_weeks) {
      const hsize_t offset[2] = {p, w};
      hsize_t bytes = 0;
      REQUIRE(H5Dget_chunk_storage_size(dataset, offset, &bytes) >= 0);
      CAPTURE(p, w);
      CHECK(bytes > 0);
      CHECK(bytes < chunk_persons * chunk_weeks);
    }
  // A part read as a hyperslab (one person's weeks across chunks) is the same too.
  const hsize_t start[2] = {4999, 0}, count[2] = {1, static_cast<hsize_t>(W)};
  const h5::Dataspace space(H5Dget_space(dataset), "space");
  REQUIRE(H5Sselect_hyperslab(space, H5S_SELECT_SET, start, nullptr, count, nullptr) >= 0);
  const h5::Dataspace memory(H5Screate_simple(2, count, nullptr), "memory");
  std::vector<std::uint8_t> weeks(W);
  REQUIRE(H5Dread(dataset, H5T_NATIVE_UINT8, memory, space, H5P_DEFAULT, weeks.data()) >= 0);
  CHECK(std::equal(weeks.begin(), weeks.end(), dense.begin() + 4999 * W));
}

TEST_CASE("the transpose gives each person's weeks for any shape, past whole 16 x 16 squares too",
          "[io][trajectory]") {
  const std::size_t persons = 300;
  const int weeks = GENERATE(1, 15, 16, 33, 52);
  const std::size_t first = GENERATE(0, 5, 17);
  const std::size_t count = GENERATE(1, 16, 64, 100, 283);
  const std::size_t out_row = GENERATE(0, 64);
  CAPTURE(weeks, first, count, out_row);
  if (first + count > persons) return;
  std::vector<std::uint8_t> block(persons * static_cast<std::size_t>(weeks));
  for (std::size_t x = 0; x < block.size(); ++x) block[x] = static_cast<std::uint8_t>((x * 2654435761u) >> 13);
  const std::size_t W = out_row > 0 ? out_row : static_cast<std::size_t>(weeks);
  std::vector<std::uint8_t> out(count * W, 0xEE);
  io::transpose_block(block.data(), persons, weeks, first, count, out.data(), out_row);
  for (std::size_t i = 0; i < count; ++i)
    for (std::size_t k = 0; k < W; ++k) {
      const auto expected = k < static_cast<std::size_t>(weeks) ? block[k * persons + first + i] : std::uint8_t{0xEE};
      if (out[i * W + k] != expected) FAIL("person " << i << " week " << k);
    }
}

TEST_CASE("the stored chunks are the same bytes whatever the threads that compressed them", "[io][trajectory]") {
  const std::size_t N = 9000, chunk_persons = 1024;  // 9 chunk rows, the last an edge
  const int W = 52, chunk_weeks = 26;
  const auto dense = dense_trajectory(N, W);
  testing::TemporaryFolder folder;
  std::vector<std::vector<std::uint8_t>> stored[2];
  for (int t = 0; t < 2; ++t) {
    const auto path = folder / ("t" + std::to_string(t) + ".h5");
    {
      auto f = h5::create_file(path);
      write_in_blocks(f, dense, N, W, chunk_weeks, chunk_persons, chunk_weeks, t == 0 ? 1 : 3);
      h5::close_file(f, path.string());
    }
    const auto f = h5::open_file(path);
    const auto dataset = h5::open_dataset(f, "status");
    for (hsize_t p = 0; p < N; p += chunk_persons)
      for (hsize_t w = 0; w < static_cast<hsize_t>(W); w += chunk_weeks) {
        const hsize_t offset[2] = {p, w};
        stored[t].push_back(stored_chunk(dataset, offset));
      }
  }
  REQUIRE(stored[0].size() == 18);
  CHECK(stored[0] == stored[1]);
}

TEST_CASE("person columns written together are the same bytes whatever the threads", "[io][people]") {
  // 2.5 M persons: chunks of 1 M, the last an edge; integer columns by runs, a float column.
  const std::size_t N = (5u << 20) / 2;
  std::vector<std::uint8_t> status(N);
  std::vector<std::uint16_t> spell(N);
  std::vector<float> employability(N);
  for (std::size_t i = 0; i < N; ++i) {
    status[i] = static_cast<std::uint8_t>((i / 13) % 7);
    spell[i] = static_cast<std::uint16_t>((i * 7) % 500);
    employability[i] = static_cast<float>(i % 1000) / 1000.0f;
  }
  const scenario::ScenarioSpec spec{};
  testing::TemporaryFolder folder;
  std::vector<std::vector<std::uint8_t>> stored[2];
  for (int t = 0; t < 2; ++t) {
    const auto path = folder / ("p" + std::to_string(t) + ".h5");
    {
      auto f = h5::create_file(path);
      io::PersonColumns columns;
      columns.add("final_status", "status", status);
      columns.add("final_spell_weeks", "spell_weeks", spell);
      columns.add("final_employability", "employability", employability);
      columns.write(f, spec, t == 0 ? 1 : 3);
      h5::close_file(f, path.string());
    }
    CHECK(testing::read_back<std::uint8_t>(path, "final_status") == status);
    CHECK(testing::read_back<std::uint16_t>(path, "final_spell_weeks") == spell);
    CHECK(testing::read_back<float>(path, "final_employability") == employability);
    const auto f = h5::open_file(path);
    for (const char* name : {"final_status", "final_spell_weeks", "final_employability"}) {
      const auto dataset = h5::open_dataset(f, name);
      for (hsize_t p = 0; p < N; p += 1u << 20) {
        const hsize_t offset[1] = {p};
        stored[t].push_back(stored_chunk(dataset, offset));
      }
    }
  }
  REQUIRE(stored[0].size() == 9);
  CHECK(stored[0] == stored[1]);
}
