#pragma once
// Text outputs of the calibration commands (fitted overlay, fit report), written like every
// output of the engine: under a temporary name, renamed when complete (io/output_file.hpp).
#include <filesystem>
#include <string>

namespace kokeilu::calibrate {

/// @throws InputError if `file` cannot be written (missing folder, not a regular file).
void check_writable(const std::filesystem::path& file);
/// Replaces `file` by `text` atomically. @throws IoError
void write_text_file(const std::filesystem::path& file, const std::string& text);

}  // namespace kokeilu::calibrate
