#pragma once
// `kokeilu info`: a human-readable description of a Kokeilu output file (run or comparison).
#include <filesystem>
#include <string>

namespace kokeilu::io {

/// @throws InputError if the file is missing, not HDF5, not a Kokeilu file, of an unknown schema
/// version, or incomplete (interrupted).
std::string describe_file(const std::filesystem::path& file);

}  // namespace kokeilu::io
