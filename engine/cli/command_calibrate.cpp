// kokeilu calibrate SCENARIO: simulated against target job-finding hazards by spell bracket.
#include <cmath>
#include <cstdio>
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "cli/session.hpp"
#include "core/calendar.hpp"
#include "report/calibration.hpp"
#include "report/recorder.hpp"
#include "scenario/kind.hpp"
#include "sim/simulation.hpp"

namespace kokeilu::cli {

namespace {

struct CalibrateArguments {
  std::string scenario_file;
  int fits = 0;
  int burn_in = 26;  // weeks
  int threads = 0;   // one per core
};

int calibrate(const CalibrateArguments& args) {
  auto spec = loading([&] { return scenario::read_expecting(args.scenario_file, scenario::FileKind::scenario).scenario(); });
  if (spec.behaviour.target_monthly_job_finding.empty())
    throw InputError(spec.source_file + ": the behaviour states no calibration targets");
  if (const int weeks = Calendar(spec.run.start, spec.run.end).weeks(); args.burn_in >= weeks)
    throw UsageError("--burn-in " + std::to_string(args.burn_in) + " leaves nothing of the run's " +
                     std::to_string(weeks) + " weeks to compare");
  sim::RunOptions options;
  options.threads = args.threads;
  options.interrupt = &g_interrupted;

  std::vector<report::CalibrationRow> rows;
  for (int round = 0; round <= args.fits; ++round) {
    report::TotalsRecorder recorder;
    sim::Simulation(spec, spec.run.seed).run(recorder, options);
    rows = report::calibration_table(spec.behaviour, recorder, args.burn_in);
    if (round == args.fits) break;
    // Each bracket's log effort moves by the log of the missing factor; the market's response
    // (more effort, lower rate per unit) is absorbed over the rounds.
    auto& duration = spec.behaviour.search_effort.duration;
    for (std::size_t b = 0; b < rows.size(); ++b)
      if (rows[b].found_job > 0) duration[b] += std::log(rows[b].target_weekly / rows[b].simulated_weekly);
  }
  std::cout << report::format_calibration(rows, spec.behaviour.calibration_tolerance);
  if (args.fits > 0) {
    std::cout << "Fitted search_effort.duration:\n  duration: [";
    for (int b = 0; b < scenario::kDurationBracketCount; ++b)
      std::printf("%s%.3f", b ? ", " : "", spec.behaviour.search_effort.duration[b]);
    std::cout << std::flush;
    std::printf("]\n");
  }
  return report::within_tolerance(rows, spec.behaviour.calibration_tolerance) ? 0 : 1;
}

}  // namespace

void add_calibrate_command(CommandLine& cli) {
  auto args = std::make_shared<CalibrateArguments>();
  auto& command = cli.add(
      "calibrate", "calibrate SCENARIO [options]", "simulated vs target job-finding hazards by spell bracket",
      "Runs SCENARIO without output and prints the simulated weekly hazard of leaving unemployment\n"
      "for an open job by spell bracket against the scenario's targets (behaviour.calibration).\n"
      "Exit status 0 when every bracket is within the tolerance, 1 otherwise.",
      [args] { return calibrate(*args); });
  command.add_option("SCENARIO", args->scenario_file, "scenario file")->required();
  command.add_option("--fit", args->fits,
                     "adjust behaviour.search_effort.duration N times towards the targets and\n"
                     "print the fitted values (paste them into the behaviour file)")
      ->type_name("N")
      ->check(within(0, 100));
  command.add_option("--burn-in", args->burn_in, "weeks left out at the start (default 26)")
      ->type_name("WEEKS")
      ->check(within(0, 10000));
  command.add_option("--threads", args->threads, "worker threads (default: one per core)")
      ->type_name("N")
      ->check(within(1, 1024));
}

}  // namespace kokeilu::cli
