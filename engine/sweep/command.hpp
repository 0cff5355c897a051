#pragma once
// `kokeilu sweep SWEEP -o OUT.h5`: the command's work behind one function, so that the command
// line (engine/cli) only parses options and maps errors to exit statuses.
#include <atomic>
#include <iosfwd>
#include <string>

namespace kokeilu::sweep {

struct SweepCommand {
  std::string sweep_file;
  std::string output;
  bool force = false;
  int threads = 0;               // runs of a point in parallel; 0 = one per core
  bool show_progress = false;    // on stderr (rank 0 only)
  std::string engine_version = "unknown";
  std::string git_revision = "unknown";
  const std::atomic<bool>* interrupt = nullptr;
  /// Checked by the callers of a `loading` wrapper: see engine/cli/main.cpp.
};

/// Reads the sweep, runs its points (over the ranks of an MPI job when started by mpirun or
/// srun), writes the output on rank 0 and prints a summary to `out` there. Returns the exit
/// status for ranks other than 0 that stop quietly because rank 0 reports the problem.
/// In a job of several ranks, a rank that fails once the runs have started prints why and ends
/// every rank (MPI_Abort): no rank waits for it, and no output file is written.
/// @throws ConfigError, InputError, Interrupted, IoError (as `kokeilu compare`)
int run_sweep_command(const SweepCommand& command, std::ostream& out);

}  // namespace kokeilu::sweep
