#pragma once
// The status trajectory of one run, stored dense [persons, weeks] uint8, chunked and deflated.
// Why dense rather than a spell table, and the chunk shape: docs/hdf5-schema.md ("Trajectory").
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <tbb/enumerable_thread_specific.h>

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
  /// (ChunkDeflater, the chunk rows in parallel on free TBB threads) and written chunk by chunk
  /// in order with h5::write_chunk; any other block goes
  /// through HDF5's hyperslab write and its own deflate filter. Both give the same dataset.
  void write(int first_week, int weeks, const std::uint8_t* block);

  /// Compress the chunk rows of a block on up to `threads` threads (default 1: on the caller's).
  /// A run passes its own thread count, so `--threads 1` keeps to one thread besides the writer.
  void compress_on(int threads) { threads_ = std::max(1, threads); }

 private:
  h5::Dataset dataset_;
  std::string path_;
  std::size_t persons_;
  int weeks_;
  int chunk_weeks_;
  int threads_ = 1;
  std::size_t chunk_persons_;
  /// Per thread: one chunk row (persons x weeks) and its compressor.
  struct Scratch {
    std::vector<std::uint8_t> tile;
    ChunkDeflater deflater{ChunkDeflater::Strategy::runs};
  };
  tbb::enumerable_thread_specific<Scratch> scratch_;
  std::vector<std::vector<std::uint8_t>> compressed_;  // one block's chunk rows, in order
};

/// Transposes rows [first_person, first_person + count) of a week-major block of `weeks` weeks
/// into `out` (count rows, person-major), each row `out_row` bytes apart (0: `weeks`).
void transpose_block(const std::uint8_t* block, std::size_t persons, int weeks, std::size_t first_person,
                     std::size_t count, std::uint8_t* out, std::size_t out_row = 0);

}  // namespace kokeilu::io
