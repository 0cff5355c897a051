// The `kokeilu` command: run, validate, info, calibrate.
// Exit status: 0 success; 1 failure of the engine or the machine; 2 bad input (scenario, file,
// usage); 130 interrupted. An output file exists only if the run completed.
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/arguments.hpp"
#include "compare/comparison.hpp"
#include "compare/summary.hpp"
#include "core/errors.hpp"
#include "io/checkpoint.hpp"
#include "io/describe.hpp"
#include "io/output_file.hpp"
#include "io/hdf5.hpp"
#include "io/run_writer.hpp"
#include "report/calibration.hpp"
#include "report/recorder.hpp"
#include "report/summary.hpp"
#include "scenario/load.hpp"
#include "scenario/yaml_reader.hpp"
#include "sim/simulation.hpp"

namespace kokeilu::cli {
namespace {

std::atomic<bool> g_interrupted{false};
// Said after an interrupt when a checkpoint was written: how to continue.
std::string g_resume_hint;
// While input is read nothing has been written and the loader has no loop to check a flag in
// (yaml-cpp parses on its own): an interrupt then ends the process at once.
std::atomic<bool> g_loading{false};
extern "C" void on_signal(int) {
  if (g_loading.load()) {
    static constexpr char kMessage[] = "\nkokeilu: interrupted while reading the input; no output file was written\n";
    [[maybe_unused]] const auto written = ::write(STDERR_FILENO, kMessage, sizeof kMessage - 1);
    ::_exit(130);
  }
  g_interrupted.store(true);
}

/// `read()`, interruptible at any point (see g_loading).
template <typename F>
auto loading(F&& read) {
  struct Done {
    ~Done() { g_loading.store(false); }
  } done;
  g_loading.store(true);
  if (g_interrupted.load()) throw Interrupted();
  return read();
}

void install_signal_handlers() {
  struct sigaction action {};
  action.sa_handler = on_signal;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

/// `write()`, with a failure to write (a full disk) naming the output file.
template <typename F>
auto writing(const std::string& output, F&& write) {
  try {
    return write();
  } catch (const IoError& e) {
    throw IoError("cannot write " + output + ": " + e.what());
  }
}

constexpr const char* kUsage = R"(usage: kokeilu <command> [options]

Agent-based simulation of jobseekers under Finnish municipal employment pilots.

commands:
  run SCENARIO -o OUT.h5   simulate a scenario, write trajectories and totals to HDF5
  compare SPEC -o OUT.h5   run several designs (arms) on one population, with replications,
                           and write the runs and their effects against the baseline arm
  validate SCENARIO        check a scenario file (and every file it includes)
  info OUT.h5              describe an output file
  calibrate SCENARIO       simulated vs target job-finding hazards by spell bracket

Run 'kokeilu <command> --help' for a command's options. Exit status: 0 success,
1 engine failure, 2 bad input, 130 interrupted.
)";

constexpr const char* kRunUsage = R"(usage: kokeilu run SCENARIO -o OUT.h5 [--threads N] [--seed S] [--force] [--reference]
                   [--checkpoint CK.h5 (--checkpoint-at DATE | --checkpoint-every N) [--resume]]
                   [--from CK.h5]

Simulates SCENARIO week by week and writes OUT.h5 (schema: docs/hdf5-schema.md), then prints a
summary on stdout. Progress goes to stderr when it is a terminal. OUT.h5 appears only when the
run is complete; an existing file is kept unless --force is given.

  -o, --output OUT.h5   output file (required)
  --threads N           worker threads (default: one per core); results do not depend on it
  --seed S              override the scenario's run.seed (a non-negative integer)
  --force               overwrite OUT.h5 if it exists
  --reference           use the serial reference stepper (slow; for checking)
  --checkpoint CK.h5    write the run's complete state to CK.h5 (layout: docs/checkpoint.md);
                        an existing CK.h5 is kept unless --force or --resume is given
  --checkpoint-at DATE  ... at the start of the week containing DATE (YYYY-MM-DD, history included)
  --checkpoint-every N  ... every N weeks (counted from the history start), each replacing the last
  --resume              continue from CK.h5 if it exists (after an interruption), else start anew;
                        OUT.h5 ends the same as an uninterrupted run's
  --from CK.h5          continue from a checkpoint of a scenario with the same history up to it:
                        the weeks from it on are the same bits as the uninterrupted run's
)";

constexpr const char* kCompareUsage = R"(usage: kokeilu compare COMPARISON -o OUT.h5 [--threads N] [--seed S] [--replications R]
                       [--force] [--no-trajectories] [--from CK.h5] [--checkpoint CK.h5]

Runs every arm of COMPARISON (a comparison file: population, labour market, arms, replications,
pilot period, follow-up; see scenarios/compare-satakunta-2012-2016.yaml) on the same population
and the same random streams, writes OUT.h5 (layout: docs/comparison-schema.md) and prints the
effects of each arm against the baseline arm with 95 % intervals across replications. Progress
goes to stderr when it is a terminal. OUT.h5 appears only when the comparison is complete.

