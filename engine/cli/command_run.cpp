// kokeilu run SCENARIO -o OUT.h5: one scenario to an HDF5 run file and a summary on stdout.
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>

#include "cli/commands.hpp"
#include "cli/progress.hpp"
#include "cli/session.hpp"
#include "core/calendar.hpp"
#include "io/checkpoint.hpp"
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
  // Checkpoints (docs/checkpoint.md).
  std::string checkpoint;     // write checkpoints here
  std::string checkpoint_at;  // a date
  int checkpoint_every = 0;   // weeks; 0: none
  bool resume = false;
  std::string from;           // continue from this checkpoint
};

int simulation_weeks(const scenario::ScenarioSpec& spec) { return Calendar(spec.run.start, spec.run.end).weeks(); }

/// The checkpoint continued from: --from, or with --resume the checkpoint file if it exists.
std::string continue_from(const RunArguments& args) {
  if ((!args.checkpoint_at.empty() || args.checkpoint_every > 0 || args.resume) && args.checkpoint.empty())
    throw UsageError(std::string(args.resume ? "--resume" : !args.checkpoint_at.empty() ? "--checkpoint-at" : "--checkpoint-every") +
                     " needs --checkpoint CK.h5");
  if (!args.checkpoint.empty() && args.checkpoint_at.empty() && args.checkpoint_every == 0 && !args.resume)
    throw UsageError("--checkpoint needs --checkpoint-at DATE or --checkpoint-every N");
  if (args.resume && !args.from.empty()) throw UsageError("--resume continues from --checkpoint CK.h5: leave out --from");
  if (args.resume && std::filesystem::exists(args.checkpoint)) return args.checkpoint;
  return args.from;
}

int run(const RunArguments& args) {
  const auto from_path = continue_from(args);
  std::optional<Date> at_date;
  if (!args.checkpoint_at.empty() && !(at_date = parse_date(args.checkpoint_at)))
    throw UsageError("--checkpoint-at expects a date YYYY-MM-DD, got '" + args.checkpoint_at + "'");
  const auto spec = loading([&] { return scenario::read_expecting(args.scenario_file, scenario::FileKind::scenario).scenario(); });
  sim::RunOptions options;
  options.threads = args.threads;
  options.reference = args.reference;
  options.interrupt = &g_interrupted;
  options.progress = run_progress(spec.total_persons_ever());
  const std::uint64_t seed = args.seed_given->count() ? args.seed : spec.run.seed;
  sim::check_memory(spec, options.trajectory_block_weeks);

  // Everything is checked before anything is written: the checkpoint continued from, then the
  // checkpoint and output paths.
  std::optional<io::Checkpoint> from;
  if (!from_path.empty()) from = loading([&] { return io::read_checkpoint(from_path, spec, seed, 0); });
  const int start_week = from ? from->state.week : 0;
  std::optional<int> at_week;
  if (at_date) {
    at_week = io::checkpoint_week(spec, *at_date);
    if (*at_week < start_week)
      throw InputError("--checkpoint-at " + args.checkpoint_at + " lies before the checkpoint continued from (" +
                       from->header.week_start + ")");
  }
  std::optional<io::CheckpointWriter> checkpoint_writer;
  if (!args.checkpoint.empty())
    checkpoint_writer.emplace(args.checkpoint, args.force || args.resume, spec, seed, 0, KOKEILU_VERSION);

  auto writer = writing(args.output, [&] {
    return std::make_unique<io::RunFileWriter>(args.output, args.force, KOKEILU_VERSION, KOKEILU_GIT_REVISION);
  });
  report::TotalsRecorder recorder;
  sim::FanOutSink sinks({writer.get(), &recorder});
  // A checkpoint inside the reported period keeps a record of the output so far.
  const Calendar calendar(spec.run.history_start, spec.run.end);
  const bool keep_record = args.checkpoint_every > 0 || (at_week && *at_week > calendar.week_of(spec.run.start));
  if (keep_record)  // the record: one byte per person and reported week
    sim::check_memory_bytes(sim::estimate_run_bytes(spec, options.trajectory_block_weeks) +
                                static_cast<std::uint64_t>(spec.total_persons_ever()) *
                                    static_cast<std::uint64_t>(simulation_weeks(spec)),
                            spec.total_persons_ever());
  io::RecordingSink recording(sinks);
  sim::RunSink& sink = keep_record ? static_cast<sim::RunSink&>(recording) : sinks;
  sim::Simulation simulation = from ? sim::Simulation(spec, std::move(from->state), seed) : sim::Simulation(spec, seed);
  std::string resume_hint;
  if (checkpoint_writer) {
    options.checkpoint_due = [&, start_week](int week) {
      return week == at_week || (args.checkpoint_every > 0 && week % args.checkpoint_every == 0 && week != start_week);
    };
    options.write_checkpoint = [&](const sim::RunState& state) {
      writing(args.checkpoint, [&] { checkpoint_writer->write(state, keep_record ? &recording.record() : nullptr); });
      resume_hint = "the last checkpoint, " + args.checkpoint + ", holds the state at " +
                    format_date(calendar.week_start(state.week)) + ": continue with the same command and --resume";
    };
  }
  if (from && from->record) io::replay(*from->record, simulation.header(options), sink);
  try {
    writing(args.output, [&] { simulation.run(sink, options); });
  } catch (const Interrupted&) {
    if (!resume_hint.empty()) std::cerr << "\nkokeilu: " << resume_hint;
    throw;
  }

  if (from) std::cout << "Continued from " << from_path << " (the state at " << from->header.week_start << ")\n";

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
  command.add_option("--checkpoint", args->checkpoint,
                     "write the run's complete state to CK.h5 (docs/checkpoint.md);\n"
                     "an existing CK.h5 is kept unless --force or --resume is given")
      ->type_name("CK.h5");
  command.add_option("--checkpoint-at", args->checkpoint_at,
                     "... at the start of the week containing DATE (YYYY-MM-DD, history included)")
      ->type_name("DATE");
  command.add_option("--checkpoint-every", args->checkpoint_every,
                     "... every N weeks from the history start, each replacing the last")
      ->type_name("N")
      ->check(within(1, 100000));
  command.add_flag("--resume", args->resume,
                   "continue from CK.h5 if it exists (after an interruption), else start\n"
                   "anew; OUT.h5 ends the same as an uninterrupted run's");
  command.add_option("--from", args->from,
                     "continue from a checkpoint of a scenario with the same history up to\n"
                     "it: the weeks from it on are the uninterrupted run's bits")
      ->type_name("CK.h5");
}

}  // namespace kokeilu::cli
