#include "compare/comparison.hpp"

#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>
#include <tbb/task_group.h>

#include <algorithm>
#include <atomic>
#include <memory>
#include <mutex>
#include <stdexcept>
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
  Progress(const CompareOptions& options, std::uint64_t total, int replications)
      : report_(options.progress), total_(total), replications_(replications) {}
  /// `arm` empty: the shared history.
  void add(std::uint64_t agent_weeks, std::string_view arm = {}, std::size_t replication = 0) {
    if (!report_) return;
    const std::uint64_t done = done_.fetch_add(agent_weeks) + agent_weeks;
    std::lock_guard lock(mutex_);
    report_(ComparisonProgress{done, total_, arm, static_cast<int>(replication), replications_});
  }

 private:
  std::function<void(const ComparisonProgress&)> report_;
  std::uint64_t total_;
  int replications_;
  std::atomic<std::uint64_t> done_{0};
  std::mutex mutex_;
};

int worker_threads(int requested) {
  return requested > 0 ? requested : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

}  // namespace

std::uint64_t estimate_comparison_bytes(const scenario::ComparisonSpec& spec, int parallel_runs) {
  const auto persons = static_cast<std::uint64_t>(spec.base.total_persons_ever());
  // Per run in flight: the state, its block, the metrics sink's per-person columns (4 bytes),
  // the writer's transposed copy of a block. Per replication in flight (about one per run in
  // flight, and the one finishing): every arm's kept trajectory and pilot clients (the
  // pilot_clients groups). Shared: the initial population and group cells.
  const auto weeks = static_cast<std::uint64_t>(Calendar(spec.base.run.start, spec.base.run.end).weeks());
  const std::uint64_t per_run = sim::estimate_run_bytes(spec.base, kTrajectoryBlockWeeks) + 4 * persons;
  const std::uint64_t per_replication = spec.arms.size() * persons * (weeks + 1);
  // Kept until the effects are computed: every run's metrics, [week][group][metric] doubles, for
  // every arm and replication (groups: four, three per pilot arm, one per municipality).
  const auto arms = static_cast<std::uint64_t>(spec.arms.size());
  const std::uint64_t groups = 4 + 3 * (arms > 0 ? arms - 1 : 0) + spec.base.municipalities.size();
  const std::uint64_t metrics = arms * static_cast<std::uint64_t>(std::max(spec.replications, 1)) * weeks * groups *
                                kMetricCount * sizeof(double);
  return static_cast<std::uint64_t>(parallel_runs) * per_run +
         static_cast<std::uint64_t>(parallel_runs + 1) * per_replication +
         persons * (population::People::bytes_per_person() + 4 + spec.arms.size()) + metrics;
}

sim::RunState run_shared_history(const scenario::ComparisonSpec& spec, const CompareOptions& options) {
  sim::Simulation history(spec.base, population::generate_population(spec.base, spec.base.run.seed), spec.base.run.seed);
  sim::RunOptions history_options;
  history_options.threads = worker_threads(options.threads);
  history_options.interrupt = options.interrupt;
  history.run_history(history_options);
  return history.state();
}

