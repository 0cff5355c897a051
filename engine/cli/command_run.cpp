// kokeilu run SCENARIO -o OUT.h5: one scenario to an HDF5 run file and a summary on stdout.
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "cli/progress.hpp"
#include "cli/session.hpp"
#include "io/run_writer.hpp"
#include "report/recorder.hpp"
#include "report/summary.hpp"
#include "scenario/kind.hpp"
#include "sim/simulation.hpp"

namespace kokeilu::cli {

namespace {

struct RunArguments {
  std::string scenario_file;
  std::string output;
  int threads = 0;  // one per core
  std::uint64_t seed = 0;
  CLI::Option* seed_given = nullptr;
  bool force = false;
  bool reference = false;
  bool json = false;
};

int run(const RunArguments& args) {
  const auto spec = loading([&] { return scenario::read_expecting(args.scenario_file, scenario::FileKind::scenario).scenario(); });
  sim::RunOptions options;
  options.threads = args.threads;
  options.reference = args.reference;
  options.interrupt = &g_interrupted;
  options.progress = run_progress(spec.total_persons_ever());
  const std::uint64_t seed = args.seed_given->count() ? args.seed : spec.run.seed;
  sim::check_memory(spec, options.trajectory_block_weeks);

  auto writer = writing(args.output, [&] {
    return std::make_unique<io::RunFileWriter>(args.output, args.force, KOKEILU_VERSION, KOKEILU_GIT_REVISION);
  });
  report::TotalsRecorder recorder;
  sim::FanOutSink sinks({writer.get(), &recorder});
  sim::Simulation simulation(spec, seed);
  writing(args.output, [&] { simulation.run(sinks, options); });

  const auto summary = report::summarise(spec, recorder);
  if (args.json) {
    std::cout << report::Json::object()
                     .set("command", report::Json::string("run"))
                     .set("output", report::Json::string(args.output))
                     .set("scenario", report::Json::string(spec.name))
                     .set("seed", report::Json::unsigned_integer(seed))
                     .set("persons_ever", report::Json::integer(static_cast<std::int64_t>(simulation.people().size())))
                     .set("history_weeks", report::Json::integer(simulation.history_weeks()))
                     .set("summary", report::summary_json(summary))
                     .dump();
    return 0;
  }
  std::cout << "Wrote " << args.output << ": " << simulation.people().size()
            << " persons (everyone ever in the population) x " << simulation.weeks() << " weeks after "
            << simulation.history_weeks() << " weeks of history, seed " << seed << "\n";
  std::cout << report::format_summary(summary);
  return 0;
}

}  // namespace

void add_run_command(CommandLine& cli) {
  auto args = std::make_shared<RunArguments>();
  auto& command = cli.add(
      "run", "run SCENARIO -o OUT.h5 [options]", "simulate a scenario, write trajectories and totals to HDF5",
      "Simulates SCENARIO week by week and writes OUT.h5 (schema: docs/hdf5-schema.md), then prints a\n"
      "summary on stdout. Progress goes to stderr when it is a terminal. OUT.h5 appears only when the\n"
      "run is complete; an existing file is kept unless --force is given.",
      [args] { return run(*args); });
  command.add_option("SCENARIO", args->scenario_file, "scenario file")->required();
  command.add_option("-o,--output", args->output, "output file (required)")->required()->type_name("OUT.h5");
  command.add_option("--threads", args->threads, "worker threads (default: one per core); results do not depend on it")
      ->type_name("N")
      ->check(within(1, 1024));
  args->seed_given = command.add_option("--seed", args->seed, "override the scenario's run.seed (a non-negative integer)")
                         ->check(non_negative())
                         ->type_name("S");
  command.add_flag("--force", args->force, "overwrite OUT.h5 if it exists");
  command.add_flag("--reference", args->reference, "use the serial reference stepper (slow; for checking)");
  command.add_flag("--json", args->json,
                   "print the summary as JSON on stdout instead of the table (fields: docs/cli-json.md)");
}

}  // namespace kokeilu::cli
