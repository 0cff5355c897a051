#include "io/chunk_deflate.hpp"

#include <zlib.h>

#include <algorithm>
#include <string>

#include "core/errors.hpp"

namespace kokeilu::io {

namespace {
// zlib's memLevel: 6 rather than the default 8. Every 32 KiB of input zlib slides its hash
// table (2^(memLevel + 7) entries) even when Z_RLE never reads it; 6 makes that a quarter as
// long, costs nothing in size on trajectories (494 -> 495 kB for Satakunta) and saved 10 % of
// the deflate time (docs/performance.md).
constexpr int kMemoryLevel = 6;
}  // namespace

struct ChunkDeflater::Stream {
  z_stream z{};
  explicit Stream(Strategy strategy) {
    // Level 1; Z_RLE: distance-1 matches only (runs of one status), no hash chains.
    const int zlib_strategy = strategy == Strategy::runs ? Z_RLE : Z_DEFAULT_STRATEGY;
    if (deflateInit2(&z, 1, Z_DEFLATED, 15, kMemoryLevel, zlib_strategy) != Z_OK)
      throw IoError("zlib: deflateInit2 failed" + std::string(z.msg != nullptr ? std::string(": ") + z.msg : ""));
  }
  ~Stream() { deflateEnd(&z); }
  Stream(const Stream&) = delete;
  Stream& operator=(const Stream&) = delete;
};

ChunkDeflater::ChunkDeflater(Strategy strategy) : stream_(std::make_unique<Stream>(strategy)) {}
ChunkDeflater::~ChunkDeflater() = default;
ChunkDeflater::ChunkDeflater(ChunkDeflater&&) noexcept = default;
ChunkDeflater& ChunkDeflater::operator=(ChunkDeflater&&) noexcept = default;

std::span<const std::uint8_t> ChunkDeflater::compress(std::span<const std::uint8_t> raw) {
  z_stream& z = stream_->z;
  if (deflateReset(&z) != Z_OK) throw IoError("zlib: deflateReset failed");
  const std::size_t bound = deflateBound(&z, static_cast<uLong>(raw.size()));
  if (bound > out_bytes_) {
    out_.reset(new std::uint8_t[bound]);  // default-initialised: no zero-fill
    out_bytes_ = bound;
  }
  z.next_in = const_cast<Bytef*>(raw.data());  // zlib's API is not const-correct; it only reads
  z.avail_in = static_cast<uInt>(raw.size());
  z.next_out = out_.get();
  z.avail_out = static_cast<uInt>(bound);
  // One call: deflateBound guarantees room for the whole stream.
  const int status = deflate(&z, Z_FINISH);
  if (status != Z_STREAM_END)
    throw IoError("zlib: deflate of a " + std::to_string(raw.size()) + "-byte chunk failed (" + std::to_string(status) +
                  ")");
  return {out_.get(), static_cast<std::size_t>(z.total_out)};
}

std::vector<std::vector<std::uint8_t>> deflate_chunks(std::span<const std::uint8_t> bytes, std::size_t element_bytes,
                                                      std::size_t chunk_elements, ChunkDeflater& deflater) {
  const std::size_t chunk_bytes = chunk_elements * element_bytes;
  std::vector<std::vector<std::uint8_t>> chunks;
  std::vector<std::uint8_t> edge;
  for (std::size_t first = 0; first < bytes.size(); first += chunk_bytes) {
    auto chunk = bytes.subspan(first, std::min(chunk_bytes, bytes.size() - first));
    if (chunk.size() < chunk_bytes) {
      edge.assign(chunk_bytes, 0);
      std::copy(chunk.begin(), chunk.end(), edge.begin());
      chunk = edge;
    }
    const auto stream = deflater.compress(chunk);
    chunks.emplace_back(stream.begin(), stream.end());
  }
  return chunks;
}

void write_deflated_chunks(const h5::Dataset& dataset, const std::vector<std::vector<std::uint8_t>>& chunks,
                           std::size_t chunk_elements, const std::string& what) {
  for (std::size_t c = 0; c < chunks.size(); ++c)
    h5::write_chunk(dataset, {static_cast<hsize_t>(c * chunk_elements)}, chunks[c], 0, what);
}

}  // namespace kokeilu::io
