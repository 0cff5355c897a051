#include "calibrate/calibrate.hpp"

#include <nlopt.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <exception>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <sstream>

#include "calibrate/calibration_file.hpp"
#include "calibrate/evaluation.hpp"
#include "calibrate/text_output.hpp"
#include "core/errors.hpp"
#include "parallel/team.hpp"
#include "scenario/settings.hpp"

namespace kokeilu::calibrate {

namespace {

namespace fs = std::filesystem;

std::string exact(double x) {
  char text[40];
  std::snprintf(text, sizeof text, "%.17g", x);
  return text;
}

/// The evaluations of a calibration, in order, kept in a tab-separated log: one line per
/// evaluation (number, objective, parameter values, simulated statistics), doubles written so
/// that they read back exactly.
class EvaluationLog {
 public:
  EvaluationLog(const CalibrationSpec& c) : calibration_(c) {
    header_ = "evaluation\tobjective";
    for (const auto& p : c.parameters) header_ += "\t" + p.path;
    for (const auto& t : c.targets) header_ += "\t" + t.statistic.name;
  }

  /// Reads the log of an earlier calibration. @throws InputError if it is missing or its
  /// columns are not this calibration's.
  void replay(const fs::path& file) {
    std::ifstream in(file);
    if (!in) throw InputError("--resume: cannot read " + file.string() + " (no earlier evaluations)");
    std::string line;
    if (!std::getline(in, line) || line != header_)
      throw InputError("--resume: " + file.string() +
                       " holds the evaluations of another calibration (its columns differ from this file's "
                       "parameters and targets): remove it or run without --resume");
    const std::size_t n = calibration_.parameters.size(), k = calibration_.targets.size();
    while (std::getline(in, line)) {
      std::istringstream fields(line);
      std::vector<double> values;
      std::string field;
      while (std::getline(fields, field, '\t')) values.push_back(std::strtod(field.c_str(), nullptr));
      if (values.size() != 2 + n + k) break;  // a line cut short by an interruption: ends the replay
      cached_[std::vector<double>(values.begin() + 2, values.begin() + 2 + static_cast<std::ptrdiff_t>(n))] =
          std::vector<double>(values.begin() + 2 + static_cast<std::ptrdiff_t>(n), values.end());
      ++lines_in_file_;
    }
  }

  /// Without open (the ranks of an MPI job but rank 0), the log only remembers.
  void open(const fs::path& file, bool append) {
    writing_ = true;
    out_.open(file, append ? std::ios::app : std::ios::trunc);
    if (!out_) throw IoError("cannot write " + file.string());
    if (!append) out_ << header_ << "\n" << std::flush;
  }

  const std::vector<double>* find(const std::vector<double>& values) const {
    const auto it = cached_.find(values);
    return it == cached_.end() ? nullptr : &it->second;
  }

  void record(int evaluation, double objective, const std::vector<double>& values, const std::vector<double>& simulated) {
    cached_[values] = simulated;
    // A resumed search asks for the logged points first, in their order: they are in the file.
    if (lines_in_file_ > 0) {
      --lines_in_file_;
      return;
    }
    if (!writing_) return;
    out_ << evaluation << "\t" << exact(objective);
    for (double v : values) out_ << "\t" << exact(v);
    for (double s : simulated) out_ << "\t" << exact(s);
    out_ << "\n" << std::flush;
    if (!out_) throw IoError("cannot write the evaluation log");
  }

  std::size_t replayable() const { return cached_.size(); }

 private:
  const CalibrationSpec& calibration_;
  std::string header_;
  std::map<std::vector<double>, std::vector<double>> cached_;
  std::size_t lines_in_file_ = 0;  // replayed evaluations not yet asked for again
  std::ofstream out_;
  bool writing_ = false;
};

/// The objective as the optimiser sees it: parameters scaled to [0, 1]; every point asked for
/// is evaluated (or found in the log), logged, and the best kept.
struct Search {
  Search(const CalibrationSpec& c, const Evaluator& e, EvaluationLog& l, bool show)
      : calibration(c), evaluator(e), log(l), progress(show) {}
  const CalibrationSpec& calibration;
  const Evaluator& evaluator;
  EvaluationLog& log;
  bool progress = false;
  int evaluations = 0;
  int simulated_runs = 0;
  double best_objective = std::numeric_limits<double>::infinity();
  std::vector<double> best_values;
  std::vector<double> best_simulated;
  std::exception_ptr failure;

  std::vector<double> values_of(const double* unit) const {
    std::vector<double> values;
    for (std::size_t k = 0; k < calibration.parameters.size(); ++k) {
      const auto& p = calibration.parameters[k];
      values.push_back(std::clamp(p.min + unit[k] * (p.max - p.min), p.min, p.max));
    }
    return values;
  }

