#include "calibrate/calibration_file.hpp"

#include <algorithm>
#include <cmath>

#include "scenario/settings.hpp"
#include "scenario/yaml_reader.hpp"

namespace kokeilu::calibrate {

namespace {

using namespace scenario::yaml;
namespace fs = std::filesystem;

constexpr int kMaxEvaluations = 100'000;
constexpr std::size_t kMaxParameters = 200;

/// The scenario is named by a file: the reader has inlined it, and says which file it was.
fs::path scenario_path(const Node& doc) {
  const Node& node = require(doc, "scenario");
  if (node.included_file.empty())
    fail(node, "name the scenario file (a path ending in .yaml, relative to this file), not an inline scenario");
  return node.included_file;
}

/// A factor on several paths: `{name, scale: [PATH, ...], min, max, start}` (start 1 by default).
void read_scaled_paths(const Node& node, const Node& scenario_root, ParameterSpec& p) {
  if (optional(node, "path")) fail(require(node, "path"), "a parameter has a `path` or a `scale` list of paths, not both");
  const Node& name = require(node, "name");
  p.path = as_string(name);
  p.where = name.where;
  if (p.path.empty()) fail(name, "name the factor (it heads its column in the report and the log)");
  const Node& scale = require(node, "scale");
  expect_sequence(scale, "a list of key paths, each set to its scenario value times the factor");
  if (scale.items.empty()) fail(scale, "needs at least one key path");
  for (const auto& item : scale.items) {
    p.scaled_paths.push_back(as_string(item));
    p.scaled_where.push_back(item.where);
    p.scaled_values.push_back(scenario::number_at(scenario_root, p.scaled_paths.back(), item.where));
  }
}

ParameterSpec read_parameter(const Node& node, const Node& scenario_root) {
  expect_mapping(node, "a parameter: {path, min, max, start}, or a factor: {name, scale: [paths], min, max, start}");
  check_keys(node, {"path", "name", "scale", "min", "max", "start", "note"});
  ParameterSpec p;
  const bool factor = optional(node, "scale") != nullptr;
  if (factor) read_scaled_paths(node, scenario_root, p);
  else if (optional(node, "name")) fail(require(node, "name"), "`name` is for a factor (with `scale: [paths]`); a parameter has a `path`");
  const Node& path = factor ? require(node, "name") : require(node, "path");
  if (!factor) {
    p.path = as_string(path);
    p.where = path.where;
  }
  // The path must name one number of the scenario (after its own settings): the start value.
  // A factor starts at 1: the scenario as it is.
  const double current = factor ? 1.0 : scenario::number_at(scenario_root, p.path, path.where);
  const Node& min = require(node, "min");
  const Node& max = require(node, "max");
  p.min = as_double(min);
  p.max = as_double(max);
  if (!(p.min < p.max)) fail(max, "the upper bound must be above the lower bound (" + scenario::number_text(p.min) + ")");
  if (const Node* start = optional(node, "start")) {
    p.start = as_double(*start);
    if (p.start < p.min || p.start > p.max)
      fail(*start, "the start value " + scenario::number_text(p.start) + " is outside the bounds [" +
                       scenario::number_text(p.min) + ", " + scenario::number_text(p.max) + "]");
  } else {
    p.start = current;
    if (p.start < p.min || p.start > p.max)
      fail(path, "the scenario's value " + scenario::number_text(p.start) + " (the start value) is outside the bounds [" +
                     scenario::number_text(p.min) + ", " + scenario::number_text(p.max) +
                     "]: widen them or give `start`");
  }
  return p;
}

/// Fails if a key path is set twice (by two parameters, or twice in one factor). `item` is the
/// last parameter's node.
void check_set_once(const std::vector<ParameterSpec>& parameters, const Node& item) {
  const auto paths = [](const ParameterSpec& p) { return p.scaled_paths.empty() ? std::vector<std::string>{p.path} : p.scaled_paths; };
  const auto own = paths(parameters.back());
  for (std::size_t a = 0; a < own.size(); ++a) {
    const Node& where = parameters.back().scaled_paths.empty() ? require(item, "path") : require(item, "scale").items[a];
    for (std::size_t b = 0; b < a; ++b)
      if (own[b] == own[a]) fail(where, "`" + own[a] + "` is given twice in this factor");
    for (std::size_t j = 0; j + 1 < parameters.size(); ++j) {
      const auto other = paths(parameters[j]);
      if (std::find(other.begin(), other.end(), own[a]) != other.end())
        fail(where, "the parameter `" + own[a] + "` is given twice" +
                        (parameters[j].scaled_paths.empty() ? "" : " (in the factor `" + parameters[j].path + "`)"));
    }
  }
}

TargetSpec read_target(const Node& node, const scenario::ScenarioSpec& spec) {
  expect_mapping(node, "a target: {statistic, value, weight or standard_error, period, source}");
  check_keys(node, {"statistic", "value", "weight", "standard_error", "period", "source", "note"});
  TargetSpec t;
  t.where = node.where;
  const Node& statistic = require(node, "statistic");
  std::string why;
  const auto parsed = parse_statistic(as_string(statistic), spec, why);
  if (!parsed) fail(statistic, why);
  t.statistic = *parsed;
  t.value = as_double(require(node, "value"));
  read_optional(node, "weight", t.weight, kNonNegative);
  if (const Node* se = optional(node, "standard_error")) t.standard_error = as_double(*se, kPositive);
  if (!t.standard_error && t.value == 0)
    fail(require(node, "value"), "a target of 0 needs a `standard_error` (its error cannot be relative)");
  t.source = as_string(require(node, "source"));

  const Node& period = require(node, "period");
  expect_sequence(period, "a period: [FROM, TO], dates YYYY-MM-DD");
  if (period.items.size() != 2) fail(period, "a period is two dates: [FROM, TO]");
  t.from = as_date(period.items[0]);
  t.to = as_date(period.items[1]);
  if (t.to < t.from) fail(period.items[1], "the period ends before it starts");
  const Calendar calendar(spec.run.start, spec.run.end);
  if (t.from < spec.run.start || t.to > spec.run.end)
    fail(period, "the period must lie within the scenario's reported period (" + format_date(spec.run.start) + " to " +
                     format_date(spec.run.end) + ")");
  t.first_week = calendar.week_of(t.from);
  t.last_week = std::min(calendar.week_of(t.to), calendar.weeks() - 1);
  return t;
}

GlobalAlgorithm read_global(const Node& node) {
  static constexpr std::array<std::string_view, 3> names{"none", "crs2", "direct"};
  return static_cast<GlobalAlgorithm>(as_name(node, names, "global algorithm"));
}

LocalAlgorithm read_local(const Node& node) {
  static constexpr std::array<std::string_view, 3> names{"none", "bobyqa", "sbplx"};
  return static_cast<LocalAlgorithm>(as_name(node, names, "local algorithm"));
}

OptimiserSpec read_optimiser(const Node* node) {
  OptimiserSpec o;
  if (!node) return o;
  expect_mapping(*node, "the optimiser: {global, global_evaluations, local, local_evaluations, ...}");
  check_keys(*node, {"global", "global_evaluations", "local", "local_evaluations", "relative_tolerance", "seed"});
  if (const Node* g = optional(*node, "global")) o.global = read_global(*g);
  if (const Node* l = optional(*node, "local")) o.local = read_local(*l);
  read_optional(*node, "global_evaluations", o.global_evaluations, 0, kMaxEvaluations);
  read_optional(*node, "local_evaluations", o.local_evaluations, 0, kMaxEvaluations);
  read_optional(*node, "relative_tolerance", o.relative_tolerance, Bounds{0, 1, true, false, "a relative tolerance"});
  if (const Node* s = optional(*node, "seed")) o.seed = as_uint64(*s);
  return o;
}

}  // namespace

double TargetSpec::scaled_error(double simulated) const {
  const double scale = standard_error ? *standard_error : std::fabs(value);
  return (simulated - value) / scale;
}

std::vector<scenario::Setting> settings_of(const CalibrationSpec& calibration, std::span<const double> values) {
  std::vector<scenario::Setting> out;
  for (std::size_t k = 0; k < calibration.parameters.size(); ++k) {
    const auto& p = calibration.parameters[k];
    if (p.scaled_paths.empty()) out.push_back({p.path, scenario::number_text(values[k]), p.where});
    for (std::size_t j = 0; j < p.scaled_paths.size(); ++j)
      out.push_back({p.scaled_paths[j], scenario::number_text(p.scaled_values[j] * values[k]), p.scaled_where[j]});
  }
  return out;
}

fs::path CalibrationSpec::overlay_file() const { return fs::path(output_stem.string() + ".yaml"); }
fs::path CalibrationSpec::report_file() const { return fs::path(output_stem.string() + "-fit.txt"); }
fs::path CalibrationSpec::log_file() const { return fs::path(output_stem.string() + "-evaluations.tsv"); }

CalibrationSpec read_calibration(const fs::path& file, std::optional<scenario::SourceTree>& tree) {
  const Node doc = load_file(file);
  check_keys(doc, {"name", "description", "scenario", "seed", "replications", "parameters", "targets", "optimiser",
                   "output"});
  CalibrationSpec c;
  c.file = file;
  c.name = as_string(require(doc, "name"));
  c.scenario_file = scenario_path(doc);
  tree.emplace(scenario::SourceTree::read(c.scenario_file));
  const auto spec = tree->scenario();

  if (const Node* s = optional(doc, "seed")) c.seed = as_uint64(*s);
  read_optional(doc, "replications", c.replications, 1, scenario::yaml::kMaxReplications);
  const Node& output = require(doc, "output");
  const std::string stem = as_string(output);
  if (stem.empty() || stem.back() == '/')
    fail(output, "name the output files' stem: OUT gives OUT.yaml (the fitted overlay), OUT-fit.txt and OUT-evaluations.tsv");
  c.output_stem = file.parent_path() / stem;

  const Node& parameters = require(doc, "parameters");
  expect_sequence(parameters, "a list of parameters");
  if (parameters.items.empty()) fail(parameters, "needs at least one parameter");
  if (parameters.items.size() > kMaxParameters)
    fail(parameters, "at most " + std::to_string(kMaxParameters) + " parameters");
  for (const auto& item : parameters.items) {
    c.parameters.push_back(read_parameter(item, tree->root()));
    check_set_once(c.parameters, item);
  }
  const Node& targets = require(doc, "targets");
  expect_sequence(targets, "a list of targets");
  if (targets.items.empty()) fail(targets, "needs at least one target");
  for (const auto& item : targets.items) c.targets.push_back(read_target(item, spec));
  c.optimiser = read_optimiser(optional(doc, "optimiser"));
  if (c.optimiser.global_evaluations + c.optimiser.local_evaluations == 0)
    fail(*optional(doc, "optimiser"), "the optimiser has no evaluations to spend");
  return c;
}

}  // namespace kokeilu::calibrate
