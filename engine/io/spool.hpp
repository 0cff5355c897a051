#pragma once
// A scratch file for a comparison's trajectory blocks (compare/comparison.cpp): rank 0 appends
// each block of its runs as the run produces it and reads the blocks back when the run's
// replication is measured and written, instead of holding every arm's trajectory in memory.
// The file has no name: it is made in the output's folder (the same disk as the output) and
// unlinked at once, so nothing is left behind, even after a crash or a kill; it needs about
// arms x persons x weeks bytes of disk per replication in flight (release() gives a written
// replication's space back).
#include <cstdint>
#include <filesystem>
#include <mutex>
#include <span>
#include <string>
#include <vector>

namespace kokeilu::io {

class Spool {
 public:
  /// Where a block lies in the file.
  struct Extent {
    std::uint64_t offset = 0;
    std::uint64_t size = 0;
  };

  /// An unnamed file in `folder` (O_TMPFILE, or a unique name unlinked as soon as it is open).
  /// @throws IoError
  static Spool in_folder(const std::filesystem::path& folder);
  /// The file at `path` as it is, written from offset 0 (tests: /dev/full fails every write as a
  /// full disk does). @throws IoError
  static Spool at(const std::filesystem::path& path);

  Spool(Spool&& other) noexcept;
  Spool& operator=(Spool&&) = delete;
  Spool(const Spool&) = delete;
  ~Spool();

  /// Appends `bytes` at the end. Thread-safe: concurrent appends go to distinct extents.
  /// @throws IoError naming the folder and the reason (a full disk)
  Extent append(std::span<const std::uint8_t> bytes);
  /// The bytes of `extent`, into `to` (resized to them). Thread-safe. @throws IoError
  void read(const Extent& extent, std::vector<std::uint8_t>& to) const;
  /// Gives the extent's disk space back (a hole in the file; nothing where the file system
  /// cannot). Its bytes must not be read again.
  void release(const Extent& extent);

 private:
  Spool(int fd, std::string where);
  int fd_ = -1;
  std::string where_;  // for messages: "the spool file in FOLDER"
  std::mutex mutex_;   // around end_
  std::uint64_t end_ = 0;
};

}  // namespace kokeilu::io
