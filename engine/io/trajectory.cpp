#include "io/trajectory.hpp"

#include <algorithm>

#include "core/vocabulary.hpp"
#include "io/schema.hpp"

namespace kokeilu::io {

std::size_t trajectory_chunk_persons(std::size_t persons, int chunk_weeks) {
  std::size_t chunk = kTrajectoryChunkBytes / static_cast<std::size_t>(std::max(1, chunk_weeks));
  if (chunk >= 1024) chunk -= chunk % 1024;
  return std::max<std::size_t>(1, std::min(chunk, persons));
}

TrajectoryDataset::TrajectoryDataset(hid_t group, const std::string& name, std::size_t persons, int weeks,
                                     int chunk_weeks, std::size_t chunk_persons)
    : persons_(persons), weeks_(weeks) {
  chunk_weeks = std::clamp(chunk_weeks, 1, std::max(1, weeks));
  chunk_weeks_ = chunk_weeks;
  chunk_persons_ = chunk_persons > 0 ? std::min(chunk_persons, std::max<std::size_t>(1, persons))
                                     : trajectory_chunk_persons(persons, chunk_weeks);
  const std::vector<hsize_t> dims{static_cast<hsize_t>(persons), static_cast<hsize_t>(weeks)};
  h5::Layout layout;
  if (persons > 0 && weeks > 0) layout = {{chunk_persons_, static_cast<hsize_t>(chunk_weeks)}, 1};
  // Cache room for two chunks: a whole-chunk write passes through it once, and a write that
  // is not aligned to chunks (a caller with odd blocks) still finds its chunk there.
  const std::size_t cache = 2 * chunk_persons_ * static_cast<std::size_t>(chunk_weeks) + 1024;
  dataset_ = h5::create_dataset(group, name, H5T_NATIVE_UINT8, dims, layout, cache);
  path_ = h5::object_path(dataset_);
  h5::write_attribute(dataset_, "codes", to_strings(kStatusNames));
  h5::write_attribute(dataset_, "dims", std::vector<std::string>{"person", "week"});
}

void transpose_block(const std::uint8_t* block, std::size_t persons, int weeks, std::size_t first_person,
                     std::size_t count, std::uint8_t* out, std::size_t out_row) {
  const auto W = out_row > 0 ? out_row : static_cast<std::size_t>(weeks);
  // Tiles of 64 persons: the reads of a tile (64 bytes per week) and its writes (64 rows of
  // W bytes) both stay in L1.
  constexpr std::size_t kTile = 64;
  for (std::size_t start = 0; start < count; start += kTile) {
    const std::size_t n = std::min(kTile, count - start);
    for (std::size_t k = 0; k < static_cast<std::size_t>(weeks); ++k) {
      const std::uint8_t* from = block + k * persons + first_person + start;
      std::uint8_t* to = out + start * W + k;
      for (std::size_t i = 0; i < n; ++i) to[i * W] = from[i];
    }
  }
}

void TrajectoryDataset::write(int first_week, int weeks, const std::uint8_t* block) {
  if (weeks <= 0 || persons_ == 0) return;
  const bool whole_chunks = first_week % chunk_weeks_ == 0 &&
                            (weeks == chunk_weeks_ || (weeks < chunk_weeks_ && first_week + weeks == weeks_));
  const auto row = static_cast<std::size_t>(whole_chunks ? chunk_weeks_ : weeks);
  for (std::size_t first = 0; first < persons_; first += chunk_persons_) {
    const std::size_t count = std::min(chunk_persons_, persons_ - first);
    if (!whole_chunks) {
      tile_.resize(count * row);
      transpose_block(block, persons_, weeks, first, count, tile_.data());
      h5::write_hyperslab(dataset_, H5T_NATIVE_UINT8, {first, static_cast<hsize_t>(first_week)},
                          {count, static_cast<hsize_t>(weeks)}, tile_.data(), path_);
      continue;
    }
    // A direct chunk write stores the chunk at its full size: the weeks after the run's last
    // and the persons after the last of an edge chunk are zeros that no reader sees.
    tile_.resize(chunk_persons_ * row);
    if (count < chunk_persons_ || static_cast<std::size_t>(weeks) < row) std::fill(tile_.begin(), tile_.end(), 0);
    transpose_block(block, persons_, weeks, first, count, tile_.data(), row);
    h5::write_chunk(dataset_, {first, static_cast<hsize_t>(first_week)}, deflater_.compress(tile_), 0, path_);
  }
}

}  // namespace kokeilu::io
