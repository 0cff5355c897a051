#include "io/chunk_deflate.hpp"

#include <libdeflate.h>
#include <zlib.h>

#include <algorithm>
#include <string>

#include "core/errors.hpp"

namespace kokeilu::io {

namespace {
// zlib's memLevel: 6 rather than the default 8. The hash table (2^(memLevel + 7) entries, which
// Z_RLE never reads but zlib clears at each segment) is a quarter as long; memLevel also sets the
// block size, and 6 gave the same size on trajectories (494 -> 495 kB for Satakunta; 4 and below
// more blocks and more time: docs/performance.md, "Output").
constexpr int kMemoryLevel = 6;
// Bytes of input per raw deflate segment. zlib slides its window and hash chains (slide_hash,
// scalar, over 40 K entries) every 32 KiB once 64 KiB - 262 bytes have been read, though Z_RLE
// never looks further back than one byte: 40 % of the instructions of compressing a trajectory.
// Each segment is a fresh deflate state (deflateReset) ended by a sync flush, so none reaches
// that point; the stream is still one valid deflate stream (blocks, an empty stored block, more
// blocks). Measured: 1.5x the speed on trajectory chunks for 0.7 % more bytes
// (docs/performance.md, "libdeflate").
constexpr std::size_t kSegmentBytes = 65024;  // < 2 * 32768 - 262 (zlib's slide point)
// The two bytes zlib writes before a level-1 (or Z_RLE) deflate stream with a 32 KiB window:
// CM = 8 (deflate), CINFO = 7 (2^15), FLEVEL = 0 (fastest), FCHECK making it a multiple of 31.
constexpr std::uint8_t kZlibHeader[2] = {0x78, 0x01};
constexpr std::size_t kTrailerBytes = 4;  // Adler-32 of the raw bytes, big-endian
}  // namespace

struct ChunkDeflater::Codec {
  // runs: zlib's Z_RLE as raw deflate (windowBits -15) in segments of kSegmentBytes, wrapped here
  // into a zlib stream (kZlibHeader, the Adler-32 by libdeflate).
  z_stream z{};
  // general: libdeflate level 1, a whole zlib stream.
  libdeflate_compressor* general = nullptr;

  explicit Codec(Strategy strategy) {
    if (strategy == Strategy::general) {
      general = libdeflate_alloc_compressor(1);
      if (general == nullptr) throw IoError("libdeflate: cannot allocate a level-1 compressor");
      return;
    }
    if (deflateInit2(&z, 1, Z_DEFLATED, -15, kMemoryLevel, Z_RLE) != Z_OK)
      throw IoError("zlib: deflateInit2 failed" + std::string(z.msg != nullptr ? std::string(": ") + z.msg : ""));
  }
  ~Codec() {
    if (general != nullptr)
      libdeflate_free_compressor(general);
    else
      deflateEnd(&z);
  }
  Codec(const Codec&) = delete;
  Codec& operator=(const Codec&) = delete;
};

ChunkDeflater::ChunkDeflater(Strategy strategy) : codec_(std::make_unique<Codec>(strategy)) {}
ChunkDeflater::~ChunkDeflater() = default;
ChunkDeflater::ChunkDeflater(ChunkDeflater&&) noexcept = default;
ChunkDeflater& ChunkDeflater::operator=(ChunkDeflater&&) noexcept = default;

void ChunkDeflater::reserve(std::size_t bytes) {
  if (bytes <= out_bytes_) return;
  out_.reset(new std::uint8_t[bytes]);  // default-initialised: no zero-fill
  out_bytes_ = bytes;
}

std::span<const std::uint8_t> ChunkDeflater::compress(std::span<const std::uint8_t> raw) {
  if (codec_->general != nullptr) {
    reserve(libdeflate_zlib_compress_bound(codec_->general, raw.size()));
    const std::size_t n = libdeflate_zlib_compress(codec_->general, raw.data(), raw.size(), out_.get(), out_bytes_);
    if (n == 0) throw IoError("libdeflate: compressing a " + std::to_string(raw.size()) + "-byte chunk failed");
    return {out_.get(), n};
  }
  z_stream& z = codec_->z;
  const std::size_t segments = std::max<std::size_t>(1, (raw.size() + kSegmentBytes - 1) / kSegmentBytes);
  // deflateBound (without a stream: zlib's most conservative bound) per segment, plus the sync
  // flush's empty stored block (5 bytes) and slack.
  const std::size_t segment_bound = deflateBound(nullptr, static_cast<uLong>(std::min(raw.size(), kSegmentBytes))) + 16;
  reserve(sizeof kZlibHeader + segments * segment_bound + kTrailerBytes);
  std::copy(std::begin(kZlibHeader), std::end(kZlibHeader), out_.get());
  std::size_t written = sizeof kZlibHeader;
  std::size_t first = 0;
  do {  // at least once: an empty chunk is one empty final block
    const std::size_t bytes = std::min(kSegmentBytes, raw.size() - first);
    const bool last = first + bytes == raw.size();
    if (deflateReset(&z) != Z_OK) throw IoError("zlib: deflateReset failed");
    z.next_in = const_cast<Bytef*>(raw.data() + first);  // zlib's API is not const-correct; it only reads
    z.avail_in = static_cast<uInt>(bytes);
    z.next_out = out_.get() + written;
    z.avail_out = static_cast<uInt>(segment_bound);
    // One call per segment: the bound leaves room for all of it (avail_out > 0 after a sync flush
    // means zlib has nothing left to write).
    const int status = deflate(&z, last ? Z_FINISH : Z_SYNC_FLUSH);
    if (status != (last ? Z_STREAM_END : Z_OK) || z.avail_in != 0 || z.avail_out == 0)
      throw IoError("zlib: deflate of a " + std::to_string(raw.size()) + "-byte chunk failed (" +
                    std::to_string(status) + ")");
    written += static_cast<std::size_t>(z.total_out);
    first += bytes;
  } while (first < raw.size());
  // zlib's wrapper would sum while it reads (adler32, scalar, 1.2 % of a run's CPU); libdeflate's
  // is vectorised.
  const std::uint32_t adler = libdeflate_adler32(1, raw.data(), raw.size());
  for (std::size_t k = 0; k < kTrailerBytes; ++k)
    out_[written + k] = static_cast<std::uint8_t>(adler >> (8 * (kTrailerBytes - 1 - k)));
  return {out_.get(), written + kTrailerBytes};
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
