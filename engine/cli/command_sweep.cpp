// kokeilu sweep SWEEP -o OUT.h5: a comparison at every point of a sweep (engine/sweep), over the
// ranks of an MPI job when started by mpirun or srun.
#include <unistd.h>

#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "cli/session.hpp"
#include "sweep/command.hpp"

namespace kokeilu::cli {

void add_sweep_command(CommandLine& cli) {
  auto args = std::make_shared<sweep::SweepCommand>();
  auto& command = cli.add(
      "sweep", "sweep SWEEP -o OUT.h5 [options]",
      "run a comparison at every point of a sweep (a grid, a Latin hypercube\n"
      "or a Sobol sample of parameters) and write each point's effects",
      "Reads SWEEP (a sweep file: a comparison file, parameters as key paths with values or ranges, the\n"
      "design, the number of points; see docs/sweep-schema.md), runs the comparison at every point and\n"
      "writes OUT.h5 with each point's values and its effects against the baseline arm with 95 %\n"
      "intervals. Under mpirun or srun the points are shared out over the ranks; the file is the same.\n"
      "OUT.h5 appears only when the sweep is complete.",
      [args] {
        args->interrupt = &g_interrupted;
        args->show_progress = isatty(STDERR_FILENO) != 0;
        args->engine_version = KOKEILU_VERSION;
        args->git_revision = KOKEILU_GIT_REVISION;
        return writing(args->output, [&] { return sweep::run_sweep_command(*args, std::cout); });
      });
  command.add_option("SWEEP", args->sweep_file, "sweep file")->required();
  command.add_option("-o,--output", args->output, "output file (required)")->required()->type_name("OUT.h5");
  command.add_option("--threads", args->threads, "runs in parallel per process (default: one per core)")
      ->type_name("N")
      ->check(within(1, 1024));
  command.add_flag("--force", args->force, "overwrite OUT.h5 if it exists");
}

}  // namespace kokeilu::cli
