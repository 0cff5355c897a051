#pragma once
// The life of an output file: checked before any work, written under a temporary name in the
// same folder (so the final rename is atomic), renamed over the output when complete, and
// removed if the writer gives up. A file at the output path is therefore always complete.
#include <filesystem>

namespace kokeilu::io {

class OutputFile {
 public:
  /// Checks that the folder of `output` exists and is writable, and that `output` does not exist
  /// unless `force`; an output that is not a regular file (a device) is refused even with `force`.
  /// Creates nothing.
  /// @throws InputError with a message naming the path and what to do
  OutputFile(std::filesystem::path output, bool force);
  /// Removes the temporary file unless committed.
  ~OutputFile();
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  const std::filesystem::path& output() const { return output_; }
  /// ".OUT.h5.tmp-<pid>-<n>" beside the output.
  const std::filesystem::path& temporary() const { return temporary_; }

  /// Renames the (closed) temporary file to the output. Without force, an output that appeared
  /// meanwhile is not replaced. @throws InputError (output appeared), IoError
  void commit();
  /// Removes the temporary file now; never throws.
  void discard() noexcept;

 private:
  std::filesystem::path output_;
  std::filesystem::path temporary_;
  bool force_;
  bool committed_ = false;
};

}  // namespace kokeilu::io
