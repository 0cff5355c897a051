#include "sweep/sweep.hpp"

#include <tbb/info.h>

#include <optional>
#include <stdexcept>

#include "compare/comparison.hpp"
#include "compare/metrics.hpp"
#include "core/errors.hpp"
#include "parallel/bytes.hpp"
#include "parallel/tasks.hpp"

namespace kokeilu::sweep {

namespace {

compare::CompareOptions comparison_options(const SweepOptions& options) {
  compare::CompareOptions o;
  // One thread per core this process may use: under mpirun each rank is bound to its cores.
  o.threads = options.threads > 0 ? options.threads : tbb::info::default_concurrency();
  o.write_trajectories = false;
  o.interrupt = options.interrupt;
  return o;
}

/// The names every point shares: a sweep changes numbers only, never arms or municipalities.
SweepResult names_of(const scenario::ComparisonSpec& spec, const compare::GroupSet& groups) {
  SweepResult r;
  r.baseline_arm = spec.arms.at(0).name;
  for (std::size_t a = 1; a < spec.arms.size(); ++a) r.arms.push_back(spec.arms[a].name);
  r.groups = groups.names;
  for (const auto& metric : compare::metric_table()) {
    r.metrics.emplace_back(metric.name);
    r.metric_units.emplace_back(metric.unit);
  }
  r.replications = spec.replications;
  return r;
}

void append(std::vector<double>& out, const std::vector<double>& values) {
  out.push_back(static_cast<double>(values.size()));
  out.insert(out.end(), values.begin(), values.end());
}

}  // namespace

std::vector<double> PointEffects::serialise() const {
  std::vector<double> out{static_cast<double>(weeks), static_cast<double>(pilot_end_week)};
  for (const auto* v : {&mean, &ci_low, &ci_high, &cost_per_week_mean, &cost_per_week_ci_low, &cost_per_week_ci_high})
    append(out, *v);
  return out;
}

PointEffects PointEffects::deserialise(const double* at, std::size_t size) {
  const double* end = at + size;
  auto next = [&] {
    if (at == end) throw std::runtime_error("a point's results arrived truncated");
    return *at++;
  };
  PointEffects p;
  p.weeks = static_cast<int>(next());
  p.pilot_end_week = static_cast<int>(next());
  for (auto* v : {&p.mean, &p.ci_low, &p.ci_high, &p.cost_per_week_mean, &p.cost_per_week_ci_low, &p.cost_per_week_ci_high}) {
    const auto n = static_cast<std::size_t>(next());
    if (n > static_cast<std::size_t>(end - at)) throw std::runtime_error("a point's results arrived truncated");
    v->assign(at, at + n);
    at += n;
  }
  return p;
}

namespace {

PointEffects effects_of(const compare::ComparisonResult& result) {
  PointEffects p;
  p.weeks = result.weeks;
  p.pilot_end_week = result.pilot_end_week;
  const std::size_t G = result.groups.size();
  const int moments[kMomentCount] = {result.pilot_end_week, result.weeks - 1};
  for (std::size_t a = 1; a < result.effects.size(); ++a) {
    const auto& e = result.effects[a];
    for (const int week : moments)
      for (std::size_t g = 0; g < G; ++g)
        for (int k = 0; k < compare::kMetricCount; ++k) {
          const auto i = compare::metric_index(week, g, static_cast<compare::Metric>(k), G);
          p.mean.push_back(e.mean[i]);
          p.ci_low.push_back(e.ci_low[i]);
          p.ci_high.push_back(e.ci_high[i]);
        }
    p.cost_per_week_mean.insert(p.cost_per_week_mean.end(), e.cost_per_week_mean.begin(), e.cost_per_week_mean.end());
    p.cost_per_week_ci_low.insert(p.cost_per_week_ci_low.end(), e.cost_per_week_ci_low.begin(), e.cost_per_week_ci_low.end());
    p.cost_per_week_ci_high.insert(p.cost_per_week_ci_high.end(), e.cost_per_week_ci_high.begin(),
                                   e.cost_per_week_ci_high.end());
  }
  return p;
}

compare::ComparisonResult run_point_comparison(const SweepSpec& spec, std::size_t point, const SweepOptions& options,
                                               const sim::RunState* history) {
  const auto comparison = spec.comparison.comparison(spec.settings(point));
  auto compare_options = comparison_options(options);
  compare_options.start_from = history;  // the state after the history: nothing of it runs again
  return compare::run_comparison(comparison, compare_options, std::nullopt);
}

}  // namespace

PointEffects run_point(const SweepSpec& spec, std::size_t point, const SweepOptions& options,
                       const sim::RunState* history) {
  return effects_of(run_point_comparison(spec, point, options, history));
}

SweepResult run_sweep(const SweepSpec& spec, const SweepOptions& options, parallel::Team& team) {
  const std::size_t points = spec.points.size();
  const auto unswept = spec.comparison.comparison();
  std::optional<SweepResult> names;  // on rank 0, from its first point (it owns point 0)
  SweepResult out;
  out.points.resize(team.leader() ? points : 0);
  const auto work = [&](std::span<const std::size_t> mine, const parallel::Done& done) {
    // Points that change only the arms branch from one history, run once per rank.
    std::optional<sim::RunState> history;
    if (spec.shares_history && !mine.empty())
      history = compare::run_shared_history(spec.comparison.comparison(spec.settings(mine.front())),
                                            comparison_options(options));
    for (std::size_t i = 0; i < mine.size(); ++i) {
      const auto result = run_point_comparison(spec, mine[i], options, history ? &*history : nullptr);
      if (!names) names = names_of(unswept, result.groups);
      parallel::Packer packed;
      packed.put_vector(effects_of(result).serialise());
      done(mine[i], packed.take());
      if (options.progress) options.progress(i + 1, mine.size());
    }
  };
  const auto take = [&](std::size_t point, parallel::Bytes bytes) {
    parallel::Unpacker unpacked(bytes);
    const auto blob = unpacked.get_vector<double>();
    out.points[point] = PointEffects::deserialise(blob.data(), blob.size());
  };
  parallel::run_tasks(team, points, 2, work, take);
  if (!team.leader()) return {};
  auto points_effects = std::move(out.points);
  out = std::move(*names);
  out.points = std::move(points_effects);
  return out;
}

}  // namespace kokeilu::sweep
