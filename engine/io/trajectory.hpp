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

/// The chunk rows of one block, each transposed to persons x weeks and deflated: what a direct
/// chunk write stores. Row r holds persons [r * chunk_persons, ...) at weeks first_week ...
struct CompressedBlock {
  int first_week = 0;
  std::vector<std::vector<std::uint8_t>> rows;
};

/// The chunk shape of a trajectory and the compression of whole-chunk blocks, without HDF5: a
/// run compresses its blocks on its own threads and leaves the writer thread only the writes.
class TrajectoryCompressor {
 public:
  /// The shape TrajectoryDataset gives a dataset of `persons` x `weeks` (see there).
  TrajectoryCompressor(std::size_t persons, int weeks, int chunk_weeks, std::size_t chunk_persons = 0);

  std::size_t persons() const { return persons_; }
  int weeks() const { return weeks_; }
  int chunk_weeks() const { return chunk_weeks_; }
  std::size_t chunk_persons() const { return chunk_persons_; }
  /// Whether a block of weeks first_week .. first_week + weeks - 1 covers whole chunks: it starts
  /// at a chunk's first week and ends at its last, or at the run's last week.
  bool whole_chunks(int first_week, int weeks) const;

  /// Transposes and deflates the chunk rows of a whole-chunk block (week-major, as
  /// TrajectoryDataset::write takes it) on up to `threads` threads (a TBB arena of that many; 1:
  /// this thread only). The bytes do not depend on the threads: each chunk is a fresh zlib stream.
  /// @throws IoError if zlib fails; std::invalid_argument if the block is not whole chunks
  CompressedBlock compress(int first_week, int weeks, const std::uint8_t* block, int threads);

 private:
  std::size_t persons_;
  int weeks_;
  int chunk_weeks_;
  std::size_t chunk_persons_;
  /// Per thread: one chunk row (persons x weeks) and its compressor.
  struct Scratch {
    std::vector<std::uint8_t> tile;
    ChunkDeflater deflater{ChunkDeflater::Strategy::runs};
  };
  tbb::enumerable_thread_specific<Scratch> scratch_;
};

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
  /// transposed to persons x weeks. A block that covers whole chunks is compressed here
  /// (TrajectoryCompressor, on compress_on's threads) and written with write_compressed; any
  /// other block goes through HDF5's hyperslab write and its own deflate filter. Both give the
  /// same dataset.
  void write(int first_week, int weeks, const std::uint8_t* block);
  /// Writes a block compressed by a TrajectoryCompressor of this dataset's shape (compressor()),
  /// chunk by chunk in order with h5::write_chunk.
  void write_compressed(const CompressedBlock& block);

  /// Compress the chunk rows of a block on up to `threads` threads (default 1: on the caller's).
  void compress_on(int threads) { threads_ = std::max(1, threads); }
  const TrajectoryCompressor& compressor() const { return compressor_; }

 private:
  h5::Dataset dataset_;
  std::string path_;
  TrajectoryCompressor compressor_;
  int threads_ = 1;
  std::vector<std::uint8_t> tile_;  // a chunk row of a hyperslab write
};

/// Transposes rows [first_person, first_person + count) of a week-major block of `weeks` weeks
/// into `out` (count rows, person-major), each row `out_row` bytes apart (0: `weeks`).
void transpose_block(const std::uint8_t* block, std::size_t persons, int weeks, std::size_t first_person,
                     std::size_t count, std::uint8_t* out, std::size_t out_row = 0);

}  // namespace kokeilu::io
