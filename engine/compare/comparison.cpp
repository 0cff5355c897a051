#include "compare/comparison.hpp"

#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>
#include <tbb/task_group.h>

#include <algorithm>
#include <atomic>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <span>
#include <stdexcept>
#include <thread>

#include "compare/effects.hpp"
#include "compare/metrics.hpp"
#include "core/calendar.hpp"
#include "core/errors.hpp"
#include "io/schema.hpp"
#include "io/spool.hpp"
#include "parallel/bytes.hpp"
#include "parallel/tasks.hpp"
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
  Progress(const CompareOptions& options, std::uint64_t total, int replications, bool own_histories)
      : report_(options.progress), total_(total), replications_(replications), own_histories_(own_histories) {}
  /// `arm` empty: the shared history.
  void add(std::uint64_t agent_weeks, std::string_view arm = {}, std::size_t replication = 0) {
    if (!report_) return;
    const std::uint64_t done = done_.fetch_add(agent_weeks) + agent_weeks;
    std::lock_guard lock(mutex_);
    report_(ComparisonProgress{done, total_, arm, static_cast<int>(replication), replications_,
                               arm.empty() && own_histories_});
  }

 private:
  std::function<void(const ComparisonProgress&)> report_;
  std::uint64_t total_;
  int replications_;
  bool own_histories_;
  std::atomic<std::uint64_t> done_{0};
  std::mutex mutex_;
};

/// Where rank 0 keeps the trajectory blocks of the runs until their replication is measured and
/// written: a spool file (io::Spool), or memory (CompareOptions::spool_trajectories false); and
/// the most trajectory bytes it held in memory at once (besides the runs in flight).
class BlockStore {
 public:
  using Extent = io::Spool::Extent;
  explicit BlockStore(std::optional<io::Spool> spool) : spool_(std::move(spool)) {}
  /// Thread-safe.
  Extent put(std::span<const std::uint8_t> block) {
    if (spool_) return spool_->append(block);
    const std::lock_guard lock(mutex_);
    const Extent extent{next_, block.size()};
    next_ += block.size();
    kept_.emplace(extent.offset, std::vector<std::uint8_t>(block.begin(), block.end()));
    hold(block.size());
    return extent;
  }
  /// The block's bytes, into `to`.
  void get(const Extent& extent, std::vector<std::uint8_t>& to) {
    if (spool_) return spool_->read(extent, to);
    const std::lock_guard lock(mutex_);
    const auto& kept = kept_.at(extent.offset);
    to.assign(kept.begin(), kept.end());
  }
  /// The block is written: its memory or disk space goes back.
  void drop(const Extent& extent) {
    if (spool_) return spool_->release(extent);
    const std::lock_guard lock(mutex_);
    kept_.erase(extent.offset);
    let_go(extent.size);
  }
  /// Trajectory bytes held in memory from now on / no more.
  void hold(std::uint64_t bytes) {
    const std::uint64_t now = held_.fetch_add(bytes) + bytes;
    for (std::uint64_t peak = peak_.load(); now > peak && !peak_.compare_exchange_weak(peak, now);) {}
  }
  void let_go(std::uint64_t bytes) { held_.fetch_sub(bytes); }
  std::uint64_t peak() const { return peak_.load(); }

 private:
  std::optional<io::Spool> spool_;
  std::mutex mutex_;  // around kept_ and next_
  std::map<std::uint64_t, std::vector<std::uint8_t>> kept_;  // by offset
  std::uint64_t next_ = 0;
  std::atomic<std::uint64_t> held_{0}, peak_{0};
};

// How a run's trajectory blocks travel in its result: each flagged, then a 0.
constexpr std::uint8_t kBlockEnd = 0;
constexpr std::uint8_t kBlockInline = 1;   // the block's bytes (from another rank)
constexpr std::uint8_t kBlockStored = 2;   // where rank 0 stored it: offset, size

