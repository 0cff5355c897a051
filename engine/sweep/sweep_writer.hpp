#pragma once
// Writes a sweep (`kokeilu sweep`) to one HDF5 file, layout in docs/sweep-schema.md. Written under
// a temporary name and renamed when complete, like every Kokeilu output.
#include <filesystem>
#include <string>

#include "io/output_file.hpp"
#include "sweep/sweep.hpp"
#include "sweep/sweep_spec.hpp"

namespace kokeilu::sweep {

struct SweepFileInfo {
  std::string engine_version = "unknown";
  std::string git_revision = "unknown";
};

/// Writes `output`'s temporary file and renames it to the output (OutputFile::commit); on a
/// failure the temporary file is left for `output` to remove.
/// @throws InputError (the output appeared meanwhile), IoError
void write_sweep_file(io::OutputFile& output, const SweepSpec& spec, const SweepResult& result,
                      const SweepFileInfo& info);

}  // namespace kokeilu::sweep
