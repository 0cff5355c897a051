#include "io/output_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>

#include "core/errors.hpp"

namespace kokeilu::io {

namespace {
std::atomic<unsigned> g_temporary_counter{0};
}

OutputFile::OutputFile(std::filesystem::path output, bool force) : output_(std::move(output)), force_(force) {
  namespace fs = std::filesystem;
  if (output_.empty()) throw InputError("no output file given");
  if (!output_.has_filename()) throw InputError("output " + output_.string() + " names a folder, not a file");
  fs::path folder = output_.parent_path();
  if (folder.empty()) folder = ".";
  std::error_code ec;
  if (!fs::is_directory(folder, ec))
    throw InputError("cannot write " + output_.string() + ": folder " + folder.string() + " does not exist");
  if (::access(folder.c_str(), W_OK | X_OK) != 0)
    throw InputError("cannot write " + output_.string() + ": folder " + folder.string() + " is not writable");
  const auto status = fs::status(output_, ec);
  if (fs::exists(status)) {
    if (fs::is_directory(status)) throw InputError("output " + output_.string() + " is a folder");
    // --force replaces a finished output, never a device, pipe or socket (e.g. -o /dev/null).
    if (!fs::is_regular_file(status)) {
      const std::string kind = fs::is_character_file(status) || fs::is_block_file(status) ? "a device"
                               : fs::is_fifo(status)                                      ? "a named pipe"
                                                                                          : "a special file";
      throw InputError("output " + output_.string() + " is not a regular file (" + kind +
                       "): it is never replaced, with or without --force");
    }
    if (!force_) throw InputError("output " + output_.string() + " exists (use --force to overwrite it)");
  }
  temporary_ = folder / ("." + output_.filename().string() + ".tmp-" + std::to_string(::getpid()) + "-" +
                         std::to_string(g_temporary_counter.fetch_add(1)));
}

OutputFile::~OutputFile() {
  if (!committed_) discard();
}

void OutputFile::commit() {
  if (committed_) return;
  if (force_) {
    if (std::rename(temporary_.c_str(), output_.c_str()) != 0)
      throw IoError("cannot rename " + temporary_.string() + " to " + output_.string() + ": " + std::strerror(errno));
  } else if (::renameat2(AT_FDCWD, temporary_.c_str(), AT_FDCWD, output_.c_str(), RENAME_NOREPLACE) != 0) {
    const int error = errno;
    if (error == EEXIST)
      throw InputError("output " + output_.string() + " appeared while it was being written (use --force to overwrite it)");
    // File systems without RENAME_NOREPLACE: check, then rename (a small race, documented).
    if (error != EINVAL && error != ENOSYS)
      throw IoError("cannot rename " + temporary_.string() + " to " + output_.string() + ": " + std::strerror(error));
    if (std::filesystem::exists(output_))
      throw InputError("output " + output_.string() + " appeared while it was being written (use --force to overwrite it)");
    if (std::rename(temporary_.c_str(), output_.c_str()) != 0)
      throw IoError("cannot rename " + temporary_.string() + " to " + output_.string() + ": " + std::strerror(errno));
  }
  committed_ = true;
}

void OutputFile::discard() noexcept {
  std::error_code ignored;
  std::filesystem::remove(temporary_, ignored);
}

}  // namespace kokeilu::io