int worker_threads(int requested) {
  return requested > 0 ? requested : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

/// What the runs of a replication branch from when it has its own history: the state at the
/// history's end and the groups measured on it.
struct Branch {
  sim::RunState state;
  GroupSet groups;
};

/// The histories of a comparison whose drawn parameters act in the history: replication r's
/// history runs under spec.base_of(r) from its population, on the history stream (the same
/// random numbers as the shared history: only the parameters differ), so it is a pure function
/// of the replication's draw, whatever the threads or ranks. The first get(r) on this process
/// runs it, the others wait for it; it is dropped after uses[r] release(r).
class OwnHistories {
 public:
  OwnHistories(const scenario::ComparisonSpec& spec, const CompareOptions& options, std::vector<int> uses,
               std::function<void(std::size_t)> week_done)
      : spec_(spec), options_(options), uses_(std::move(uses)), week_done_(std::move(week_done)),
        branches_(uses_.size()) {}

  std::shared_ptr<const Branch> get(std::size_t r, int threads = 1) {
    std::unique_lock lock(mutex_);
    if (branches_[r].valid()) {
      auto branch = branches_[r];
      lock.unlock();
      return branch.get();
    }
    std::promise<std::shared_ptr<const Branch>> made;
    const auto branch = made.get_future().share();
    branches_[r] = branch;
    lock.unlock();
    try {
      made.set_value(run(r, threads));
    } catch (...) {
      made.set_exception(std::current_exception());
    }
    return branch.get();
  }
  void release(std::size_t r) {
    const std::lock_guard lock(mutex_);
    if (--uses_[r] == 0) branches_[r] = {};
  }

 private:
  std::shared_ptr<const Branch> run(std::size_t r, int threads) const {
    const auto& base = spec_.base_of(r);
    sim::Simulation history(base, population::generate_population(base, base.run.seed), base.run.seed);
    sim::RunOptions history_options;
    history_options.threads = threads;
    history_options.interrupt = options_.interrupt;
    history_options.progress = [&](int, int) { week_done_(r); };
    history.run_history(history_options);
    auto branch = std::make_shared<Branch>();
    branch->state = history.state();
    branch->groups = make_groups(spec_, branch->state.people);
    return branch;
  }

  const scenario::ComparisonSpec& spec_;
  const CompareOptions& options_;
  std::vector<int> uses_;                       // [replication]
  std::function<void(std::size_t)> week_done_;  // after each history week of replication r
  std::mutex mutex_;
  std::vector<std::shared_future<std::shared_ptr<const Branch>>> branches_;  // [replication]
};

/// Whether two populations hold the same persons (their static columns: the file's /people).
bool same_persons(const population::People& a, const population::People& b) {
  bool same = a.size() == b.size();
  a.for_each_named_column([&](const char* name, const auto& column) {
    if (!same || !io::is_static_column(name)) return;
    b.for_each_named_column([&](const char* other, const auto& other_column) {
      if constexpr (std::is_same_v<decltype(column), decltype(other_column)>)
        if (std::string_view(name) == other && column != other_column) same = false;
    });
  });
  return same;
}

/// A replication's own history starts from the population its drawn base generates: refuse a
/// draw that changes who is in it (the file has one /people table).
void check_drawn_populations(const scenario::ComparisonSpec& spec) {
  const auto central = population::generate_population(spec.base, spec.base.run.seed);
  for (std::size_t r = 0; r < spec.draws.bases.size(); ++r)
    if (!same_persons(central, population::generate_population(spec.draws.bases[r], spec.base.run.seed))) {
      std::string drawn;
      for (const auto& p : spec.draws.parameters)
        if (!p.paths.front().starts_with("arms[")) drawn += (drawn.empty() ? "" : ", ") + p.paths.front();
      throw InputError("the parameters drawn for replication " + std::to_string(r) + " (of " + drawn +
                       ") change the persons generated at the history start (a comparison has one /people "
                       "table): state the region's population shares as numbers, or run with --fixed-parameters");
    }
}

}  // namespace

