#pragma once
// Compresses whole HDF5 chunks ourselves, for direct chunk writes (H5Dwrite_chunk) into a
// dataset that declares HDF5's deflate filter: every chunk is a standard zlib stream, so HDF5's
// own filter, h5py and R decode it like one HDF5 wrote.
//
// Why not HDF5's filter: its deflate uses zlib's default strategy (hash chains looking for
// long-distance matches), 11-13 % of the CPU of a run with trajectories. Status trajectories
// are runs of one byte (a person's weeks in one status), which zlib's Z_RLE (matches at
// distance 1 only) finds at a fraction of the cost; measured in docs/performance.md ("Output").
// Why two libraries (docs/performance.md, "libdeflate"): on real trajectory chunks Z_RLE beats
// libdeflate at every level we tried (1, 2, 3, 6) in speed or size (level 1: 554 against 355
// MB/s, libdeflate 1.6x larger); on floats libdeflate level 1 is as fast and 32 % smaller, and
// its Adler-32 is vectorised.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "io/hdf5.hpp"

namespace kokeilu::io {

class ChunkDeflater {
 public:
  /// How repeats are looked for: `runs`, zlib's Z_RLE at level 1 (matches at distance 1 only; in
  /// segments of 65,024 bytes, so that zlib never slides its unused hash table: chunk_deflate.cpp),
  /// for the status trajectories; `general`, libdeflate's level 1 (hash-table matches at any
  /// distance), for the person columns, whose repeats are 2 or 4 bytes apart. Both write a zlib stream with
  /// a 32 KiB window, as HDF5's filter expects; for given library versions the bytes depend only on
  /// `raw` (no state is carried from one chunk to the next), whatever the thread.
  enum class Strategy { runs, general };
  explicit ChunkDeflater(Strategy strategy = Strategy::runs);
  ~ChunkDeflater();
  ChunkDeflater(ChunkDeflater&&) noexcept;
  ChunkDeflater& operator=(ChunkDeflater&&) noexcept;

  /// The zlib stream of `raw`, valid until the next call. @throws IoError if zlib or libdeflate fails
  std::span<const std::uint8_t> compress(std::span<const std::uint8_t> raw);

 private:
  struct Codec;
  void reserve(std::size_t bytes);
  std::unique_ptr<Codec> codec_;
  std::unique_ptr<std::uint8_t[]> out_;  // not zero-filled: the codec writes what we return
  std::size_t out_bytes_ = 0;
};

/// The zlib streams of the chunks of a 1-D array: `bytes` holds the elements in native layout,
/// `element_bytes` each, `chunk_elements` to a chunk; the edge chunk is padded with zeros to the
/// full chunk size (a direct chunk write stores whole chunks).
std::vector<std::vector<std::uint8_t>> deflate_chunks(std::span<const std::uint8_t> bytes, std::size_t element_bytes,
                                                      std::size_t chunk_elements, ChunkDeflater& deflater);

/// Writes the chunks deflate_chunks gave, whole (h5::write_chunk), into a 1-D dataset created
/// with chunks of `chunk_elements` elements and the deflate filter. @throws IoError naming `what`
void write_deflated_chunks(const h5::Dataset& dataset, const std::vector<std::vector<std::uint8_t>>& chunks,
                           std::size_t chunk_elements, const std::string& what);

}  // namespace kokeilu::io
