// kokeilu calibrate CALIBRATION.yaml: fit a scenario's parameters to target statistics by the
// method of simulated moments (the logic is engine/calibrate/calibrate.hpp); each evaluation's
// replications over the ranks of an MPI job when started by mpirun or srun.
#include <unistd.h>

#include <iostream>
#include <memory>

#include "calibrate/calibrate.hpp"
#include "cli/commands.hpp"
#include "cli/session.hpp"
#include "scenario/kind.hpp"

namespace kokeilu::cli {

void add_calibrate_command(CommandLine& cli) {
  auto options = std::make_shared<calibrate::CalibrateOptions>();
  auto& command = cli.add(
      "calibrate", "calibrate CALIBRATION.yaml [options]",
      "fit a scenario's parameters to target statistics (simulated moments)",
      "Fits the parameters a calibration file names (key paths of its scenario, with bounds) to its\n"
      "targets (statistics the engine computes: docs/calibration.md) by the method of simulated\n"
      "moments: NLopt's global pass, then a local one; every evaluation runs the same seeds (common\n"
      "random numbers). Prints the table of fit and writes, beside the calibration file, OUT.yaml\n"
      "(the fitted values: a scenario includes it as `settings:`), OUT-fit.txt and\n"
      "OUT-evaluations.tsv (OUT is the file's `output`). Under mpirun or srun each evaluation's\n"
      "replications are shared out over the ranks; rank 0 writes the same files.",
      [options] {
        options->progress = isatty(STDERR_FILENO);
        options->interrupt = &g_interrupted;
        // A scenario, comparison or part given by mistake: say which command it belongs to.
        const auto root = loading([&] { return scenario::yaml::load_file(options->calibration_file); });
        scenario::require_task_file(root, options->calibration_file, "calibration");
        return calibrate::run_calibration(*options, std::cout);
      });
  command.add_option("CALIBRATION", options->calibration_file, "calibration file")->required();
  command.add_option("--threads", options->threads, "worker threads (default: one per core); results do not depend on it")
      ->type_name("N")
      ->check(within(1, 1024));
  command.add_flag("--resume", options->resume,
                   "replay OUT-evaluations.tsv (no runs for the points in it), then go on");
}

}  // namespace kokeilu::cli