std::vector<int> own_history_uses(int rank, int ranks, std::size_t replications, std::size_t arms) {
  std::vector<int> uses(replications, 0);
  for (std::size_t run = 0; run < replications * arms; ++run)
    uses[run / arms] += parallel::task_owner(run, arms, ranks) == rank ? 1 : 0;
  if (rank == 0 && replications > 0) uses[0] += 1;
  return uses;
}

std::uint64_t estimate_comparison_bytes(const scenario::ComparisonSpec& spec, int parallel_runs) {
  const auto persons = static_cast<std::uint64_t>(spec.base.total_persons_ever());
  // Per run in flight: the state, its block, the metrics sink's per-person columns (4 bytes),
  // the writer's transposed copy of a block. Per replication in flight (about one per run in
  // flight, and the one finishing): every arm's pilot clients (the pilot_clients groups); the
  // trajectories wait in the spool file. Once: a run arriving whole from another rank (persons x
  // weeks bytes, spooled on arrival), more than a block read back from the spool and its copy.
  // Shared: the initial population and group cells.
  const auto weeks = static_cast<std::uint64_t>(Calendar(spec.base.run.start, spec.base.run.end).weeks());
  const std::uint64_t per_run = sim::estimate_run_bytes(spec.base, kTrajectoryBlockWeeks) + 4 * persons;
  const std::uint64_t per_replication = spec.arms.size() * persons;
  // Kept until the effects are computed: every run's metrics, [week][group][metric] doubles, for
  // every arm and replication (groups: four, three per pilot arm, one per municipality).
  const auto arms = static_cast<std::uint64_t>(spec.arms.size());
  const std::uint64_t groups = 4 + 3 * (arms > 0 ? arms - 1 : 0) + spec.base.municipalities.size();
  const std::uint64_t metrics = arms * static_cast<std::uint64_t>(std::max(spec.replications, 1)) * weeks * groups *
                                kMetricCount * sizeof(double);
  // Histories drawn per replication: each replication in flight holds its branch state and groups.
  const std::uint64_t per_replication_history =
      spec.draws.per_replication_history() ? persons * (population::People::bytes_per_person() + 4 + spec.arms.size()) : 0;
  return static_cast<std::uint64_t>(parallel_runs) * per_run +
         static_cast<std::uint64_t>(parallel_runs + 1) * (per_replication + per_replication_history) +
         persons * (weeks + 1) +
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
  std::unique_ptr<parallel::Team> alone;
  parallel::Team& team = options.team != nullptr ? *options.team : *(alone = parallel::Team::alone());
  const int threads = worker_threads(options.threads);
  const std::size_t arm_count = spec.arms.size();
  const auto replications = static_cast<std::size_t>(spec.replications);
  const std::size_t runs = arm_count * replications;  // run i: arm i % arms, replication i / arms
  // With a parameter drawn in the history, each replication runs its own history (OwnHistories),
  // and its arms all run on one rank, which simulates that history once; otherwise runs are
  // dealt out one by one.
  const bool own_histories = spec.draws.per_replication_history();
  const std::size_t runs_per_owner = own_histories ? std::max<std::size_t>(arm_count, 1) : 1;
  std::size_t my_runs = 0;
  for (std::size_t run = 0; run < runs; ++run) my_runs += team.owns(run, runs_per_owner) ? 1 : 0;
  const int parallel_runs = static_cast<int>(std::clamp<std::size_t>(my_runs, 1, static_cast<std::size_t>(threads)));

  // Check the memory before anything big is allocated.
  sim::check_memory_bytes(estimate_comparison_bytes(spec, parallel_runs), spec.base.total_persons_ever());

  const Calendar calendar(spec.base.run.start, spec.base.run.end);
  ComparisonResult result;
  result.weeks = calendar.weeks();
  result.pilot_start_week = std::max(0, calendar.week_of(spec.pilot_start));
  result.pilot_end_week = std::min(result.weeks - 1, calendar.week_of(spec.pilot_end));

  // One population and one history for every arm and replication: the history runs once (on
  // each rank with runs, and on rank 0 for the file), under the baseline process and its own
  // random stream, and every run branches from the state it reaches (the same bits as running
  // each arm from the history start: a test checks).
  if (options.start_from != nullptr && !options.branch_from_history)
    throw std::invalid_argument("run_comparison: start_from needs branch_from_history");
  if (own_histories && (options.start_from != nullptr || options.at_branch))
    throw std::invalid_argument("run_comparison: histories drawn per replication have no one state to start from or write");
  std::optional<sim::Simulation> history;
  if ((team.leader() || my_runs > 0) && !own_histories) {
    if (options.start_from != nullptr)
      history.emplace(spec.base, *options.start_from, spec.base.run.seed);
    else
      history.emplace(spec.base, population::generate_population(spec.base, spec.base.run.seed), spec.base.run.seed);
  }
  // Own histories: replication r's is used by each of its runs on this rank (and replication
  // 0's on rank 0 by the header).
  const std::vector<int> history_uses =
      own_histories ? own_history_uses(team.rank(), team.size(), replications, arm_count) : std::vector<int>{};
  const auto own_history_weeks = static_cast<std::uint64_t>(
      Calendar(spec.base.run.history_start, spec.base.run.end).week_of(spec.base.run.start) *
      std::count_if(history_uses.begin(), history_uses.end(), [](int uses) { return uses > 0; }));
  const auto history_weeks =
      history ? static_cast<std::uint64_t>(history->history_weeks() - history->state().week) : own_history_weeks;
  const std::uint64_t agent_weeks_in_all =
      (history_weeks + static_cast<std::uint64_t>(my_runs) * static_cast<std::uint64_t>(result.weeks)) *
      static_cast<std::uint64_t>(spec.base.total_persons_ever());
  Progress progress(options, agent_weeks_in_all, spec.replications, own_histories);
  if (history) {
    sim::RunOptions history_options;
    history_options.threads = threads;
    history_options.interrupt = options.interrupt;
    history_options.progress = [&](int, int) { progress.add(static_cast<std::uint64_t>(spec.base.total_persons_ever())); };
    history->run_history(history_options);
    if (options.at_branch) options.at_branch(history->state());
    result.groups = make_groups(spec, history->state().people);
  }
  std::unique_ptr<OwnHistories> own;
  std::shared_ptr<const Branch> first_branch;  // replication 0's, for the file's header
  if (own_histories) {
    check_drawn_populations(spec);
    const auto persons_ever = static_cast<std::uint64_t>(spec.base.total_persons_ever());
    own = std::make_unique<OwnHistories>(spec, options, history_uses,
                                         [&, persons_ever](std::size_t r) { progress.add(persons_ever, {}, r); });
    if (team.leader()) {
      first_branch = own->get(0, threads);
      own->release(0);
      result.groups = first_branch->groups;
    } else if (my_runs > 0) {
      result.groups = make_groups(spec, population::generate_population(spec.base, spec.base.run.seed));  // names only
    }
  }
  /// The state replication r's runs branch from, and the groups measured on it.
  const auto branch_of = [&](std::size_t r) -> std::pair<std::shared_ptr<const Branch>, const sim::RunState*> {
    if (!own) return {nullptr, &history->state()};
    auto branch = own->get(r);
    const auto* state = &branch->state;
    return {std::move(branch), state};
  };
  // The pilot_clients:<arm> groups are measured on rank 0 from every arm's trajectory and clients.
  bool found_groups_wanted = false;
  for (const int of_arm : result.groups.pilot_clients_of_arm) found_groups_wanted |= of_arm >= 0;
  const bool trajectories_wanted = (options.write_trajectories && output) || found_groups_wanted;

  // Rank 0 keeps the blocks of its own runs (as they are produced) and of the runs that arrive
  // from other ranks in a spool file beside the output until their replication is written.
  std::optional<BlockStore> store;
  if (team.leader() && trajectories_wanted) {
    std::optional<io::Spool> spool;
    if (!options.spool_at.empty())
      spool.emplace(io::Spool::at(options.spool_at));
    else if (options.spool_trajectories)
      spool.emplace(io::Spool::in_folder(output ? output->path.parent_path() : std::filesystem::temp_directory_path()));
    store.emplace(std::move(spool));
  }

  std::vector<scenario::ScenarioSpec> arm_specs;
  for (std::size_t a = 0; a < arm_count && my_runs > 0; ++a) arm_specs.push_back(spec.arm_scenario(a));

  // A run's result, as it travels to rank 0: its trajectory blocks (on rank 0 where they are
  // stored, elsewhere the blocks themselves; each flagged, then kBlockEnd),
  // who ever became its pilot's client, its transitions, its pilot tables and its metrics.
  auto do_run = [&](std::size_t run) {
    const std::size_t arm = run % arm_count;
    const std::size_t replication = run / arm_count;
    const auto [branch, start_state] = branch_of(replication);
    const sim::RunState& start = *start_state;
    const GroupSet& groups = branch ? branch->groups : result.groups;
    parallel::Packer packed;
    if (trajectories_wanted) {
      // The whole result in one buffer from the start: a trajectory is not copied as it grows.
      const std::uint64_t persons = start.people.size(), weeks = static_cast<std::uint64_t>(result.weeks);
      const std::uint64_t tables = weeks * (result.groups.size() * kMetricCount * sizeof(double) +
                                            spec.base.municipalities.size() * 1024);
      packed.reserve((store ? persons : persons * (weeks + 1)) + tables + (std::uint64_t{1} << 20));
    }
    MetricsSink::Keep keep = [&](std::vector<std::uint8_t> block) {
      if (store) {
        const auto extent = store->put(block);
        packed.put(kBlockStored);
        packed.put(extent.offset);
        packed.put(extent.size);
      } else if (trajectories_wanted) {
        packed.put(kBlockInline);
        packed.put_vector(block);
      }
      return block;  // the simulation fills it again
    };
    MetricsSink sink(groups, keep);
    sim::RunOptions run_options;
    run_options.threads = 1;  // parallelism is across runs
    run_options.replication = static_cast<std::uint32_t>(replication);
    run_options.arm = spec.arms[arm].name;
    run_options.trajectory_block_weeks = kTrajectoryBlockWeeks;
    run_options.interrupt = options.interrupt;
    run_options.full_path = options.full_path;
    run_options.progress = [&, arm, replication](int, int) {
      progress.add(start.people.size(), spec.arms[arm].name, replication);
    };
    // With parameter draws, the arm's design as drawn for this replication (one spec copy per run).
    std::optional<scenario::ScenarioSpec> drawn;
    if (!spec.draws.empty()) drawn = spec.arm_scenario(arm, replication);
    const auto& arm_spec = drawn ? *drawn : arm_specs[arm];
    auto simulation = options.branch_from_history
                          ? sim::Simulation(arm_spec, start, spec.base.run.seed)
                          : sim::Simulation(arm_spec, population::generate_population(arm_spec, spec.base.run.seed),
                                            spec.base.run.seed);
    simulation.run(sink, run_options);
    if (own) own->release(replication);
    packed.put(kBlockEnd);
    std::vector<std::uint8_t> clients;
    clients.reserve(simulation.people().size());
    for (const auto flags : simulation.people().client_flags)
      clients.push_back((flags & population::kEverPilotClient) != 0 ? 1 : 0);
    packed.put_vector(clients);
    packed.put_vector(sink.transitions());
    packed.put_vector(sink.pilot().entries);
    packed.put_vector(sink.pilot().ever_clients);
    packed.put_vector(sink.pilot().service_starts);
    packed.put_vector(sink.metrics());
    // Rank 0 measures and writes the replication from what its first arm's run sends of the
    // branch state, so that it need not run a history of its own (own_history_uses).
    if (own && arm == 0) {
      for (const auto& target : groups.target_at_start) packed.put_vector(target);
      packed.put_vector(start.people.status);
      packed.put_vector(start.people.spell_weeks);
    }
    return packed.take();
  };
  // Runs start in order, replication-major, each worker taking the next from one counter: a
  // replication's arms finish close together, and only the replications in flight are held.
  // (A parallel_for over the runs would hand the second worker the second half of the range.)
  const auto work = [&](std::span<const std::size_t> mine, const parallel::Done& done) {
    std::atomic<std::size_t> next_run{0};
    tbb::task_arena arena(parallel_runs);
    arena.execute([&] {
      tbb::parallel_for(0, parallel_runs, [&](int) {
        // A failed run cancels the group: the others stop taking runs.
        for (std::size_t k; !tbb::is_current_task_group_canceling() && (k = next_run.fetch_add(1)) < mine.size();)
          done(mine[k], do_run(mine[k]));
      }, tbb::simple_partitioner());
    });
  };

  // On rank 0, runs arrive in order: a replication's arms one after another, then it is
  // complete; its pilot_clients:<arm> groups are measured in every arm, and it is written. The
  // file's bytes so depend neither on the threads nor on the ranks.
  std::unique_ptr<io::ComparisonFileWriter> writer;
  if (team.leader() && output)
    writer = std::make_unique<io::ComparisonFileWriter>(output->path, output->force,
                                                        make_header(spec, result, options, calendar),
                                                        first_branch ? first_branch->state.people : history->state().people);
  const std::size_t persons =
      !team.leader() ? 0 : first_branch ? first_branch->state.people.size() : history->state().people.size();
  first_branch.reset();
  if (team.leader()) result.metrics.assign(arm_count, std::vector<std::vector<double>>(replications));
  // The replication being gathered: where each arm's trajectory blocks are stored, its pilot's
  // clients, transitions and pilot tables.
  struct Replication {
    std::vector<std::vector<BlockStore::Extent>> trajectory;  // [arm]: blocks in week order, [weeks * N]
    std::vector<std::vector<std::uint8_t>> pilot_clients;     // [arm]: [N], 0/1
    std::vector<std::vector<std::int64_t>> transitions;       // [arm]
    std::vector<io::PilotWeekly> pilot;                       // [arm]
    // Own histories: from the first arm's run, of the replication's state at the branch.
    std::vector<std::vector<std::uint8_t>> target_at_start;   // [arm][N], 0/1
    std::vector<std::uint8_t> status_at_branch;               // [N]
    std::vector<std::uint16_t> spell_weeks_at_branch;         // [N]
  } current;
  current.trajectory.resize(arm_count);
  current.pilot_clients.resize(arm_count);
  current.transitions.resize(arm_count);
  current.pilot.resize(arm_count);
  // A complete replication, arm by arm, each block read back once: its pilot_clients:<arm>
  // groups measured (from every arm's clients, on the replication's state at the branch), then
  // written as before.
  std::vector<std::uint8_t> block;  // the one block read back at a time
  auto measure_and_write = [&](std::size_t replication, const std::vector<std::uint8_t>& status_at_branch,
                               const std::vector<std::uint16_t>& spell_weeks_at_branch) {
    const auto rep = static_cast<int>(replication);
    const std::size_t G = result.groups.size();
    std::vector<std::size_t> found_at;  // the found groups' indexes in result.groups
    std::vector<const std::vector<std::uint8_t>*> members;
    for (std::size_t g = 0; g < G; ++g)
      if (const int of_arm = result.groups.pilot_clients_of_arm[g]; of_arm >= 0) {
        found_at.push_back(g);
        members.push_back(&current.pilot_clients[static_cast<std::size_t>(of_arm)]);
      }
    const auto found = found_at.empty() ? GroupSet{} : found_groups(members);
    for (std::size_t arm = 0; arm < arm_count; ++arm) {
      std::optional<MetricsSink> sink;
      if (!found_at.empty()) {
        sink.emplace(found);
        sim::RunHeader header{&spec.base, result.weeks, spec.base.run.seed, static_cast<std::uint32_t>(replication),
                              spec.arms[arm].name};
        sink->begin(header, status_at_branch, spell_weeks_at_branch);
      }
      int first_week = 0;
      for (const auto& extent : current.trajectory[arm]) {
        store->get(extent, block);
        store->hold(block.size());
        const int weeks = persons == 0 ? 0 : static_cast<int>(block.size() / persons);
        if (sink) block = sink->trajectory(first_week, weeks, std::move(block));
        if (writer && options.write_trajectories)
          writer->write_trajectory(arm, rep, first_week, weeks, block.data(), persons);
        first_week += weeks;
        store->let_go(extent.size);
        store->drop(extent);
      }
      current.trajectory[arm].clear();
      auto& table = result.metrics[arm][replication];
      for (std::size_t j = 0; j < found_at.size(); ++j)
        for (int w = 0; w < result.weeks; ++w)
          for (int k = 0; k < kMetricCount; ++k)
            table[metric_index(w, found_at[j], static_cast<Metric>(k), G)] =
                sink->metrics()[metric_index(w, j, static_cast<Metric>(k), found_at.size())];
      if (!writer) continue;
      writer->write_metrics(arm, rep, table);
      writer->write_transitions(arm, rep, current.transitions[arm]);
      writer->write_pilot(arm, rep, current.pilot[arm]);
    }
  };
  const auto take = [&](std::size_t run, parallel::Bytes bytes) {
    const std::size_t arm = run % arm_count;
    const std::size_t replication = run / arm_count;
    parallel::Unpacker in(bytes);
    auto& blocks = current.trajectory[arm];
    blocks.clear();
    // A run from another rank arrives whole, its blocks in it: held until they are stored.
    std::uint64_t arrived = 0;
    for (std::uint8_t kind; (kind = in.get<std::uint8_t>()) != kBlockEnd;) {
      if (kind == kBlockStored) {
        BlockStore::Extent extent;
        extent.offset = in.get<std::uint64_t>();
        extent.size = in.get<std::uint64_t>();
        blocks.push_back(extent);
        continue;
      }
      if (kind != kBlockInline || !store) throw std::runtime_error("a run's result arrived garbled");
      if (arrived == 0) store->hold(arrived = bytes.size());
      blocks.push_back(store->put(in.get_bytes()));
    }
    current.pilot_clients[arm] = in.get_vector<std::uint8_t>();
    current.transitions[arm] = in.get_vector<std::int64_t>();
    current.pilot[arm].entries = in.get_vector<std::int64_t>();
    current.pilot[arm].ever_clients = in.get_vector<std::int64_t>();
    current.pilot[arm].service_starts = in.get_vector<std::int64_t>();
    result.metrics[arm][replication] = in.get_vector<double>();
    if (own && arm == 0) {
      current.target_at_start.resize(arm_count);
      for (auto& target : current.target_at_start) target = in.get_vector<std::uint8_t>();
      current.status_at_branch = in.get_vector<std::uint8_t>();
      current.spell_weeks_at_branch = in.get_vector<std::uint16_t>();
    }
    bytes = {};
    if (arrived != 0) store->let_go(arrived);
    if (arm + 1 < arm_count) return;
    if (!own) return measure_and_write(replication, history->state().people.status, history->state().people.spell_weeks);
    if (writer) writer->write_target_at_start(static_cast<int>(replication), current.target_at_start);
    measure_and_write(replication, current.status_at_branch, current.spell_weeks_at_branch);
  };
  parallel::run_tasks(team, runs, static_cast<std::size_t>(parallel_runs), work, take, runs_per_owner);
  if (!team.leader()) return result;
  if (store) result.trajectory_bytes_held_peak = store->peak();

  result.effects.resize(arm_count);
  for (std::size_t a = 1; a < arm_count; ++a) {
    result.effects[a] = paired_effects(result.metrics[a], result.metrics[0], result.weeks, result.groups.size());
    if (writer) writer->write_effects(a, result.effects[a]);
  }
  if (writer) writer->commit();
  return result;
}

}  // namespace kokeilu::compare
