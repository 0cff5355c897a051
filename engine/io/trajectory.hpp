#pragma once
// The status trajectory of one run, stored dense [persons, weeks] uint8, chunked and deflated.
// Why dense rather than a spell table, and the chunk shape: docs/hdf5-schema.md ("Trajectory").
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "io/hdf5.hpp"

namespace kokeilu::io {

/// Bytes of one uncompressed trajectory chunk we aim for: big enough for deflate and few HDF5
/// calls, small enough that reading one person's weeks does not inflate much more than needed.
inline constexpr std::size_t kTrajectoryChunkBytes = 1u << 20;

/// Persons per chunk for chunks of `chunk_weeks` weeks (a multiple of 1024 when it can be).
std::size_t trajectory_chunk_persons(std::size_t persons, int chunk_weeks);

class TrajectoryDataset {
 public:
  /// Creates `name` [persons, weeks] uint8 in `group` with chunks (trajectory_chunk_persons,
  /// chunk_weeks), deflate 1, and its `codes` (status names) and `dims` attributes.
  /// Writers pass the weeks of their blocks as `chunk_weeks`, so that each write fills whole
  /// chunks: HDF5 then compresses each chunk once and never reads one back.
  /// `chunk_persons` = 0 picks trajectory_chunk_persons (other values: measurements).
  TrajectoryDataset(hid_t group, const std::string& name, std::size_t persons, int weeks, int chunk_weeks,
                    std::size_t chunk_persons = 0);

  /// Writes weeks first_week .. first_week + weeks - 1 from a week-major block (person i at
  /// week first_week + k is block[k * persons + i]), one chunk row of persons at a time,
  /// transposed to persons x weeks.
  void write(int first_week, int weeks, const std::uint8_t* block);

 private:
  h5::Dataset dataset_;
  std::string path_;
  std::size_t persons_;
  std::size_t chunk_persons_;
  std::vector<std::uint8_t> tile_;  // one chunk row, persons x weeks
};

/// Transposes rows [first_person, first_person + count) of a week-major block of `weeks` weeks
/// into `out` (count x weeks, person-major).
void transpose_block(const std::uint8_t* block, std::size_t persons, int weeks, std::size_t first_person,
                     std::size_t count, std::uint8_t* out);

}  // namespace kokeilu::io