  -o, --output OUT.h5   output file (required)
  --threads N           runs in parallel (default: one per core); results do not depend on it
  --seed S              override the comparison's run.seed
  --replications R      override the number of replications (R >= 1)
  --force               overwrite OUT.h5 if it exists
  --no-trajectories     leave out the per-person weekly statuses (a much smaller file)
  --from CK.h5          branch every arm and replication from a checkpoint at or before run.start
                        (written by `kokeilu run --checkpoint-at` or `compare --checkpoint`) instead
                        of simulating the history; it must come from the same history
  --checkpoint CK.h5    write the state every arm branches from (run.start) to CK.h5
)";

constexpr const char* kValidateUsage = R"(usage: kokeilu validate SCENARIO

Loads SCENARIO and every file it includes, checks every value, and prints a short description.
Errors name file:line:column and the key; exit status 2.
)";

constexpr const char* kInfoUsage = R"(usage: kokeilu info OUT.h5

Describes a Kokeilu output file: schema and engine versions, scenario, seed, dates, datasets.
)";

constexpr const char* kCalibrateUsage = R"(usage: kokeilu calibrate SCENARIO [--fit N] [--burn-in WEEKS] [--threads N]

Runs SCENARIO without output and prints the simulated weekly hazard of leaving unemployment
for an open job by spell bracket against the scenario's targets (behaviour.calibration).
Exit status 0 when every bracket is within the tolerance, 1 otherwise.

  --fit N           adjust behaviour.search_effort.duration N times towards the targets and
                    print the fitted values (paste them into the behaviour file)
  --burn-in WEEKS   weeks left out at the start (default 26)
  --threads N       worker threads
)";

bool wants_help(const std::vector<std::string>& args) {
  for (const auto& a : args)
    if (a == "--help" || a == "-h") return true;
  return false;
}

std::string single_positional(const Arguments& args, const char* what) {
  if (args.positional().size() != 1)
    throw UsageError(std::string("expected one ") + what + ", got " + std::to_string(args.positional().size()));
  return args.positional()[0];
}

/// Progress on stderr, only when a person is watching.
std::function<void(int, int)> progress_reporter(std::int64_t persons) {
  if (!isatty(STDERR_FILENO)) return {};
  const auto started = std::chrono::steady_clock::now();
  return [persons, started](int done, int total) {
    if (done % 4 != 0 && done != total) return;
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    const double rate = seconds > 0 ? static_cast<double>(persons) * done / seconds / 1e6 : 0.0;
    std::fprintf(stderr, "\rweek %d/%d (%3d%%)  %.1f M agent-weeks/s ", done, total, 100 * done / total, rate);
    if (done == total) std::fprintf(stderr, "\n");
  };
}

/// The checkpoints of `kokeilu run`: where from, where to, when.
struct RunCheckpoints {
  std::optional<std::string> from;   // continue from this checkpoint
  std::optional<std::string> path;   // write checkpoints here
  std::optional<Date> at;
  int every = 0;                     // weeks; 0: none
  bool resume = false;
};

RunCheckpoints checkpoint_arguments(const Arguments& args) {
  RunCheckpoints c;
  c.from = args.value("--from");
  c.path = args.value("--checkpoint");
  c.resume = args.flag("--resume");
  c.every = static_cast<int>(args.integer("--checkpoint-every", 0, 1, 100000));
  if (const auto at = args.value("--checkpoint-at")) {
    c.at = parse_date(*at);
    if (!c.at) throw UsageError("--checkpoint-at expects a date YYYY-MM-DD, got '" + *at + "'");
  }
  if ((c.at || c.every > 0 || c.resume) && !c.path)
    throw UsageError(std::string(c.resume ? "--resume" : c.at ? "--checkpoint-at" : "--checkpoint-every") +
                     " needs --checkpoint CK.h5");
  if (c.path && !c.at && c.every == 0 && !c.resume)
    throw UsageError("--checkpoint needs --checkpoint-at DATE or --checkpoint-every N");
  if (c.resume && c.from) throw UsageError("--resume continues from --checkpoint CK.h5: leave out --from");
  if (c.resume && std::filesystem::exists(*c.path)) c.from = c.path;
  return c;
}

