#include "io/trajectory.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "core/vocabulary.hpp"
#include "io/schema.hpp"

namespace kokeilu::io {

std::size_t trajectory_chunk_persons(std::size_t persons, int chunk_weeks) {
  std::size_t chunk = kTrajectoryChunkBytes / static_cast<std::size_t>(std::max(1, chunk_weeks));
  if (chunk >= 1024) chunk -= chunk % 1024;
  return std::max<std::size_t>(1, std::min(chunk, persons));
}

TrajectoryCompressor::TrajectoryCompressor(std::size_t persons, int weeks, int chunk_weeks, std::size_t chunk_persons)
    : persons_(persons), weeks_(weeks) {
  chunk_weeks_ = std::clamp(chunk_weeks, 1, std::max(1, weeks));
  chunk_persons_ = chunk_persons > 0 ? std::min(chunk_persons, std::max<std::size_t>(1, persons))
                                     : trajectory_chunk_persons(persons, chunk_weeks_);
}

bool TrajectoryCompressor::whole_chunks(int first_week, int weeks) const {
  return first_week % chunk_weeks_ == 0 &&
         (weeks == chunk_weeks_ || (weeks < chunk_weeks_ && first_week + weeks == weeks_));
}

TrajectoryDataset::TrajectoryDataset(hid_t group, const std::string& name, std::size_t persons, int weeks,
                                     int chunk_weeks, std::size_t chunk_persons)
    : compressor_(persons, weeks, chunk_weeks, chunk_persons) {
  const std::size_t chunk_rows = compressor_.chunk_persons();
  const int chunk_cols = compressor_.chunk_weeks();
  const std::vector<hsize_t> dims{static_cast<hsize_t>(persons), static_cast<hsize_t>(weeks)};
  h5::Layout layout;
  if (persons > 0 && weeks > 0) layout = {{chunk_rows, static_cast<hsize_t>(chunk_cols)}, 1};
  // Cache room for two chunks: a whole-chunk write passes through it once, and a write that
  // is not aligned to chunks (a caller with odd blocks) still finds its chunk there.
  const std::size_t cache = 2 * chunk_rows * static_cast<std::size_t>(chunk_cols) + 1024;
  dataset_ = h5::create_dataset(group, name, H5T_NATIVE_UINT8, dims, layout, cache);
  path_ = h5::object_path(dataset_);
  h5::write_attribute(dataset_, "codes", to_strings(kStatusNames));
  h5::write_attribute(dataset_, "dims", std::vector<std::string>{"person", "week"});
}

namespace {

#if defined(__SSE2__)
/// Transposes a 16 x 16 byte tile: row j of `out` (16 bytes at out + j * out_stride) is column j
/// of the 16 rows at in + i * in_stride. Four rounds of unpacks, each pairing units twice as wide.
void transpose_16x16(const std::uint8_t* in, std::size_t in_stride, std::uint8_t* out, std::size_t out_stride) {
  __m128i a[16], b[16];
  for (int i = 0; i < 16; ++i)
    a[i] = _mm_loadu_si128(reinterpret_cast<const __m128i*>(in + static_cast<std::size_t>(i) * in_stride));
  for (int m = 0; m < 8; ++m) {  // 16-bit units: rows (2m, 2m+1) of one column
    b[2 * m] = _mm_unpacklo_epi8(a[2 * m], a[2 * m + 1]);
    b[2 * m + 1] = _mm_unpackhi_epi8(a[2 * m], a[2 * m + 1]);
  }
  for (int q = 0; q < 4; ++q)  // 32-bit units: rows 4q .. 4q+3
    for (int g = 0; g < 2; ++g) {
      a[4 * q + 2 * g] = _mm_unpacklo_epi16(b[4 * q + g], b[4 * q + 2 + g]);
      a[4 * q + 2 * g + 1] = _mm_unpackhi_epi16(b[4 * q + g], b[4 * q + 2 + g]);
    }
  for (int o = 0; o < 2; ++o)  // 64-bit units: rows 8o .. 8o+7
    for (int h = 0; h < 4; ++h) {
      b[8 * o + 2 * h] = _mm_unpacklo_epi32(a[8 * o + h], a[8 * o + 4 + h]);
      b[8 * o + 2 * h + 1] = _mm_unpackhi_epi32(a[8 * o + h], a[8 * o + 4 + h]);
    }
  for (int e = 0; e < 8; ++e) {  // all 16 rows of columns 2e and 2e+1
    _mm_storeu_si128(reinterpret_cast<__m128i*>(out + static_cast<std::size_t>(2 * e) * out_stride),
                     _mm_unpacklo_epi64(b[e], b[8 + e]));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(out + static_cast<std::size_t>(2 * e + 1) * out_stride),
                     _mm_unpackhi_epi64(b[e], b[8 + e]));
  }
}
#endif

}  // namespace

