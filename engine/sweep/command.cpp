#include "sweep/command.hpp"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <optional>

#include "core/errors.hpp"
#include "io/output_file.hpp"
#include "parallel/team.hpp"
#include "sweep/sweep.hpp"
#include "sweep/sweep_spec.hpp"
#include "sweep/sweep_writer.hpp"

namespace kokeilu::sweep {

namespace {

std::function<void(std::size_t, std::size_t)> progress_reporter(int ranks) {
  const auto started = std::chrono::steady_clock::now();
  return [started, ranks](std::size_t done, std::size_t total) {
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::fprintf(stderr, "\rpoint %zu/%zu%s  %.0f s ", done, total, ranks > 1 ? " of rank 0's" : "", seconds);
    if (done == total) std::fprintf(stderr, "\n");
  };
}

}  // namespace

int run_sweep_command(const SweepCommand& command, std::ostream& out) {
  const auto team = parallel::Team::join();
  // Every rank reads the sweep: a bad sweep fails the same way on each, and rank 0 reports it.
  std::optional<SweepSpec> spec;
  try {
    spec = load_sweep(command.sweep_file);
  } catch (const Error&) {
    if (team->leader()) throw;
    return 2;
  }
  // Rank 0 checks the output before anything runs; the others learn whether to go on.
  std::optional<io::OutputFile> output;
  std::optional<InputError> refused;
  if (team->leader()) {
    try {
      output.emplace(command.output, command.force);
    } catch (const InputError& e) {
      refused = e;
    }
  }
  if (!team->everyone(!refused)) {
    if (refused) throw *refused;
    return 2;
  }

  SweepOptions options;
  options.threads = command.threads;
  options.interrupt = command.interrupt;
  if (command.show_progress && team->leader()) options.progress = progress_reporter(team->size());
  SweepResult result;
  try {
    result = run_sweep(*spec, options, *team);
  } catch (const std::exception& e) {
    output.reset();  // removes nothing yet written, but says so
    parallel::end_job_after(*team, e);
    throw;
  }
  if (!team->leader()) return 0;

  write_sweep_file(*output, *spec, result, SweepFileInfo{command.engine_version, command.git_revision});
  out << "Wrote " << command.output << ": " << spec->points.size() << " points (" << design_name(spec->design) << ") x "
      << result.arms.size() + 1 << " arms x " << result.replications << " replications of "
      << spec->comparison.file().string() << (team->size() > 1 ? " over " + std::to_string(team->size()) + " ranks" : "")
      << "\n";
  return 0;
}

}  // namespace kokeilu::sweep