int command_run(const std::vector<std::string>& raw) {
  if (wants_help(raw)) { std::cout << kRunUsage; return 0; }
  std::vector<std::string> normalised;
  for (const auto& a : raw) normalised.push_back(a == "-o" ? "--output" : a);
  const Arguments args(normalised, {"--output", "--threads", "--seed", "--checkpoint", "--checkpoint-at",
                                    "--checkpoint-every", "--from"},
                       {"--force", "--reference", "--resume"});
  const auto scenario_file = single_positional(args, "scenario file");
  const auto output = args.value("--output");
  if (!output) throw UsageError("missing -o OUT.h5");
  const auto checkpoints = checkpoint_arguments(args);

  const auto spec = loading([&] { return scenario::load_scenario(scenario_file); });
  sim::RunOptions options;
  options.threads = static_cast<int>(args.integer("--threads", 0, 1, 1024));
  options.reference = args.flag("--reference");
  options.interrupt = &g_interrupted;
  options.progress = progress_reporter(spec.total_persons_ever());
  const std::uint64_t seed = args.unsigned_integer("--seed").value_or(spec.run.seed);
  sim::check_memory(spec, options.trajectory_block_weeks);

  // Everything is checked before anything is written: the checkpoint continued from, then the
  // checkpoint and output paths.
  std::optional<io::Checkpoint> from;
  if (checkpoints.from) from = loading([&] { return io::read_checkpoint(*checkpoints.from, spec, seed, 0); });
  const int start_week = from ? from->state.week : 0;
  std::optional<int> at_week;
  if (checkpoints.at) {
    at_week = io::checkpoint_week(spec, *checkpoints.at);
    if (*at_week < start_week)
      throw InputError("--checkpoint-at " + format_date(*checkpoints.at) + " lies before the checkpoint continued from (" +
                       from->header.week_start + ")");
  }
  std::optional<io::CheckpointWriter> checkpoint_writer;
  if (checkpoints.path)
    checkpoint_writer.emplace(*checkpoints.path, args.flag("--force") || checkpoints.resume, spec, seed, 0,
                              KOKEILU_VERSION);

  auto writer = writing(*output, [&] {
    return std::make_unique<io::RunFileWriter>(*output, args.flag("--force"), KOKEILU_VERSION, KOKEILU_GIT_REVISION);
  });
  report::TotalsRecorder recorder;
  sim::FanOutSink sinks({writer.get(), &recorder});
  // A checkpoint inside the reported period keeps a record of the output so far.
  const int history_weeks = Calendar(spec.run.history_start, spec.run.end).week_of(spec.run.start);
  const bool keep_record = checkpoints.every > 0 || (at_week && *at_week > history_weeks);
  io::RecordingSink recording(sinks);
  sim::RunSink& sink = keep_record ? static_cast<sim::RunSink&>(recording) : sinks;
  sim::Simulation simulation = from ? sim::Simulation(spec, std::move(from->state), seed) : sim::Simulation(spec, seed);
  if (checkpoint_writer) {
    options.checkpoint_due = [&, start_week](int week) {
      return week != start_week && (week == at_week || (checkpoints.every > 0 && week % checkpoints.every == 0));
    };
    options.write_checkpoint = [&](const sim::RunState& state) {
      writing(checkpoint_writer->path().string(), [&] { checkpoint_writer->write(state, keep_record ? &recording.record() : nullptr); });
      g_resume_hint = "the last checkpoint, " + checkpoint_writer->path().string() + ", holds the state at " +
                      format_date(Calendar(spec.run.history_start, spec.run.end).week_start(state.week)) +
                      ": continue with the same command and --resume";
    };
  }
  if (from && from->record) io::replay(*from->record, simulation.header(options), sink);
  writing(*output, [&] { simulation.run(sink, options); });

  if (from) std::cout << "Continued from " << *checkpoints.from << " (the state at " << from->header.week_start << ")\n";
  std::cout << "Wrote " << *output << ": " << simulation.people().size() << " persons (everyone ever in the population) x "
            << simulation.weeks() << " weeks after " << simulation.history_weeks() << " weeks of history, seed " << seed
            << "\n";
  std::cout << report::format_summary(report::summarise(spec, recorder));
  return 0;
}