void transpose_block(const std::uint8_t* block, std::size_t persons, int weeks, std::size_t first_person,
                     std::size_t count, std::uint8_t* out, std::size_t out_row) {
  const auto W = out_row > 0 ? out_row : static_cast<std::size_t>(weeks);
  const auto K = static_cast<std::size_t>(weeks);
  // Tiles of 64 persons: the reads of a tile (64 bytes per week) and its writes (64 rows of
  // W bytes) both stay in L1. Within a tile, 16 x 16 squares go through SSE2 registers.
  constexpr std::size_t kTile = 64;
  for (std::size_t start = 0; start < count; start += kTile) {
    const std::size_t n = std::min(kTile, count - start);
    std::size_t done_k = 0, done_i = 0;  // weeks and persons of the tile done in squares
#if defined(__SSE2__)
    done_k = K - K % 16;
    done_i = n - n % 16;
    for (std::size_t i = 0; i < done_i; i += 16)
      for (std::size_t k = 0; k < done_k; k += 16)
        transpose_16x16(block + k * persons + first_person + start + i, persons, out + (start + i) * W + k, W);
#endif
    for (std::size_t k = 0; k < K; ++k) {
      const std::uint8_t* from = block + k * persons + first_person + start;
      std::uint8_t* to = out + start * W + k;
      // The rest: weeks past the last square for every person, the persons past them for all weeks.
      for (std::size_t i = k < done_k ? done_i : 0; i < n; ++i) to[i * W] = from[i];
    }
  }
}

CompressedBlock TrajectoryCompressor::compress(int first_week, int weeks, const std::uint8_t* block, int threads) {
  if (!whole_chunks(first_week, weeks))
    throw std::invalid_argument("TrajectoryCompressor::compress: weeks " + std::to_string(first_week) + "+" +
                                std::to_string(weeks) + " are not whole chunks");
  CompressedBlock out{first_week, {}};
  if (weeks <= 0 || persons_ == 0) return out;
  const auto row = static_cast<std::size_t>(chunk_weeks_);
  const std::size_t rows = (persons_ + chunk_persons_ - 1) / chunk_persons_;
  out.rows.resize(rows);
  const auto compress_row = [&](std::size_t r) {
    auto& scratch = scratch_.local();
    const std::size_t first = r * chunk_persons_;
    const std::size_t count = std::min(chunk_persons_, persons_ - first);
    // A direct chunk write stores the chunk at its full size: the weeks after the run's last
    // and the persons after the last of an edge chunk are zeros that no reader sees.
    scratch.tile.resize(chunk_persons_ * row);
    if (count < chunk_persons_ || static_cast<std::size_t>(weeks) < row)
      std::fill(scratch.tile.begin(), scratch.tile.end(), 0);
    transpose_block(block, persons_, weeks, first, count, scratch.tile.data(), row);
    const auto stream = scratch.deflater.compress(scratch.tile);
    out.rows[r].assign(stream.begin(), stream.end());
  };
  if (threads > 1 && rows > 1) {
    tbb::task_arena arena(threads);
    arena.execute([&] { tbb::parallel_for(std::size_t{0}, rows, compress_row); });
  } else {
    for (std::size_t r = 0; r < rows; ++r) compress_row(r);
  }
  return out;
}

void TrajectoryDataset::write(int first_week, int weeks, const std::uint8_t* block) {
  const auto persons = compressor_.persons();
  if (weeks <= 0 || persons == 0) return;
  if (compressor_.whole_chunks(first_week, weeks)) {
    write_compressed(compressor_.compress(first_week, weeks, block, threads_));
    return;
  }
  const std::size_t chunk_persons = compressor_.chunk_persons();
  for (std::size_t first = 0; first < persons; first += chunk_persons) {
    const std::size_t count = std::min(chunk_persons, persons - first);
    tile_.resize(count * static_cast<std::size_t>(weeks));
    transpose_block(block, persons, weeks, first, count, tile_.data());
    h5::write_hyperslab(dataset_, H5T_NATIVE_UINT8, {first, static_cast<hsize_t>(first_week)},
                        {count, static_cast<hsize_t>(weeks)}, tile_.data(), path_);
  }
}

void TrajectoryDataset::write_compressed(const CompressedBlock& block) {
  const std::size_t chunk_persons = compressor_.chunk_persons();
  for (std::size_t r = 0; r < block.rows.size(); ++r)
    h5::write_chunk(dataset_, {r * chunk_persons, static_cast<hsize_t>(block.first_week)}, block.rows[r], 0, path_);
}

}  // namespace kokeilu::io
