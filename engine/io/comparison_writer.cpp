#include "io/comparison_writer.hpp"

#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <stdexcept>
#include <utility>

#include "core/calendar.hpp"
#include "core/errors.hpp"
#include "io/hdf5.hpp"
#include "io/output_file.hpp"
#include "io/schema.hpp"
#include "io/trajectory.hpp"

namespace kokeilu::io {

namespace {

using RunKey = std::pair<std::size_t, int>;  // (arm, replication)

struct TrajectoryProgress {
  std::optional<TrajectoryDataset> dataset;
  int weeks_written = 0;
};

void require(bool condition, const std::string& message) {
  if (!condition) throw std::invalid_argument("ComparisonFileWriter: " + message);
}

/// /parameters/values [R, P]: the parameters drawn per replication (docs/comparison-schema.md),
/// and /meta `parameters`: "drawn" or "none" (no distribution, or --fixed-parameters).
void write_parameters(hid_t file, hid_t meta, const scenario::ParameterDraws& draws) {
  h5::write_attribute(meta, "parameters", draws.empty() ? "none" : "drawn");
  if (draws.empty()) return;
  const auto R = static_cast<hsize_t>(draws.values.size());
  const auto P = static_cast<hsize_t>(draws.parameters.size());
  std::vector<double> values;
  for (const auto& row : draws.values) values.insert(values.end(), row.begin(), row.end());
  std::vector<std::string> names, paths, sources, distributions, centrals, choices;
  for (const auto& p : draws.parameters) {
    names.push_back(p.paths.front());
    std::string all;
    for (const auto& path : p.paths) all += (all.empty() ? "" : "; ") + path;
    paths.push_back(all);
    sources.push_back(p.source);
    distributions.push_back(p.describe());
    centrals.push_back(p.central);
    std::string listed;
    for (const auto& c : p.choices) listed += (listed.empty() ? "" : "|") + c;
    choices.push_back(listed);
  }
  const auto group = h5::create_group(file, "parameters");
  h5::write_dataset<double>(group, "values", std::span<const double>(values), {R, P});
  const auto dataset = h5::open_dataset(group, "values");
  h5::write_attribute(dataset, "dims", std::vector<std::string>{"replication", "parameter"});
  std::vector<std::string> replications;
  for (hsize_t r = 0; r < R; ++r) replications.push_back(std::to_string(r));
  h5::write_attribute(dataset, "replication", replications);
  h5::write_attribute(dataset, "parameter", names);
  h5::write_attribute(dataset, "paths", paths);
  h5::write_attribute(dataset, "source", sources);
  h5::write_attribute(dataset, "distribution", distributions);
  h5::write_attribute(dataset, "central", centrals);
  h5::write_attribute(dataset, "choices", choices);
  h5::write_attribute(dataset, "unit", "by parameter: the value drawn, or for a choice the index of the chosen value in `choices`");
}

}  // namespace

struct ComparisonFileWriter::State {
  // Lifetimes in declaration order: datasets close before the file, the file before the
  // temporary file is removed.
  OutputFile output;
  const scenario::ComparisonSpec* spec;
  int weeks;
  std::size_t groups;
  std::size_t metrics;
  std::size_t persons = 0;
  std::vector<std::string> group_names, metric_names, metric_units;
  bool write_trajectories;
  std::mutex mutex;  // around every HDF5 call: write_* come from several runs at once
  h5::File file;
  h5::Group meta;
  std::map<RunKey, TrajectoryProgress> trajectories;
  std::set<RunKey> metrics_written, transitions_written, pilot_written;
  std::set<std::size_t> effects_written;
  bool committed = false;

  State(std::filesystem::path path, bool force, const ComparisonHeader& header)
      : output(std::move(path), force),
        spec(header.spec),
        weeks(header.weeks),
        groups(header.group_names.size()),
        metrics(header.metric_names.size()),
        group_names(header.group_names),
        metric_names(header.metric_names),
        metric_units(header.metric_units),
        write_trajectories(header.write_trajectories) {}

