#include "compare/comparison.hpp"

#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <memory>
#include <mutex>
#include <thread>

#include "compare/effects.hpp"
#include "compare/metrics.hpp"
#include "core/calendar.hpp"
#include "core/errors.hpp"
#include "population/generate.hpp"
#include "sim/simulation.hpp"

namespace kokeilu::compare {

namespace {

constexpr int kTrajectoryBlockWeeks = 52;

io::ComparisonHeader make_header(const scenario::ComparisonSpec& spec, const ComparisonResult& result,
                                 const CompareOptions& options, const Calendar& calendar) {
  io::ComparisonHeader header;
  header.spec = &spec;
  header.engine_version = options.engine_version;
  header.git_revision = options.git_revision;
  header.weeks = result.weeks;
  header.pilot_start_week = result.pilot_start_week;
  header.pilot_end_week = result.pilot_end_week;
  header.write_trajectories = options.write_trajectories;
  for (int w = 0; w < result.weeks; ++w) header.week_starts.push_back(format_date(calendar.week_start(w)));
  header.group_names = result.groups.names;
  header.group_descriptions = result.groups.descriptions;
  for (const auto& metric : metric_table()) {
    header.metric_names.emplace_back(metric.name);
    header.metric_units.emplace_back(metric.unit);
    header.metric_descriptions.emplace_back(metric.description);
  }
  header.target_at_start = result.groups.target_at_start;
  return header;
}

/// Reports agent-weeks done across concurrent runs, one call at a time.
class Progress {
 public:
  Progress(const CompareOptions& options, std::uint64_t total) : report_(options.progress), total_(total) {}
  void add(std::uint64_t agent_weeks) {
    if (!report_) return;
    const std::uint64_t done = done_.fetch_add(agent_weeks) + agent_weeks;
    std::lock_guard lock(mutex_);
    report_(done, total_);
  }

 private:
  std::function<void(std::uint64_t, std::uint64_t)> report_;
  std::uint64_t total_;
  std::atomic<std::uint64_t> done_{0};
  std::mutex mutex_;
};

int worker_threads(int requested) {
  return requested > 0 ? requested : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

}  // namespace

std::uint64_t estimate_comparison_bytes(const scenario::ComparisonSpec& spec, int parallel_runs) {
  const auto persons = static_cast<std::uint64_t>(spec.base.total_persons());
  // Per run in flight: the state, its block, the metrics sink's per-person columns (4 bytes),
  // the writer's transposed copy of a block. Shared: the initial population and group cells.
  const std::uint64_t per_run = sim::estimate_run_bytes(spec.base, kTrajectoryBlockWeeks) + 4 * persons;
  // Kept until the effects are computed: every run's metrics, [week][group][metric] doubles, for
  // every arm and replication (groups: four, two per pilot arm, one per municipality).
  const auto arms = static_cast<std::uint64_t>(spec.arms.size());
  const auto weeks = static_cast<std::uint64_t>(Calendar(spec.base.run.start, spec.base.run.end).weeks());
  const std::uint64_t groups = 4 + 2 * (arms > 0 ? arms - 1 : 0) + spec.base.municipalities.size();
  const std::uint64_t metrics = arms * static_cast<std::uint64_t>(std::max(spec.replications, 1)) * weeks * groups *
                                kMetricCount * sizeof(double);
  return static_cast<std::uint64_t>(parallel_runs) * per_run +
         persons * (population::People::bytes_per_person() + 4 + spec.arms.size()) + metrics;
}

ComparisonResult run_comparison(const scenario::ComparisonSpec& spec, const CompareOptions& options,
                                const std::optional<OutputFile>& output) {
  const int threads = worker_threads(options.threads);
  const std::size_t arm_count = spec.arms.size();
  const auto replications = static_cast<std::size_t>(spec.replications);
  const std::size_t runs = arm_count * replications;
  const int parallel_runs = static_cast<int>(std::min<std::size_t>(static_cast<std::size_t>(threads), runs));

  // Check the memory before anything big is allocated.
  sim::check_memory_bytes(estimate_comparison_bytes(spec, parallel_runs), spec.base.total_persons());

  const Calendar calendar(spec.base.run.start, spec.base.run.end);
  ComparisonResult result;
  result.weeks = calendar.weeks();
  result.pilot_start_week = std::max(0, calendar.week_of(spec.pilot_start));
  result.pilot_end_week = std::min(result.weeks - 1, calendar.week_of(spec.pilot_end));

  // One population for every arm and replication: the same people in every counterfactual.
  const population::People initial = population::generate_population(spec.base, spec.base.run.seed);
  result.groups = make_groups(spec, initial);

  std::unique_ptr<io::ComparisonFileWriter> writer;
  if (output)
    writer = std::make_unique<io::ComparisonFileWriter>(output->path, output->force,
                                                        make_header(spec, result, options, calendar), initial);

  std::vector<scenario::ScenarioSpec> arm_specs;
  for (std::size_t a = 0; a < arm_count; ++a) arm_specs.push_back(spec.arm_scenario(a));
  result.metrics.assign(arm_count, std::vector<std::vector<double>>(replications));
  Progress progress(options, static_cast<std::uint64_t>(runs) * initial.size() * static_cast<std::uint64_t>(result.weeks));

  tbb::task_arena arena(parallel_runs);
  arena.execute([&] {
    tbb::parallel_for(std::size_t{0}, runs, [&](std::size_t run) {
      const std::size_t arm = run / replications;
      const std::size_t replication = run % replications;
      MetricsSink::Forward forward;
      if (writer && options.write_trajectories)
        forward = [&](int first_week, int weeks, const std::vector<std::uint8_t>& block) {
          writer->write_trajectory(arm, static_cast<int>(replication), first_week, weeks, block.data(), initial.size());
        };
      MetricsSink sink(result.groups, forward);
      sim::RunOptions run_options;
      run_options.threads = 1;  // parallelism is across runs
      run_options.replication = static_cast<std::uint32_t>(replication);
      run_options.arm = spec.arms[arm].name;
      run_options.trajectory_block_weeks = kTrajectoryBlockWeeks;
      run_options.interrupt = options.interrupt;
      run_options.progress = [&](int, int) { progress.add(initial.size()); };
      sim::Simulation simulation(arm_specs[arm], initial, spec.base.run.seed);
      simulation.run(sink, run_options);
      if (writer) {
        writer->write_metrics(arm, static_cast<int>(replication), sink.metrics());
        writer->write_transitions(arm, static_cast<int>(replication), sink.transitions());
      }
      result.metrics[arm][replication] = sink.metrics();
    }, tbb::simple_partitioner());
  });

  result.effects.resize(arm_count);
  for (std::size_t a = 1; a < arm_count; ++a) {
    result.effects[a] = paired_effects(result.metrics[a], result.metrics[0], result.weeks, result.groups.size());
    if (writer) writer->write_effects(a, result.effects[a]);
  }
  if (writer) writer->commit();
  return result;
}

}  // namespace kokeilu::compare
