#include "io/spool.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

#include "core/errors.hpp"

namespace kokeilu::io {

namespace {

std::string reason(int error) { return std::strerror(error); }

}  // namespace

Spool::Spool(int fd, std::string where) : fd_(fd), where_(std::move(where)) {}

Spool::Spool(Spool&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)), where_(std::move(other.where_)), end_(other.end_) {}

Spool::~Spool() {
  if (fd_ >= 0) ::close(fd_);
}

Spool Spool::in_folder(const std::filesystem::path& folder) {
  const auto dir = folder.empty() ? std::filesystem::path(".") : folder;
  std::string where = "the spool file in " + dir.string();
#ifdef O_TMPFILE
  if (const int fd = ::open(dir.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600); fd >= 0) return {fd, std::move(where)};
#endif
  // No O_TMPFILE here: a unique name, unlinked as soon as it is open.
  std::string name = (dir / ".kokeilu-spool-XXXXXX").string();
  const int fd = ::mkostemp(name.data(), O_CLOEXEC);
  if (fd < 0) throw IoError("cannot create " + where + ": " + reason(errno));
  ::unlink(name.c_str());
  return {fd, std::move(where)};
}

Spool Spool::at(const std::filesystem::path& path) {
  const int fd = ::open(path.c_str(), O_RDWR | O_CLOEXEC);
  if (fd < 0) throw IoError("cannot open the spool file " + path.string() + ": " + reason(errno));
  return {fd, "the spool file " + path.string()};
}

Spool::Extent Spool::append(std::span<const std::uint8_t> bytes) {
  Extent extent;
  extent.size = bytes.size();
  {
    const std::lock_guard lock(mutex_);
    extent.offset = end_;
    end_ += extent.size;
  }
  std::uint64_t done = 0;
  while (done < extent.size) {
    const ::ssize_t wrote = ::pwrite(fd_, bytes.data() + done, extent.size - done, static_cast<::off_t>(extent.offset + done));
    if (wrote < 0 && errno == EINTR) continue;
    if (wrote <= 0)
      throw IoError("cannot write " + where_ + " (trajectory blocks waiting to be written): " +
                    reason(wrote < 0 ? errno : ENOSPC) + "; it needs about arms x persons x weeks bytes of disk");
    done += static_cast<std::uint64_t>(wrote);
  }
  return extent;
}

void Spool::read(const Extent& extent, std::vector<std::uint8_t>& to) const {
  to.resize(extent.size);
  std::uint64_t done = 0;
  while (done < extent.size) {
    const ::ssize_t got = ::pread(fd_, to.data() + done, extent.size - done, static_cast<::off_t>(extent.offset + done));
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) throw IoError("cannot read " + where_ + " back: " + (got < 0 ? reason(errno) : "it ended early"));
    done += static_cast<std::uint64_t>(got);
  }
}

void Spool::release(const Extent& extent) {
#if defined(FALLOC_FL_PUNCH_HOLE) && defined(FALLOC_FL_KEEP_SIZE)
  if (extent.size > 0)
    (void)::fallocate(fd_, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, static_cast<::off_t>(extent.offset),
                      static_cast<::off_t>(extent.size));
#else
  (void)extent;
#endif
}

}  // namespace kokeilu::io