  std::string arm_name(std::size_t arm) const { return spec->arms.at(arm).name; }
  std::string run_path(std::size_t arm, int replication) const {
    return "arms/" + arm_name(arm) + "/replications/" + std::to_string(replication);
  }
  /// Axes, labels and units of a [W, G, K] table: the unit differs by metric (`metric_unit`).
  void label_cube(const h5::Dataset& dataset) const {
    h5::write_attribute(dataset, "dims", std::vector<std::string>{"week", "group", "metric"});
    h5::write_attribute(dataset, "group", group_names);
    h5::write_attribute(dataset, "metric", metric_names);
    h5::write_attribute(dataset, "metric_unit", metric_units);
    h5::write_attribute(dataset, "unit", "by metric: metric_unit");
  }
  void check_run(std::size_t arm, int replication) const {
    require(arm < spec->arms.size(), "arm " + std::to_string(arm) + " out of range");
    require(replication >= 0 && replication < spec->replications,
            "replication " + std::to_string(replication) + " out of range");
  }
};

ComparisonFileWriter::ComparisonFileWriter(std::filesystem::path output, bool force, const ComparisonHeader& header,
                                           const population::People& initial) {
  require(header.spec != nullptr, "header without a comparison spec");
  const auto& spec = *header.spec;
  require(!spec.arms.empty(), "no arms");
  require(static_cast<int>(header.week_starts.size()) == header.weeks, "week_starts do not match weeks");
  require(header.group_descriptions.size() == header.group_names.size(), "group names and descriptions differ");
  require(header.metric_units.size() == header.metric_names.size() &&
              header.metric_descriptions.size() == header.metric_names.size(),
          "metric names, units and descriptions differ");
  require(header.target_at_start.size() == spec.arms.size(), "target_at_start needs one column per arm");
  for (const auto& column : header.target_at_start) require(column.size() == initial.size(), "target_at_start size");

  state_ = std::make_unique<State>(std::move(output), force, header);
  auto& s = *state_;
  s.persons = initial.size();
  // The folder was checked (OutputFile): a failure now is the machine's (a full disk), an IoError.
  s.file = h5::create_file(s.output.temporary());

  s.meta = h5::create_group(s.file, "meta");
  h5::write_attribute(s.meta, "schema_version", kSchemaVersion);
  h5::write_attribute(s.meta, "kind", "comparison");
  h5::write_attribute(s.meta, "engine_version", header.engine_version);
  h5::write_attribute(s.meta, "git_revision", header.git_revision);
  h5::write_attribute(s.meta, "seed", spec.base.run.seed);
  h5::write_attribute(s.meta, "replications", spec.replications);
  std::vector<std::string> arms;
  for (const auto& arm : spec.arms) arms.push_back(arm.name);
  h5::write_attribute(s.meta, "arms", arms);
  h5::write_attribute(s.meta, "baseline_arm", arms.front());
  h5::write_attribute(s.meta, "scenario_name", spec.name);
  h5::write_attribute(s.meta, "start_date", format_date(spec.base.run.start));
  h5::write_attribute(s.meta, "end_date", format_date(spec.base.run.end));
  h5::write_attribute(s.meta, "weeks", header.weeks);
  h5::write_attribute(s.meta, "pilot_start_week", header.pilot_start_week);
  h5::write_attribute(s.meta, "pilot_end_week", header.pilot_end_week);
  h5::write_attribute(s.meta, "created_utc", utc_now());
  h5::write_string_scalar(s.meta, "scenario_yaml", spec.resolved_text);

  write_dimensions(s.file, spec.base, header.week_starts);
  {
    const auto groups = h5::create_group(s.file, "groups");
    h5::write_strings(groups, "name", header.group_names);
    h5::write_strings(groups, "description", header.group_descriptions);
    const auto metrics = h5::create_group(s.file, "metrics");
    h5::write_strings(metrics, "name", header.metric_names);
    h5::write_strings(metrics, "unit", header.metric_units);
    h5::write_strings(metrics, "description", header.metric_descriptions);
    for (const char* name : {"name", "description"}) write_dims(groups, name, {"group"});
    for (const char* name : {"name", "unit", "description"}) write_dims(metrics, name, {"metric"});
  }

  const auto people = h5::create_group(s.file, "people");
  initial.for_each_named_column([&](const char* name, const auto& column) {
    const std::string column_name(name);
    if (is_static_column(column_name))
      write_person_column(people, column_name, column_name, column, spec.base);
    else if (column_name == "status" || column_name == "spell_weeks" || column_name == "benefit")
      write_person_column(people, "initial_" + column_name, column_name, column, spec.base);
  });
  write_population_weeks(s.file, s.meta, initial, spec.base);

  write_parameters(s.file, s.meta, spec.draws);
  // Written only when each replication runs its own history: a file without it has one.
  if (spec.draws.per_replication_history()) h5::write_attribute(s.meta, "history", "per_replication");

  for (std::size_t a = 0; a < spec.arms.size(); ++a) {
    const auto arm = h5::require_groups(s.file, "arms/" + spec.arms[a].name);
    h5::write_attribute(arm, "design_file", spec.arms[a].design_file);
    h5::write_dataset(arm, "target_at_start", header.target_at_start[a]);
    write_dims(arm, "target_at_start", {"person"});
    h5::create_group(arm, "replications");
  }
}

ComparisonFileWriter::~ComparisonFileWriter() {
  if (state_ == nullptr) return;
  const std::lock_guard lock(state_->mutex);
  state_->trajectories.clear();
  state_->meta.reset();
  state_->file.reset();
  // OutputFile's destructor removes the temporary file unless committed.
}

void ComparisonFileWriter::write_trajectory(std::size_t arm, int replication, int first_week, int weeks,
                                            const std::uint8_t* block, std::size_t persons) {
  auto& s = *state_;
  s.check_run(arm, replication);
  require(persons == s.persons, "trajectory of " + std::to_string(persons) + " persons, expected " +
                                    std::to_string(s.persons));
  require(first_week >= 0 && weeks >= 0 && first_week + weeks <= s.weeks, "trajectory weeks out of range");
  if (!s.write_trajectories) return;
  const std::lock_guard lock(s.mutex);
  auto& progress = s.trajectories[{arm, replication}];
  if (!progress.dataset) {
    // Chunks as long as the blocks, so that every write fills whole chunks.
    const auto group = h5::require_groups(s.file, s.run_path(arm, replication) + "/trajectory");
    progress.dataset.emplace(group, "status", s.persons, s.weeks, weeks);
  }
  progress.dataset->write(first_week, weeks, block);
  progress.weeks_written += weeks;
  // A run's trajectory written whole: its dataset (and HDF5's chunk cache for it) closes now,
  // not when the file does.
  if (progress.weeks_written >= s.weeks) progress.dataset.reset();
}

void ComparisonFileWriter::write_metrics(std::size_t arm, int replication, const std::vector<double>& metrics) {
  auto& s = *state_;
  s.check_run(arm, replication);
  const auto W = static_cast<hsize_t>(s.weeks), G = static_cast<hsize_t>(s.groups), K = static_cast<hsize_t>(s.metrics);
  require(metrics.size() == W * G * K, "metrics of " + std::to_string(metrics.size()) + " values, expected W*G*K = " +
                                           std::to_string(W * G * K));
  const std::lock_guard lock(s.mutex);
  const auto run = h5::require_groups(s.file, s.run_path(arm, replication));
  h5::write_dataset<double>(run, "metrics", std::span<const double>(metrics), {W, G, K});
  s.label_cube(h5::open_dataset(run, "metrics"));
  s.metrics_written.insert({arm, replication});
}

void ComparisonFileWriter::write_target_at_start(int replication,
                                                 const std::vector<std::vector<std::uint8_t>>& target_at_start) {
  auto& s = *state_;
  require(target_at_start.size() == s.spec->arms.size(), "target_at_start needs one column per arm");
  const std::lock_guard lock(s.mutex);
  for (std::size_t a = 0; a < target_at_start.size(); ++a) {
    s.check_run(a, replication);
    require(target_at_start[a].size() == s.persons, "target_at_start size");
    const auto run = h5::require_groups(s.file, s.run_path(a, replication));
    h5::write_dataset(run, "target_at_start", target_at_start[a]);
    write_dims(run, "target_at_start", {"person"});
  }
}

void ComparisonFileWriter::write_transitions(std::size_t arm, int replication, const std::vector<std::int64_t>& counts) {
  auto& s = *state_;
  s.check_run(arm, replication);
  constexpr auto S = static_cast<hsize_t>(kStatusCount);
  require(counts.size() == S * S, "transitions need kStatusCount^2 counts");
  const std::lock_guard lock(s.mutex);
  const auto run = h5::require_groups(s.file, s.run_path(arm, replication));
  h5::write_dataset<std::int64_t>(run, "transitions", std::span<const std::int64_t>(counts), {S, S});
  const auto dataset = h5::open_dataset(run, "transitions");
  h5::write_attribute(dataset, "dims", std::vector<std::string>{"from_status", "to_status"});
  h5::write_attribute(dataset, "codes", to_strings(kStatusNames));
  h5::write_attribute(dataset, "from_status", to_strings(kStatusNames));
  h5::write_attribute(dataset, "to_status", to_strings(kStatusNames));
  h5::write_attribute(dataset, "unit", "persons");
  s.transitions_written.insert({arm, replication});
}

void ComparisonFileWriter::write_pilot(std::size_t arm, int replication, const PilotWeekly& pilot) {
  auto& s = *state_;
  s.check_run(arm, replication);
  const auto W = static_cast<hsize_t>(s.weeks), M = static_cast<hsize_t>(s.spec->base.municipalities.size());
  constexpr auto S = static_cast<hsize_t>(kStatusCount), V = static_cast<hsize_t>(scenario::kServiceCount);
  require(pilot.entries.size() == W * M && pilot.ever_clients.size() == W * M * S &&
              pilot.service_starts.size() == W * M * 2 * V,
          "pilot tables of the wrong size");
  const std::lock_guard lock(s.mutex);
  const auto group = h5::require_groups(s.file, s.run_path(arm, replication) + "/pilot");
  auto write = [&](const char* name, const std::vector<std::int64_t>& values, std::vector<hsize_t> dims,
                   const std::vector<std::string>& axes) {
    h5::write_dataset<std::int64_t>(group, name, std::span<const std::int64_t>(values), dims);
    const auto dataset = h5::open_dataset(group, name);
    write_axes(dataset, axes, s.spec->base);
    h5::write_attribute(dataset, "unit", "persons");
  };
  write("entries", pilot.entries, {W, M}, {"week", "municipality"});
  write("ever_clients", pilot.ever_clients, {W, M, S}, {"week", "municipality", "status"});
  write("service_starts", pilot.service_starts, {W, M, 2, V}, {"week", "municipality", "organiser", "service"});
  s.pilot_written.insert({arm, replication});
}

void ComparisonFileWriter::write_effects(std::size_t arm, const EffectTables& effects) {
  auto& s = *state_;
  require(arm >= 1 && arm < s.spec->arms.size(), "effects are for arms 1.. (arm 0 is the baseline)");
  const auto W = static_cast<hsize_t>(s.weeks), G = static_cast<hsize_t>(s.groups), K = static_cast<hsize_t>(s.metrics);
  for (const auto* table : {&effects.mean, &effects.ci_low, &effects.ci_high})
    require(table->size() == W * G * K, "effect tables need W*G*K values");
  for (const auto* table : {&effects.cost_per_week_mean, &effects.cost_per_week_ci_low, &effects.cost_per_week_ci_high})
    require(table->size() == G, "cost per employment week needs one value per group");
  const std::lock_guard lock(s.mutex);
  const auto group = h5::require_groups(s.file, "effects/" + s.arm_name(arm));
  const auto write_cube = [&](const char* name, const std::vector<double>& values) {
    h5::write_dataset<double>(group, name, std::span<const double>(values), {W, G, K});
    s.label_cube(h5::open_dataset(group, name));
  };
  write_cube("mean", effects.mean);
  write_cube("ci_low", effects.ci_low);
  write_cube("ci_high", effects.ci_high);
  // Ratio of means over the whole run with Fieller's 95 % bounds (compare/effects.hpp); NaN when
  // not estimable.
  for (const auto& [name, values] : {std::pair{"cost_per_additional_employment_week", &effects.cost_per_week_mean},
                                     std::pair{"cost_per_additional_employment_week_ci_low", &effects.cost_per_week_ci_low},
                                     std::pair{"cost_per_additional_employment_week_ci_high", &effects.cost_per_week_ci_high}}) {
    h5::write_dataset(group, name, *values);
    const auto dataset = h5::open_dataset(group, name);
    h5::write_attribute(dataset, "dims", std::vector<std::string>{"group"});
    h5::write_attribute(dataset, "group", s.group_names);
    h5::write_attribute(dataset, "unit", "EUR per additional person-week of work");
  }
  s.effects_written.insert(arm);
}

void ComparisonFileWriter::commit() {
  auto& s = *state_;
  const std::lock_guard lock(s.mutex);
  if (s.committed) return;
  // Refuse to mark a file complete that lacks a run: it would look whole and be wrong.
  for (std::size_t a = 0; a < s.spec->arms.size(); ++a) {
    for (int r = 0; r < s.spec->replications; ++r) {
      const std::string run = "arm " + s.arm_name(a) + " replication " + std::to_string(r);
      if (!s.metrics_written.contains({a, r})) throw IoError("comparison incomplete: " + run + " has no metrics");
      if (!s.transitions_written.contains({a, r})) throw IoError("comparison incomplete: " + run + " has no transitions");
      if (!s.pilot_written.contains({a, r})) throw IoError("comparison incomplete: " + run + " has no pilot tables");
      if (s.write_trajectories) {
        const auto found = s.trajectories.find({a, r});
        const int written = found == s.trajectories.end() ? 0 : found->second.weeks_written;
        if (written != s.weeks && s.persons > 0)
          throw IoError("comparison incomplete: " + run + " has " + std::to_string(written) + " of " +
                        std::to_string(s.weeks) + " trajectory weeks");
      }
    }
    if (a > 0 && !s.effects_written.contains(a))
      throw IoError("comparison incomplete: arm " + s.arm_name(a) + " has no effects");
  }
  s.trajectories.clear();
  finish_file(s.meta, s.file, s.output);
  s.committed = true;
}

}  // namespace kokeilu::io
