#pragma once
// Compresses whole HDF5 chunks with zlib ourselves, for direct chunk writes (H5Dwrite_chunk)
// into a dataset that declares HDF5's deflate filter: the stream is a standard zlib stream, so
// HDF5's own filter, h5py and R decode it like one HDF5 wrote.
//
// Why not HDF5's filter: its deflate uses zlib's default strategy (hash chains looking for
// long-distance matches), 11-13 % of the CPU of a run with trajectories. Status trajectories
// are runs of one byte (a person's weeks in one status), which Z_RLE (matches at distance 1
// only) finds at a fraction of the cost; measured in docs/performance.md ("Output").
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

namespace kokeilu::io {

class ChunkDeflater {
 public:
  /// zlib level 1, strategy Z_RLE, zlib header (windowBits 15), as HDF5's filter expects.
  ChunkDeflater();
  ~ChunkDeflater();
  ChunkDeflater(ChunkDeflater&&) noexcept;
  ChunkDeflater& operator=(ChunkDeflater&&) noexcept;

  /// The zlib stream of `raw`, valid until the next call. @throws IoError if zlib fails
  std::span<const std::uint8_t> compress(std::span<const std::uint8_t> raw);

 private:
  struct Stream;
  std::unique_ptr<Stream> stream_;
  std::vector<std::uint8_t> out_;
};

}  // namespace kokeilu::io