  double evaluate(const std::vector<double>& values) {
    std::vector<double> simulated;
    if (const auto* cached = log.find(values)) {
      simulated = *cached;
    } else {
      simulated = evaluator.simulate(values);
      ++simulated_runs;
    }
    const double objective = evaluator.objective(simulated);
    log.record(++evaluations, objective, values, simulated);
    if (objective < best_objective) {
      best_objective = objective;
      best_values = values;
      best_simulated = simulated;
    }
    if (progress) std::fprintf(stderr, "\revaluation %d: objective %.6g (best %.6g)   ", evaluations, objective, best_objective);
    return objective;
  }

  static double callback(unsigned n, const double* unit, double* gradient, void* data) {
    auto& self = *static_cast<Search*>(data);
    (void)n;
    (void)gradient;  // derivative-free algorithms only
    try {
      return self.evaluate(self.values_of(unit));
    } catch (...) {
      // NLopt would turn our exception into its own forced_stop: keep ours and rethrow it.
      self.failure = std::current_exception();
      throw nlopt::forced_stop();
    }
  }
};

std::vector<double> unit_of(const CalibrationSpec& c, const std::vector<double>& values) {
  std::vector<double> unit;
  for (std::size_t k = 0; k < c.parameters.size(); ++k)
    unit.push_back((values[k] - c.parameters[k].min) / (c.parameters[k].max - c.parameters[k].min));
  return unit;
}

void optimise(nlopt::algorithm algorithm, int evaluations, std::vector<double> start, Search& search,
              const OptimiserSpec& spec) {
  if (evaluations <= 0) return;
  const auto n = static_cast<unsigned>(start.size());
  nlopt::opt opt(algorithm, n);
  opt.set_lower_bounds(std::vector<double>(n, 0.0));
  opt.set_upper_bounds(std::vector<double>(n, 1.0));
  opt.set_maxeval(evaluations);
  opt.set_xtol_rel(spec.relative_tolerance);
  opt.set_min_objective(&Search::callback, &search);
  if (algorithm == nlopt::LN_BOBYQA || algorithm == nlopt::LN_SBPLX) opt.set_initial_step(0.1);
  double value = 0;
  try {
    opt.optimize(start, value);
  } catch (const nlopt::roundoff_limited&) {
    // The objective is flat to rounding here: the best point found stands.
  } catch (const nlopt::forced_stop&) {
    if (search.failure) std::rethrow_exception(search.failure);
    throw;
  }
}

std::string format_report(const CalibrationSpec& c, const Search& s, const std::vector<double>& start_simulated,
                          double seconds) {
  std::string text;
  char line[512];
  std::snprintf(line, sizeof line, "Calibration %s of %s (method of simulated moments, %d replications per evaluation)\n",
                c.name.c_str(), c.scenario_file.string().c_str(), c.replications);
  text += line;
  std::snprintf(line, sizeof line, "%-34s %-23s %11s %11s %11s %11s %9s %7s  %s\n", "target", "period", "value",
                "simulated", "at start", "error", "sc. error", "weight", "source");
  text += line;
  for (std::size_t k = 0; k < c.targets.size(); ++k) {
    const auto& t = c.targets[k];
    const std::string period = format_date(t.from) + ".." + format_date(t.to);
    std::snprintf(line, sizeof line, "%-34s %-23s %11.5g %11.5g %11.5g %+11.4g %+9.2f %7.3g  %s\n", t.statistic.name.c_str(),
                  period.c_str(), t.value, s.best_simulated[k], start_simulated[k], s.best_simulated[k] - t.value,
                  t.scaled_error(s.best_simulated[k]), t.weight, t.source.c_str());
    text += line;
  }
  std::snprintf(line, sizeof line, "\n%-50s %12s %12s %12s %12s\n", "parameter", "fitted", "start", "min", "max");
  text += line;
  for (std::size_t k = 0; k < c.parameters.size(); ++k) {
    const auto& p = c.parameters[k];
    std::snprintf(line, sizeof line, "%-50s %12.6g %12.6g %12.6g %12.6g%s\n", p.path.c_str(), s.best_values[k], p.start,
                  p.min, p.max,
                  (s.best_values[k] <= p.min + 1e-6 * (p.max - p.min) || s.best_values[k] >= p.max - 1e-6 * (p.max - p.min))
                      ? "  <- at a bound"
                      : "");
    text += line;
  }
  std::snprintf(line, sizeof line,
                "\nObjective (sum of weight x scaled error^2): %.6g, at the start %.6g; %d evaluations (%d simulated, "
                "%d from the log), %.0f s\n",
                s.best_objective, s.evaluator.objective(start_simulated), s.evaluations, s.simulated_runs,
                s.evaluations - s.simulated_runs, seconds);
  text += line;
  return text;
}

std::string format_overlay(const CalibrationSpec& c, const Search& s) {
  std::string text = "# Fitted values of the calibration `" + c.name + "`, written by\n#   build/kokeilu calibrate " +
                     c.file.string() + "\n# (method of simulated moments: " + std::to_string(s.evaluations) +
                     " evaluations, objective " + exact(s.best_objective).substr(0, 8) + ", " +
                     std::to_string(c.replications) +
                     " replications each). A scenario includes it as `settings:`;\n# the table of fit is in " +
                     c.report_file().filename().string() + ". Do not edit by hand: refit.\n";
  for (const auto& setting : settings_of(c, s.best_values)) text += setting.path + ": " + setting.value + "\n";
  return text;
}

nlopt::algorithm global_algorithm(GlobalAlgorithm a) {
  return a == GlobalAlgorithm::direct ? nlopt::GN_DIRECT_L : nlopt::GN_CRS2_LM;
}

nlopt::algorithm local_algorithm(LocalAlgorithm a, std::size_t parameters) {
  // BOBYQA's quadratic model needs two dimensions at least.
  return a == LocalAlgorithm::sbplx || parameters < 2 ? nlopt::LN_SBPLX : nlopt::LN_BOBYQA;
}

}  // namespace

namespace {

int calibrate(const CalibrateOptions& options, std::ostream& out, parallel::Team& team) {
  const auto started = std::chrono::steady_clock::now();
  std::optional<scenario::SourceTree> tree;
  const CalibrationSpec c = read_calibration(options.calibration_file, tree);
  // Every file is checked writable before the first run (and nothing is written on bad input);
  // rank 0 alone writes, the others learn whether to go on.
  std::optional<InputError> refused;
  if (team.leader()) {
    try {
      check_writable(c.overlay_file());
      check_writable(c.report_file());
    } catch (const InputError& e) {
      refused = e;
    }
  }
  if (!team.everyone(!refused)) {
    if (refused) throw *refused;
    return parallel::kOtherRanksOnBadInput;
  }

  const Evaluator evaluator(c, *tree, options.threads, options.interrupt, &team);
  EvaluationLog log(c);
  if (options.resume) log.replay(c.log_file());
  if (team.leader()) log.open(c.log_file(), options.resume);
  Search search(c, evaluator, log, options.progress && team.leader());

  std::vector<double> start;
  for (const auto& p : c.parameters) start.push_back(p.start);
  search.evaluate(start);
  const std::vector<double> start_simulated = search.best_simulated;

  const auto& o = c.optimiser;
  nlopt::srand(o.seed);  // the global pass's random choices: the same on --resume, and on every rank
  if (o.global != GlobalAlgorithm::none)
    optimise(global_algorithm(o.global), o.global_evaluations, unit_of(c, start), search, o);
  if (o.local != LocalAlgorithm::none)
    optimise(local_algorithm(o.local, c.parameters.size()), o.local_evaluations, unit_of(c, search.best_values), search, o);
  if (!team.leader()) return 0;
  if (options.progress) std::fprintf(stderr, "\n");

  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  const std::string report = format_report(c, search, start_simulated, seconds);
  write_text_file(c.report_file(), report);
  write_text_file(c.overlay_file(), format_overlay(c, search));
  out << report << "Wrote " << c.overlay_file().string() << " (the fitted values: include it as `settings:`), "
      << c.report_file().string() << " and " << c.log_file().string() << "\n";
  return 0;
}

}  // namespace

int run_calibration(const CalibrateOptions& options, std::ostream& out) {
  // Under mpirun or srun every rank runs the same search; each evaluation's replications are
  // spread over the ranks, and rank 0 writes the files and prints.
  const auto team = parallel::Team::join();
  try {
    return calibrate(options, out, *team);
  } catch (const ConfigError&) {
    // A bad file or a value the scenario rejects: every rank meets it at the same point, before
    // anything is shared out; rank 0 says so.
    if (team->leader()) throw;
    return parallel::kOtherRanksOnBadInput;
  } catch (const InputError&) {
    // The same (an evaluation log of another calibration on --resume, not enough memory).
    if (team->leader()) throw;
    return parallel::kOtherRanksOnBadInput;
  } catch (const std::exception& e) {
    parallel::end_job_after(*team, e);
    throw;
  }
}

}  // namespace kokeilu::calibrate
