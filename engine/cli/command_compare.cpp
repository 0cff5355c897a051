// kokeilu compare COMPARISON -o OUT.h5: every arm of a comparison on one population, with
// replications, and the effects of each arm against the baseline; over the ranks of an MPI job
// when started by mpirun or srun.

#include <iostream>
#include <memory>
#include <optional>

#include "cli/commands.hpp"
#include "cli/progress.hpp"
#include "cli/session.hpp"
#include "compare/comparison.hpp"
#include "compare/drivers.hpp"
#include "compare/summary.hpp"
#include "parallel/team.hpp"
#include "core/calendar.hpp"
#include "io/checkpoint.hpp"
#include "io/output_file.hpp"
#include "scenario/kind.hpp"
#include "scenario/load.hpp"
#include "scenario/yaml_reader.hpp"

namespace kokeilu::cli {

namespace {

struct CompareArguments {
  std::string comparison_file;
  std::string output;
  int threads = 0;  // one per core
  std::uint64_t seed = 0;
  CLI::Option* seed_given = nullptr;
  int replications = 0;
  CLI::Option* replications_given = nullptr;
  bool force = false;
  bool no_trajectories = false;
  bool fixed_parameters = false;
  bool json = false;
  std::string from;        // branch from this checkpoint
  std::string checkpoint;  // write the state the arms branch from
};

/// The comparison as the arguments make it, with its checkpoint to branch from when --from.
struct Prepared {
  scenario::ComparisonSpec spec;
  std::optional<io::Checkpoint> from;
};

Prepared prepare(const CompareArguments& args) {
  const auto tree = loading([&] { return scenario::read_expecting(args.comparison_file, scenario::FileKind::comparison); });
  Prepared p{loading([&] { return tree.comparison(); }), std::nullopt};
  auto& spec = p.spec;
  if (args.seed_given->count()) spec.base.run.seed = args.seed;
  if (args.replications_given->count()) spec.replications = args.replications;
  if (!args.fixed_parameters) loading([&] { scenario::draw_parameters(tree, spec); });
  if (spec.draws.per_replication_history() && (!args.from.empty() || !args.checkpoint.empty())) {
    // Each replication runs its own history: there is no one state to continue from or to write.
    std::string drawn;
    for (const auto& parameter : spec.draws.parameters)
      if (!parameter.paths.front().starts_with("arms[")) drawn += (drawn.empty() ? "" : ", ") + parameter.paths.front();
    throw InputError(std::string(args.from.empty() ? "--checkpoint" : "--from") + ": " + drawn +
                     " is drawn per replication and acts in the history, so each replication runs its own "
                     "history and no one state is shared (docs/uncertain-parameters.md): run without it, with "
                     "--fixed-parameters, or state the value as a number");
  }
  if (!args.from.empty()) {
    const auto header = loading([&] { return io::read_checkpoint_header(args.from); });
    const Calendar calendar(spec.base.run.history_start, spec.base.run.end);
    if (header.week > calendar.week_of(spec.base.run.start))
      throw InputError("checkpoint " + args.from + " holds the state at " + header.week_start +
                       ", after the comparison's arms branch (run.start " + format_date(spec.base.run.start) +
                       "): use a checkpoint at or before it");
    p.from = loading([&] { return io::read_checkpoint(args.from, spec.base, spec.base.run.seed, 0); });
  }
  return p;
}

int compare(const CompareArguments& args) {
  // Under mpirun or srun the runs are spread over the ranks; rank 0 writes the file and prints.
  const auto team = parallel::Team::join();
  // Every rank reads the comparison (and draws its parameters: the same draws from the same
  // seed): a bad file fails the same way on each, and rank 0 reports it.
  std::optional<Prepared> prepared;
  try {
    prepared = prepare(args);
  } catch (const Error&) {
    if (team->leader()) throw;
    return parallel::kOtherRanksOnBadInput;
  }
  const auto& spec = prepared->spec;
  // Rank 0 checks the output (and the checkpoint's) before anything runs; the others learn
  // whether to go on.
  std::optional<io::CheckpointWriter> checkpoint_writer;
  std::optional<InputError> refused;
  if (team->leader()) {
    try {
      io::OutputFile check_output(args.output, args.force);
      if (!args.checkpoint.empty())
        checkpoint_writer.emplace(args.checkpoint, args.force, spec.base, spec.base.run.seed, 0, KOKEILU_VERSION);
    } catch (const InputError& e) {
      refused = e;
    }
  }
  if (!team->everyone(!refused)) {
    if (refused) throw *refused;
    return parallel::kOtherRanksOnBadInput;
  }

  compare::CompareOptions options;
  options.threads = args.threads;
  options.write_trajectories = !args.no_trajectories;
  options.engine_version = KOKEILU_VERSION;
  options.git_revision = KOKEILU_GIT_REVISION;
  if (team->leader()) options.progress = comparison_progress();
  options.interrupt = &g_interrupted;
  options.team = team.get();
  if (prepared->from) options.start_from = &prepared->from->state;
  if (checkpoint_writer)
    options.at_branch = [&](const sim::RunState& state) {
      writing(args.checkpoint, [&] { checkpoint_writer->write(state, nullptr); });
    };
  std::optional<compare::ComparisonResult> ran;
  try {
    ran = writing(args.output, [&] {
      return compare::run_comparison(spec, options, compare::OutputFile{args.output, args.force});
    });
  } catch (const std::exception& e) {
    checkpoint_writer.reset();
    parallel::end_job_after(*team, e);
    throw;
  }
  if (!team->leader()) return 0;
  const auto& result = *ran;

  if (args.json) {
    std::cout << compare::comparison_summary_json(spec, result)
                     .set("command", report::Json::string("compare"))
                     .set("output", report::Json::string(args.output))
                     .dump();
    return 0;
  }
  std::cout << "Wrote " << args.output << "\n" << compare::format_comparison_summary(spec, result)
            << compare::format_parameter_drivers(spec, result);
  return 0;
}

}  // namespace

void add_compare_command(CommandLine& cli) {
  auto args = std::make_shared<CompareArguments>();
  auto& command = cli.add(
      "compare", "compare COMPARISON -o OUT.h5 [options]",
      "run several designs (arms) on one population, with replications,\n"
      "and write the runs and their effects against the baseline arm",
      "Runs every arm of COMPARISON (a comparison file: population, labour market, arms, replications,\n"
      "pilot period, follow-up; see scenarios/compare-satakunta-2012-2016.yaml) on the same population\n"
      "and the same random streams, writes OUT.h5 (layout: docs/comparison-schema.md) and prints the\n"
      "effects of each arm against the baseline arm with 95 % intervals across replications. Progress\n"
      "goes to stderr when it is a terminal. OUT.h5 appears only when the comparison is complete.\n"
      "Under mpirun or srun the runs are shared out over the ranks; rank 0 writes the same file.",
      [args] { return compare(*args); });
  command.add_option("COMPARISON", args->comparison_file, "comparison file")->required();
  command.add_option("-o,--output", args->output, "output file (required)")->required()->type_name("OUT.h5");
  command.add_option("--threads", args->threads, "runs in parallel (default: one per core); results do not depend on it")
      ->type_name("N")
      ->check(within(1, 1024));
  args->seed_given = command.add_option("--seed", args->seed, "override the comparison's run.seed")
                         ->check(non_negative())->type_name("S");
  args->replications_given =
      command.add_option("--replications", args->replications, "override the number of replications (R >= 1)")
          ->type_name("R")
          ->check(within(1, scenario::yaml::kMaxReplications));
  command.add_flag("--force", args->force, "overwrite OUT.h5 if it exists");
  command.add_flag("--no-trajectories", args->no_trajectories,
                   "leave out the per-person weekly statuses (a much smaller file)");
  command.add_flag("--fixed-parameters", args->fixed_parameters,
                   "run every replication at the central values of the distributions the files state\n"
                   "(docs/uncertain-parameters.md): intervals then hold simulation noise only");
  command.add_flag("--json", args->json,
                   "print the effects as JSON on stdout instead of the tables (fields: docs/cli-json.md)");
  command.add_option("--from", args->from,
                     "branch every arm and replication from a checkpoint of the same history\n"
                     "at or before run.start (`run --checkpoint-at`, `compare --checkpoint`)\n"
                     "instead of simulating the history")
      ->type_name("CK.h5");
  command.add_option("--checkpoint", args->checkpoint, "write the state every arm branches from (run.start) to CK.h5")
      ->type_name("CK.h5");
}

}  // namespace kokeilu::cli