ComparisonResult run_comparison(const scenario::ComparisonSpec& spec, const CompareOptions& options,
                                const std::optional<OutputFile>& output) {
  const int threads = worker_threads(options.threads);
  const std::size_t arm_count = spec.arms.size();
  const auto replications = static_cast<std::size_t>(spec.replications);
  const std::size_t runs = arm_count * replications;
  const int parallel_runs = static_cast<int>(std::min<std::size_t>(static_cast<std::size_t>(threads), runs));

  // Check the memory before anything big is allocated.
  sim::check_memory_bytes(estimate_comparison_bytes(spec, parallel_runs), spec.base.total_persons_ever());

  const Calendar calendar(spec.base.run.start, spec.base.run.end);
  ComparisonResult result;
  result.weeks = calendar.weeks();
  result.pilot_start_week = std::max(0, calendar.week_of(spec.pilot_start));
  result.pilot_end_week = std::min(result.weeks - 1, calendar.week_of(spec.pilot_end));

  // One population and one history for every arm and replication: the history runs once, under
  // the baseline process and its own random stream, and every run branches from the state it
  // reaches (the same bits as running each arm from the history start: a test checks).
  if (options.start_from != nullptr && !options.branch_from_history)
    throw std::invalid_argument("run_comparison: start_from needs branch_from_history");
  sim::Simulation history =
      options.start_from != nullptr
          ? sim::Simulation(spec.base, *options.start_from, spec.base.run.seed)
          : sim::Simulation(spec.base, population::generate_population(spec.base, spec.base.run.seed), spec.base.run.seed);
  const auto history_weeks = static_cast<std::uint64_t>(history.history_weeks() - history.state().week);
  const std::uint64_t agent_weeks_in_all =
      (history_weeks + static_cast<std::uint64_t>(runs) * static_cast<std::uint64_t>(result.weeks)) *
      static_cast<std::uint64_t>(spec.base.total_persons_ever());
  Progress progress(options, agent_weeks_in_all, spec.replications);
  {
    sim::RunOptions history_options;
    history_options.threads = threads;
    history_options.interrupt = options.interrupt;
    history_options.progress = [&](int, int) { progress.add(static_cast<std::uint64_t>(spec.base.total_persons_ever())); };
    history.run_history(history_options);
  }
  if (options.at_branch) options.at_branch(history.state());
  const sim::RunState& start = history.state();
  const population::People& initial = start.people;
  result.groups = make_groups(spec, initial);

  std::unique_ptr<io::ComparisonFileWriter> writer;
  if (output)
    writer = std::make_unique<io::ComparisonFileWriter>(output->path, output->force,
                                                        make_header(spec, result, options, calendar), initial);

  std::vector<scenario::ScenarioSpec> arm_specs;
  for (std::size_t a = 0; a < arm_count; ++a) arm_specs.push_back(spec.arm_scenario(a));
  result.metrics.assign(arm_count, std::vector<std::vector<double>>(replications));

  // The pilot_clients:<arm> groups are found by the runs themselves: each run keeps its
  // trajectory and who ever became its pilot's client until every arm of its replication has run;
  // then the groups are measured in every arm of the replication. Replications are written to
  // the file in order, whatever order they finish in, so that the file's bytes do not depend on
  // the thread count.
  struct Replication {
    /// [arm]: the run's trajectory blocks in week order, each [weeks * N], week-major.
    std::vector<std::vector<std::vector<std::uint8_t>>> trajectory;
    std::vector<std::vector<std::uint8_t>> pilot_clients;  // [arm]: [N], 0/1
    std::vector<std::vector<std::int64_t>> transitions;    // [arm]
    std::vector<io::PilotWeekly> pilot;                    // [arm]
    std::atomic<std::size_t> runs_left{0};
    bool measured = false;  // its groups are measured: it may be written (under write_mutex)
  };
  // Blocks kept by finished replications are handed to later runs to fill (no new pages, no copy).
  std::vector<std::vector<std::uint8_t>> spare_blocks;
  std::mutex spare_mutex;
  auto spare_block = [&] {
    const std::lock_guard lock(spare_mutex);
    if (spare_blocks.empty()) return std::vector<std::uint8_t>{};
    auto block = std::move(spare_blocks.back());
    spare_blocks.pop_back();
    return block;
  };
  std::vector<Replication> kept(replications);
  for (auto& r : kept) {
    r.trajectory.resize(arm_count);
    r.pilot_clients.resize(arm_count);
    r.transitions.resize(arm_count);
    r.pilot.resize(arm_count);
    r.runs_left = arm_count;
  }
  // Writes replication r's runs, then lends its blocks to later runs.
  auto write_replication = [&](std::size_t replication) {
    auto& r = kept[replication];
    const auto rep = static_cast<int>(replication);
    for (std::size_t arm = 0; arm < arm_count && writer; ++arm) {
      if (options.write_trajectories) {
        int first_week = 0;
        for (const auto& block : r.trajectory[arm]) {
          const int weeks = initial.size() == 0 ? 0 : static_cast<int>(block.size() / initial.size());
          writer->write_trajectory(arm, rep, first_week, weeks, block.data(), initial.size());
          first_week += weeks;
        }
      }
      writer->write_metrics(arm, rep, result.metrics[arm][replication]);
      writer->write_transitions(arm, rep, r.transitions[arm]);
      writer->write_pilot(arm, rep, r.pilot[arm]);
    }
    {
      const std::lock_guard lock(spare_mutex);
      for (auto& blocks : r.trajectory)
        for (auto& block : blocks) spare_blocks.push_back(std::move(block));
    }
    r.trajectory = {};
    r.pilot_clients = {};
    r.transitions = {};
    r.pilot = {};
  };
  std::mutex write_mutex;
  std::size_t next_to_write = 0;
  bool writing = false;  // a thread is writing replications in order: others only mark theirs
  auto write_in_order = [&](std::size_t replication) {
    {
      const std::lock_guard lock(write_mutex);
      kept[replication].measured = true;
      if (writing) return;
      writing = true;
    }
    for (;;) {
      std::size_t next = 0;
      {
        const std::lock_guard lock(write_mutex);
        if (next_to_write == replications || !kept[next_to_write].measured) {
          writing = false;
          return;
        }
        next = next_to_write++;
      }
      write_replication(next);
    }
  };
  auto finish_replication = [&](std::size_t replication) {
    auto& r = kept[replication];
    const std::size_t G = result.groups.size();
    std::vector<std::size_t> found_at;  // the groups' indexes in result.groups
    std::vector<const std::vector<std::uint8_t>*> members;
    for (std::size_t g = 0; g < G; ++g)
      if (const int of_arm = result.groups.pilot_clients_of_arm[g]; of_arm >= 0) {
        found_at.push_back(g);
        members.push_back(&r.pilot_clients[static_cast<std::size_t>(of_arm)]);
      }
    if (!found_at.empty()) {
      const auto found = found_groups(members);
      for (std::size_t arm = 0; arm < arm_count; ++arm) {
        MetricsSink sink(found);
        sim::RunHeader header{&spec.base, result.weeks, spec.base.run.seed, static_cast<std::uint32_t>(replication),
                              spec.arms[arm].name};
        sink.begin(header, initial);
        int first_week = 0;
        for (auto& block : r.trajectory[arm]) {
          const int weeks = initial.size() == 0 ? 0 : static_cast<int>(block.size() / initial.size());
          block = sink.trajectory(first_week, weeks, std::move(block));
          first_week += weeks;
        }
        auto& table = result.metrics[arm][replication];
        for (std::size_t j = 0; j < found_at.size(); ++j)
          for (int w = 0; w < result.weeks; ++w)
            for (int k = 0; k < kMetricCount; ++k)
              table[metric_index(w, found_at[j], static_cast<Metric>(k), G)] =
                  sink.metrics()[metric_index(w, j, static_cast<Metric>(k), found_at.size())];
      }
    }
    write_in_order(replication);
  };

  auto do_run = [&](std::size_t run) {
    const std::size_t arm = run % arm_count;
    const std::size_t replication = run / arm_count;
    MetricsSink::Keep keep = [&, arm, replication](std::vector<std::uint8_t> block) {
      kept[replication].trajectory[arm].push_back(std::move(block));
      return spare_block();
    };
    MetricsSink sink(result.groups, keep);
    sim::RunOptions run_options;
    run_options.threads = 1;  // parallelism is across runs
    run_options.replication = static_cast<std::uint32_t>(replication);
    run_options.arm = spec.arms[arm].name;
    run_options.trajectory_block_weeks = kTrajectoryBlockWeeks;
    run_options.interrupt = options.interrupt;
    run_options.full_path = options.full_path;
    run_options.progress = [&, arm, replication](int, int) {
      progress.add(initial.size(), spec.arms[arm].name, replication);
    };
    // With parameter draws, the arm's design as drawn for this replication (one spec copy per run).
    std::optional<scenario::ScenarioSpec> drawn;
    if (!spec.draws.empty()) drawn = spec.arm_scenario(arm, replication);
    const auto& arm_spec = drawn ? *drawn : arm_specs[arm];
    auto simulation = options.branch_from_history
                          ? sim::Simulation(arm_spec, start, spec.base.run.seed)
                          : sim::Simulation(arm_spec, population::generate_population(spec.base, spec.base.run.seed),
                                            spec.base.run.seed);
    simulation.run(sink, run_options);
    auto& clients = kept[replication].pilot_clients[arm];
    for (const auto flags : simulation.people().client_flags)
      clients.push_back((flags & population::kEverPilotClient) != 0 ? 1 : 0);
    kept[replication].transitions[arm] = sink.transitions();
    kept[replication].pilot[arm] = sink.pilot();
    result.metrics[arm][replication] = sink.metrics();
    if (kept[replication].runs_left.fetch_sub(1) == 1) finish_replication(replication);
  };
  // Runs start in order, replication-major, each worker taking the next from one counter: a
  // replication's arms finish close together, and only the replications in flight keep their
  // trajectories. (A parallel_for over the runs would hand the second worker the second half of
  // the range: every replication it finished would wait, kept whole, for the first half to be
  // written, and memory grew with the replications.)
  std::atomic<std::size_t> next_run{0};
  tbb::task_arena arena(parallel_runs);
  arena.execute([&] {
    tbb::parallel_for(0, parallel_runs, [&](int) {
      // A failed run cancels the group: the others stop taking runs.
      for (std::size_t run; !tbb::is_current_task_group_canceling() && (run = next_run.fetch_add(1)) < runs;)
        do_run(run);
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
