// The `kokeilu` command: run, compare, validate, info, calibrate, service-effects.
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
#include <string>
#include <vector>

#include "calibrate/calibrate.hpp"
#include "calibrate/service_effects.hpp"
#include "cli/arguments.hpp"
#include "compare/comparison.hpp"
#include "compare/summary.hpp"
#include "core/errors.hpp"
#include "io/describe.hpp"
#include "io/hdf5.hpp"
#include "io/run_writer.hpp"
#include "report/recorder.hpp"
#include "report/summary.hpp"
#include "scenario/load.hpp"
#include "scenario/yaml_reader.hpp"
#include "sim/simulation.hpp"

namespace kokeilu::cli {
namespace {

std::atomic<bool> g_interrupted{false};
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
  calibrate CALIBRATION    fit a scenario's parameters to target statistics (simulated moments)
  service-effects SCENARIO employment per extra start of each service, year by year, against
                           the literature's bands

Run 'kokeilu <command> --help' for a command's options. Exit status: 0 success,
1 engine failure, 2 bad input, 130 interrupted.
)";

constexpr const char* kRunUsage = R"(usage: kokeilu run SCENARIO -o OUT.h5 [--threads N] [--seed S] [--force] [--reference]

Simulates SCENARIO week by week and writes OUT.h5 (schema: docs/hdf5-schema.md), then prints a
summary on stdout. Progress goes to stderr when it is a terminal. OUT.h5 appears only when the
run is complete; an existing file is kept unless --force is given.

  -o, --output OUT.h5   output file (required)
  --threads N           worker threads (default: one per core); results do not depend on it
  --seed S              override the scenario's run.seed (a non-negative integer)
  --force               overwrite OUT.h5 if it exists
  --reference           use the serial reference stepper (slow; for checking)
)";

constexpr const char* kCompareUsage = R"(usage: kokeilu compare COMPARISON -o OUT.h5 [--threads N] [--seed S] [--replications R]
                       [--force] [--no-trajectories]

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
)";

constexpr const char* kValidateUsage = R"(usage: kokeilu validate SCENARIO

Loads SCENARIO and every file it includes, checks every value, and prints a short description.
Errors name file:line:column and the key; exit status 2.
)";

constexpr const char* kInfoUsage = R"(usage: kokeilu info OUT.h5

Describes a Kokeilu output file: schema and engine versions, scenario, seed, dates, datasets.
)";

constexpr const char* kCalibrateUsage = R"(usage: kokeilu calibrate CALIBRATION.yaml [--threads N] [--resume]

Fits the parameters a calibration file names (key paths of its scenario, with bounds) to its
targets (statistics the engine computes, docs/calibration.md) by the method of simulated moments:
NLopt's global pass, then a local one; every evaluation runs the same seeds (common random
numbers). Prints the table of fit and writes, beside the calibration file, OUT.yaml (the fitted
values: a scenario includes it as `settings:`), OUT-fit.txt and OUT-evaluations.tsv.

  --threads N   worker threads (default: one per core); results do not depend on it
  --resume      replay OUT-evaluations.tsv (no runs for the points in it), then go on
)";

constexpr const char* kServiceEffectsUsage = R"(usage: kokeilu service-effects SCENARIO [--replications R] [--years Y] [--extra-percent P] [--threads N]

Raises each service's places by P percent (default 100: doubled) for the first year of SCENARIO's run
and prints the extra open employment per extra start, year by year, against the literature's
bands (training <= 0 in year 1 and +3..+8 pp in year 2; coaching 0..+3 pp; rehabilitative work
about 0). Exit status 0 when every band holds, 1 otherwise.

  --replications R   runs per variant (default 4)
  --years Y          years of the profile (default 3; the run must last that long)
  --extra-percent P  extra places, percent of the baseline's (default 100)
  --threads N        worker threads
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

int command_run(const std::vector<std::string>& raw) {
  if (wants_help(raw)) { std::cout << kRunUsage; return 0; }
  std::vector<std::string> normalised;
  for (const auto& a : raw) normalised.push_back(a == "-o" ? "--output" : a);
  const Arguments args(normalised, {"--output", "--threads", "--seed"}, {"--force", "--reference"});
  const auto scenario_file = single_positional(args, "scenario file");
  const auto output = args.value("--output");
  if (!output) throw UsageError("missing -o OUT.h5");

  const auto spec = loading([&] { return scenario::load_scenario(scenario_file); });
  sim::RunOptions options;
  options.threads = static_cast<int>(args.integer("--threads", 0, 1, 1024));
  options.reference = args.flag("--reference");
  options.interrupt = &g_interrupted;
  options.progress = progress_reporter(spec.total_persons_ever());
  const std::uint64_t seed = args.unsigned_integer("--seed").value_or(spec.run.seed);
  sim::check_memory(spec, options.trajectory_block_weeks);

  auto writer = writing(*output, [&] {
    return std::make_unique<io::RunFileWriter>(*output, args.flag("--force"), KOKEILU_VERSION, KOKEILU_GIT_REVISION);
  });
  report::TotalsRecorder recorder;
  sim::FanOutSink sinks({writer.get(), &recorder});
  sim::Simulation simulation(spec, seed);
  writing(*output, [&] { simulation.run(sinks, options); });

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
  const Arguments args(normalised, {"--output", "--threads", "--seed", "--replications"},
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
  const Arguments args(raw, {"--threads"}, {"--resume"});
  calibrate::CalibrateOptions options;
  options.calibration_file = single_positional(args, "calibration file");
  options.threads = static_cast<int>(args.integer("--threads", 0, 1, 1024));
  options.resume = args.flag("--resume");
  options.progress = isatty(STDERR_FILENO);
  options.interrupt = &g_interrupted;
  return calibrate::run_calibration(options, std::cout);
}

int command_service_effects(const std::vector<std::string>& raw) {
  if (wants_help(raw)) { std::cout << kServiceEffectsUsage; return 0; }
  const Arguments args(raw, {"--threads", "--replications", "--years", "--extra-percent"}, {});
  calibrate::ServiceEffectsOptions options;
  options.scenario_file = single_positional(args, "scenario file");
  options.threads = static_cast<int>(args.integer("--threads", 0, 1, 1024));
  options.replications = static_cast<int>(args.integer("--replications", 4, 1, 1000));
  options.years = static_cast<int>(args.integer("--years", 3, 1, 50));
  options.extra_places_share = static_cast<double>(args.integer("--extra-percent", 100, 1, 1000)) / 100.0;
  options.interrupt = &g_interrupted;
  return calibrate::run_service_effects(options, std::cout);
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
  if (command == "service-effects") return command_service_effects(args);
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
    return 130;
  } catch (const std::exception& e) {
    std::cerr << "kokeilu: failed: " << e.what() << "\n";
    return 1;
  }
}
