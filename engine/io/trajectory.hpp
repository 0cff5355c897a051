#pragma once
// The status trajectory of one run, stored dense [persons, weeks] uint8, chunked and deflated.
// Why dense rather than a spell table, and the chunk shape: docs/hdf5-schema.md ("Trajectory").
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "io/chunk_deflate.hpp"
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
  /// transposed to persons x weeks. A block that covers whole chunks (it starts at a chunk's
  /// first week and ends at its last, or at the run's last week) is compressed here
  /// (ChunkDeflater) and written chunk by chunk with h5::write_chunk; any other block goes
  /// through HDF5's hyperslab write and its own deflate filter. Both give the same dataset.
  void write(int first_week, int weeks, const std::uint8_t* block);

 private:
  h5::Dataset dataset_;
  std::string path_;
  std::size_t persons_;
  int weeks_;
  int chunk_weeks_;
  std::size_t chunk_persons_;
  std::vector<std::uint8_t> tile_;  // one chunk row, persons x weeks
  ChunkDeflater deflater_;
};

/// Transposes rows [first_person, first_person + count) of a week-major block of `weeks` weeks
/// into `out` (count rows, person-major), each row `out_row` bytes apart (0: `weeks`).
void transpose_block(const std::uint8_t* block, std::size_t persons, int weeks, std::size_t first_person,
                     std::size_t count, std::uint8_t* out, std::size_t out_row = 0);

}  // namespace kokeilu::io
