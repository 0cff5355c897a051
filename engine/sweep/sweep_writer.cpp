#include "sweep/sweep_writer.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>

#include "io/hdf5.hpp"
#include "io/schema.hpp"

namespace kokeilu::sweep {

namespace h5 = io::h5;

namespace {

std::vector<std::string> numbered(std::size_t n) {
  std::vector<std::string> labels;
  for (std::size_t i = 0; i < n; ++i) labels.push_back(std::to_string(i));
  return labels;
}

/// A float64 dataset with its axes (`dims`), the labels of axes that have no dimension dataset,
/// and a description.
void write_table(hid_t group, const std::string& name, const std::vector<double>& values, const std::vector<hsize_t>& shape,
                 const std::vector<std::string>& dims, const std::vector<std::pair<std::string, std::vector<std::string>>>& labels,
                 const std::string& description, const std::string& unit = {}) {
  h5::write_dataset<double>(group, name, std::span<const double>(values), shape);
  const auto dataset = h5::open_dataset(group, name);
  h5::write_attribute(dataset, "dims", dims);
  for (const auto& [axis, axis_labels] : labels) h5::write_attribute(dataset, axis, axis_labels);
  h5::write_attribute(dataset, "description", description);
  if (!unit.empty()) h5::write_attribute(dataset, "unit", unit);
}

}  // namespace

void write_sweep_file(io::OutputFile& output, const SweepSpec& spec, const SweepResult& result,
                      const SweepFileInfo& info) {
  const std::size_t P = result.points.size(), D = spec.parameters.size(), A = result.arms.size(),
                    T = kMomentCount, G = result.groups.size(), K = result.metrics.size();
  if (P != spec.points.size()) throw std::logic_error("sweep: results for " + std::to_string(P) + " points, not " +
                                                      std::to_string(spec.points.size()));
  for (const auto& point : result.points)
    if (point.mean.size() != A * T * G * K || point.cost_per_week_mean.size() != A * G)
      throw std::logic_error("sweep: a point's effects do not match the arms, groups and metrics");

  const auto unswept = spec.comparison.comparison();
  auto file = h5::create_file(output.temporary());
  auto meta = h5::create_group(file, "meta");
  h5::write_attribute(meta, "schema_version", io::kSweepSchemaVersion);
  h5::write_attribute(meta, "kind", "sweep");
  h5::write_attribute(meta, "engine_version", info.engine_version);
  h5::write_attribute(meta, "git_revision", info.git_revision);
  h5::write_attribute(meta, "created_utc", io::utc_now());
  h5::write_attribute(meta, "sweep_file", spec.source_file);
  h5::write_attribute(meta, "comparison_file", spec.comparison.file().string());
  h5::write_attribute(meta, "comparison_name", unswept.name);
  h5::write_attribute(meta, "design", design_name(spec.design));
  h5::write_attribute(meta, "seed", spec.seed);
  h5::write_attribute(meta, "comparison_seed", unswept.base.run.seed);
  h5::write_attribute(meta, "replications", result.replications);
  h5::write_attribute(meta, "points", static_cast<std::int64_t>(P));
  h5::write_attribute(meta, "baseline_arm", result.baseline_arm);
  h5::write_attribute(meta, "shares_history", static_cast<std::int64_t>(spec.shares_history ? 1 : 0));
  h5::write_string_scalar(meta, "sweep_yaml", spec.text);
  h5::write_string_scalar(meta, "comparison_yaml", unswept.resolved_text);

  const std::vector<std::pair<std::string, std::vector<std::string>>> point_labels{{"point", numbered(P)}};
  std::vector<std::string> paths;
  std::vector<double> low, high, integer, values;
  for (const auto& p : spec.parameters) {
    paths.push_back(p.path);
    const bool grid = spec.design == Design::grid;
    low.push_back(grid ? std::numeric_limits<double>::quiet_NaN() : p.low);
    high.push_back(grid ? std::numeric_limits<double>::quiet_NaN() : p.high);
    integer.push_back(p.integer ? 1 : 0);
  }
  for (const auto& point : spec.points) values.insert(values.end(), point.begin(), point.end());
  {
    const auto parameters = h5::create_group(file, "parameters");
    const std::vector<std::pair<std::string, std::vector<std::string>>> parameter_labels{{"parameter", paths}};
    h5::write_strings(parameters, "path", paths);
    io::write_dims(parameters, "path", {"parameter"});
    h5::write_attribute(h5::open_dataset(parameters, "path"), "parameter", paths);
    write_table(parameters, "low", low, {D}, {"parameter"}, parameter_labels,
                "lower end of the sampled range (NaN for a grid)");
    write_table(parameters, "high", high, {D}, {"parameter"}, parameter_labels,
                "upper end of the sampled range (NaN for a grid)");
    write_table(parameters, "integer", integer, {D}, {"parameter"}, parameter_labels,
                "1 when sampled values were rounded to whole numbers");
    write_table(parameters, "value", values, {P, D}, {"point", "parameter"}, {{"point", numbered(P)}, {"parameter", paths}},
                "the value put at each parameter's key path at each point");
  }
  {
    const auto points = h5::create_group(file, "points");
    std::vector<double> weeks, pilot_end;
    for (const auto& p : result.points) {
      weeks.push_back(p.weeks);
      pilot_end.push_back(p.pilot_end_week);
    }
    write_table(points, "weeks", weeks, {P}, {"point"}, point_labels, "reported weeks of the point's comparison", "week");
    write_table(points, "pilot_end_week", pilot_end, {P}, {"point"}, point_labels,
                "the week at the end of the pilot (moment end_of_pilot); end_of_follow_up is weeks - 1", "week");
  }
  {
    const auto groups = h5::create_group(file, "groups");
    h5::write_strings(groups, "name", result.groups);
    io::write_dims(groups, "name", {"group"});
    const auto metrics = h5::create_group(file, "metrics");
    h5::write_strings(metrics, "name", result.metrics);
    h5::write_strings(metrics, "unit", result.metric_units);
    for (const char* name : {"name", "unit"}) io::write_dims(metrics, name, {"metric"});
  }
  {
    const auto effects = h5::create_group(file, "effects");
    const std::vector<std::string> moments(std::begin(kMoments), std::end(kMoments));
    const std::vector<std::pair<std::string, std::vector<std::string>>> labels{
        {"point", numbered(P)}, {"arm", result.arms}, {"moment", moments}};
    const std::vector<std::string> dims{"point", "arm", "moment", "group", "metric"};
    const char* what[] = {"mean", "ci_low", "ci_high"};
    const char* meaning[] = {"effect (arm - baseline), mean over replications",
                             "lower end of the 95 % t interval of the effect across replications",
                             "upper end of the 95 % t interval of the effect across replications"};
    for (int i = 0; i < 3; ++i) {
      std::vector<double> table, cost;
      for (const auto& p : result.points) {
        const auto& v = i == 0 ? p.mean : i == 1 ? p.ci_low : p.ci_high;
        const auto& c = i == 0 ? p.cost_per_week_mean : i == 1 ? p.cost_per_week_ci_low : p.cost_per_week_ci_high;
        table.insert(table.end(), v.begin(), v.end());
        cost.insert(cost.end(), c.begin(), c.end());
      }
      write_table(effects, what[i], table, {P, A, T, G, K}, dims, labels, meaning[i]);
      write_table(effects, std::string("cost_per_additional_employment_week_") + what[i], cost, {P, A, G},
                  {"point", "arm", "group"}, {{"point", numbered(P)}, {"arm", result.arms}},
                  std::string("cost per additional person-week of work over the whole run, ratio of means: ") +
                      (i == 0 ? "estimate" : i == 1 ? "Fieller 95 % lower end" : "Fieller 95 % upper end") +
                      " (NaN when not estimable)",
                  "EUR per additional person-week of work");
    }
  }
  io::finish_file(meta, file, output);
}

}  // namespace kokeilu::sweep
