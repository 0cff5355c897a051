#include "io/chunk_deflate.hpp"

#include <zlib.h>

#include <string>

#include "core/errors.hpp"

namespace kokeilu::io {

struct ChunkDeflater::Stream {
  z_stream z{};
  Stream() {
    // Level 1 and Z_RLE: distance-1 matches only (runs of one status), no hash chains.
    if (deflateInit2(&z, 1, Z_DEFLATED, 15, 8, Z_RLE) != Z_OK)
      throw IoError("zlib: deflateInit2 failed" + std::string(z.msg != nullptr ? std::string(": ") + z.msg : ""));
  }
  ~Stream() { deflateEnd(&z); }
  Stream(const Stream&) = delete;
  Stream& operator=(const Stream&) = delete;
};

ChunkDeflater::ChunkDeflater() : stream_(std::make_unique<Stream>()) {}
ChunkDeflater::~ChunkDeflater() = default;
ChunkDeflater::ChunkDeflater(ChunkDeflater&&) noexcept = default;
ChunkDeflater& ChunkDeflater::operator=(ChunkDeflater&&) noexcept = default;

std::span<const std::uint8_t> ChunkDeflater::compress(std::span<const std::uint8_t> raw) {
  z_stream& z = stream_->z;
  if (deflateReset(&z) != Z_OK) throw IoError("zlib: deflateReset failed");
  out_.resize(deflateBound(&z, static_cast<uLong>(raw.size())));
  z.next_in = const_cast<Bytef*>(raw.data());  // zlib's API is not const-correct; it only reads
  z.avail_in = static_cast<uInt>(raw.size());
  z.next_out = out_.data();
  z.avail_out = static_cast<uInt>(out_.size());
  // One call: deflateBound guarantees room for the whole stream.
  const int status = deflate(&z, Z_FINISH);
  if (status != Z_STREAM_END)
    throw IoError("zlib: deflate of a " + std::to_string(raw.size()) + "-byte chunk failed (" + std::to_string(status) +
                  ")");
  return {out_.data(), static_cast<std::size_t>(z.total_out)};
}

}  // namespace kokeilu::io