/// Progress of a comparison on stderr, only when a person is watching.
std::function<void(std::uint64_t, std::uint64_t)> comparison_progress_reporter() {
  if (!isatty(STDERR_FILENO)) return {};
  const auto started = std::chrono::steady_clock::now();
  auto last_percent = std::make_shared<int>(-1);
  return [started, last_percent](std::uint64_t done, std::uint64_t total) {
    const int percent = static_cast<int>(100 * done / std::max<std::uint64_t>(total, 1));
    if (percent == *last_percent) return;
    *last_percent = percent;
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    const double rate = seconds > 0 ? static_cast<double>(done) / seconds / 1e6 : 0.0;
    std::fprintf(stderr, "\r%3d%% of %.0f M agent-weeks  %.1f M agent-weeks/s ", percent,
                 static_cast<double>(total) / 1e6, rate);
    if (done >= total) std::fprintf(stderr, "\n");
  };
}

int command_compare(const std::vector<std::string>& raw) {
  if (wants_help(raw)) { std::cout << kCompareUsage; return 0; }
  std::vector<std::string> normalised;
  for (const auto& a : raw) normalised.push_back(a == "-o" ? "--output" : a);
  const Arguments args(normalised, {"--output", "--threads", "--seed", "--replications", "--from", "--checkpoint"},
                       {"--force", "--no-trajectories"});
  const auto spec_file = single_positional(args, "comparison file");
  const auto output = args.value("--output");
  if (!output) throw UsageError("missing -o OUT.h5");

  auto spec = loading([&] { return scenario::load_comparison(spec_file); });
  if (const auto seed = args.unsigned_integer("--seed")) spec.base.run.seed = *seed;
  spec.replications = static_cast<int>(args.integer("--replications", spec.replications, 1, scenario::yaml::kMaxReplications));

  compare::CompareOptions options;
  options.threads = static_cast<int>(args.integer("--threads", 0, 1, 1024));
  options.write_trajectories = !args.flag("--no-trajectories");
  options.engine_version = KOKEILU_VERSION;
  options.git_revision = KOKEILU_GIT_REVISION;
  options.progress = comparison_progress_reporter();
  options.interrupt = &g_interrupted;
  std::optional<io::Checkpoint> from;
  if (const auto path = args.value("--from")) {
    const auto header = loading([&] { return io::read_checkpoint_header(*path); });
    const Calendar calendar(spec.base.run.history_start, spec.base.run.end);
    if (header.week > calendar.week_of(spec.base.run.start))
      throw InputError("checkpoint " + *path + " holds the state at " + header.week_start +
                       ", after the comparison's arms branch (run.start " + format_date(spec.base.run.start) +
                       "): use a checkpoint at or before it");
    from = loading([&] { return io::read_checkpoint(*path, spec.base, spec.base.run.seed, 0); });
    options.start_from = &from->state;
  }
  std::optional<io::CheckpointWriter> checkpoint_writer;
  if (const auto path = args.value("--checkpoint")) {
    io::OutputFile check_output(*output, args.flag("--force"));  // before the checkpoint is written
    checkpoint_writer.emplace(*path, args.flag("--force"), spec.base, spec.base.run.seed, 0, KOKEILU_VERSION);
    options.at_branch = [&](const sim::RunState& state) {
      writing(checkpoint_writer->path().string(), [&] { checkpoint_writer->write(state, nullptr); });
    };
  }
  const auto result = writing(*output, [&] {
    return compare::run_comparison(spec, options, compare::OutputFile{*output, args.flag("--force")});
  });

  std::cout << "Wrote " << *output << "\n" << compare::format_comparison_summary(spec, result);
  return 0;
}

int command_validate(const std::vector<std::string>& raw) {
  if (wants_help(raw)) { std::cout << kValidateUsage; return 0; }
  const Arguments args(raw, {}, {});
  const auto spec = loading([&] { return scenario::load_scenario(single_positional(args, "scenario file")); });
  std::cout << spec.source_file << ": valid\n"
            << "  scenario: " << spec.name << "\n"
            << "  period: " << format_date(spec.run.start) << " to " << format_date(spec.run.end) << " ("
            << Calendar(spec.run.start, spec.run.end).weeks() << " weeks), seed " << spec.run.seed << "\n"
            << "  persons: " << spec.total_persons() << " in " << spec.municipalities.size()
            << " municipalities, " << spec.markets.size() << " labour-market areas\n"
            << "  memory needed: about "
            << (sim::estimate_run_bytes(spec, sim::RunOptions{}.trajectory_block_weeks) >> 20) << " MiB\n";
  return 0;
}

int command_info(const std::vector<std::string>& raw) {
  if (wants_help(raw)) { std::cout << kInfoUsage; return 0; }
  const Arguments args(raw, {}, {});
  std::cout << io::describe_file(single_positional(args, "output file"));
  return 0;
}

int command_calibrate(const std::vector<std::string>& raw) {
  if (wants_help(raw)) { std::cout << kCalibrateUsage; return 0; }
  const Arguments args(raw, {"--fit", "--burn-in", "--threads"}, {});
  auto spec = loading([&] { return scenario::load_scenario(single_positional(args, "scenario file")); });
  if (spec.behaviour.target_monthly_job_finding.empty())
    throw InputError(spec.source_file + ": the behaviour states no calibration targets");
  const int fits = static_cast<int>(args.integer("--fit", 0, 0, 100));
  const int burn_in = static_cast<int>(args.integer("--burn-in", 26, 0, 10000));
  if (const int weeks = Calendar(spec.run.start, spec.run.end).weeks(); burn_in >= weeks)
    throw UsageError("--burn-in " + std::to_string(burn_in) + " leaves nothing of the run's " + std::to_string(weeks) +
                     " weeks to compare");
  sim::RunOptions options;
  options.threads = static_cast<int>(args.integer("--threads", 0, 1, 1024));
  options.interrupt = &g_interrupted;

  std::vector<report::CalibrationRow> rows;
  for (int round = 0; round <= fits; ++round) {
    report::TotalsRecorder recorder;
    sim::Simulation(spec, spec.run.seed).run(recorder, options);
    rows = report::calibration_table(spec.behaviour, recorder, burn_in);
    if (round == fits) break;
    // Each bracket's log effort moves by the log of the missing factor; the market's response
    // (more effort, lower rate per unit) is absorbed over the rounds.
    auto& duration = spec.behaviour.search_effort.duration;
    for (std::size_t b = 0; b < rows.size(); ++b)
      if (rows[b].found_job > 0) duration[b] += std::log(rows[b].target_weekly / rows[b].simulated_weekly);
  }
  std::cout << report::format_calibration(rows, spec.behaviour.calibration_tolerance);
  if (fits > 0) {
    std::cout << "Fitted search_effort.duration:\n  duration: [";
    for (int b = 0; b < scenario::kDurationBracketCount; ++b)
      std::printf("%s%.3f", b ? ", " : "", spec.behaviour.search_effort.duration[b]);
    std::cout << std::flush;
    std::printf("]\n");
  }
  return report::within_tolerance(rows, spec.behaviour.calibration_tolerance) ? 0 : 1;
}

int dispatch(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    std::cout << kUsage;
    return args.empty() ? 2 : 0;
  }
  if (args[0] == "--version") {
    std::cout << "kokeilu " << KOKEILU_VERSION << " (" << KOKEILU_GIT_REVISION << ")\n";
    return 0;
  }
  const std::string command = args[0];
  args.erase(args.begin());
  if (command == "run") return command_run(args);
  if (command == "compare") return command_compare(args);
  if (command == "validate") return command_validate(args);
  if (command == "info") return command_info(args);
  if (command == "calibrate") return command_calibrate(args);
  throw UsageError("unknown command '" + command + "'");
}

}  // namespace
}  // namespace kokeilu::cli

int main(int argc, char** argv) {
  using namespace kokeilu;
  io::h5::skip_library_cleanup_at_exit();
  // A file-size limit (ulimit -f) makes a write fail with EFBIG instead of killing the process
  // before it can remove its temporary file.
  std::signal(SIGXFSZ, SIG_IGN);
  cli::install_signal_handlers();
  try {
    return cli::dispatch(argc, argv);
  } catch (const cli::UsageError& e) {
    std::cerr << "kokeilu: " << e.what() << "\n(see 'kokeilu --help')\n";
    return 2;
  } catch (const ConfigError& e) {
    std::cerr << "kokeilu: error: " << e.what() << "\n";
    return 2;
  } catch (const InputError& e) {
    std::cerr << "kokeilu: error: " << e.what() << "\n";
    return 2;
  } catch (const Interrupted&) {
    std::cerr << "\nkokeilu: interrupted; no output file was written\n";
    if (!cli::g_resume_hint.empty()) std::cerr << "kokeilu: " << cli::g_resume_hint << "\n";
    return 130;
  } catch (const std::exception& e) {
    std::cerr << "kokeilu: failed: " << e.what() << "\n";
    return 1;
  }
}
