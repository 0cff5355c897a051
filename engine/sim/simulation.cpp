#include "sim/simulation.hpp"

#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "benefits/rules.hpp"
#include "core/calendar.hpp"
#include "core/errors.hpp"
#include "market/matching.hpp"
#include "population/generate.hpp"
#include "services/plan.hpp"
#include "sim/stepper.hpp"

namespace kokeilu::sim {

namespace {

std::uint64_t available_memory_bytes() {
  std::ifstream meminfo("/proc/meminfo");
  std::string key;
  std::uint64_t kib = 0;
  std::string unit;
  while (meminfo >> key >> kib >> unit)
    if (key == "MemAvailable:") return kib * 1024;
  return static_cast<std::uint64_t>(sysconf(_SC_PHYS_PAGES)) * static_cast<std::uint64_t>(sysconf(_SC_PAGE_SIZE));
}

std::string gib(std::uint64_t bytes) {
  std::ostringstream s;
  s.precision(2);
  s << std::fixed << static_cast<double>(bytes) / (1024.0 * 1024.0 * 1024.0) << " GiB";
  return s.str();
}

/// The municipalities' response to their co-payment bill this week (docs/capacity.md): where a
/// pilot is in force, its design's rule; elsewhere the baseline's.
void set_municipality_response(WeekContext& ctx, const policy::BillHistory& bills, std::size_t municipalities) {
  ctx.rehabilitative_added_share.clear();
  ctx.services.rehabilitative_added_share = nullptr;
  const auto& sw = ctx.services;
  const bool any = sw.baseline->design->municipality_response.enabled ||
                   (sw.pilot != nullptr && sw.pilot->design->municipality_response.enabled);
  if (!any) return;
  ctx.rehabilitative_added_share.resize(municipalities, 0.0);
  for (std::size_t m = 0; m < municipalities; ++m) {
    const auto& plan = sw.pilot != nullptr && sw.pilot->covers(static_cast<MunicipalityIndex>(m)) ? *sw.pilot : *sw.baseline;
    ctx.rehabilitative_added_share[m] =
        policy::added_places_share(plan.design->municipality_response, bills, ctx.week, m, municipalities);
  }
  ctx.services.rehabilitative_added_share = ctx.rehabilitative_added_share.data();
}

/// Every week's bill and unemployed persons by municipality, whether a rule reads them or not:
/// a rule that starts later (a pilot's) finds its window already filled.
void record_bills(policy::BillHistory& bills, int week, const WeekTotals& totals) {
  const auto municipalities = static_cast<std::size_t>(totals.municipalities);
  std::vector<std::int64_t> unemployed(municipalities);
  for (std::size_t m = 0; m < municipalities; ++m)
    unemployed[m] = totals.status_counts[m * kStatusCount + static_cast<std::size_t>(Status::unemployed)];
  bills.record(week, totals.copayment, unemployed);
}

}  // namespace

std::uint64_t estimate_run_bytes(const scenario::ScenarioSpec& spec, int trajectory_block_weeks) {
  const auto persons = static_cast<std::uint64_t>(spec.total_persons_ever());
  // State twice (initial copy kept by writers), three trajectory blocks (the one being filled,
  // the one being written, the writer's transposed copy).
  return persons * (2 * population::People::bytes_per_person() +
                    3 * static_cast<std::uint64_t>(trajectory_block_weeks));
}

void check_memory(const scenario::ScenarioSpec& spec, int trajectory_block_weeks) {
  check_memory_bytes(estimate_run_bytes(spec, trajectory_block_weeks), spec.total_persons_ever());
}

void check_memory_bytes(std::uint64_t needed_bytes, std::int64_t persons) {
  const auto available = available_memory_bytes();
  if (needed_bytes > available)
    throw InputError("population of " + std::to_string(persons) + " persons needs about " + gib(needed_bytes) +
                     " of memory; " + gib(available) + " is available");
}

Simulation::Simulation(const scenario::ScenarioSpec& spec, std::uint64_t seed)
    : Simulation(spec, population::generate_population(spec, seed), seed) {}

Simulation::Simulation(const scenario::ScenarioSpec& spec, population::People initial, std::uint64_t seed)
    : Simulation(spec, RunState{std::move(initial), ServiceQueues(spec.municipalities.size()), {}, 0}, seed) {}

Simulation::Simulation(const scenario::ScenarioSpec& spec, RunState state, std::uint64_t seed)
    : spec_(spec), seed_(seed), state_(std::move(state)) {}

int Simulation::weeks() const { return Calendar(spec_.run.start, spec_.run.end).weeks(); }

int Simulation::history_weeks() const { return Calendar(spec_.run.history_start, spec_.run.end).week_of(spec_.run.start); }

void Simulation::run_history(const RunOptions& options) { advance(history_weeks(), nullptr, options); }

namespace {
/// The threads a run uses: as asked, or every core.
int run_threads(const RunOptions& options) {
  return options.threads > 0 ? options.threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}
}  // namespace

RunHeader Simulation::header(const RunOptions& options) const {
  return RunHeader{&spec_, weeks(), seed_, options.replication, options.arm, run_threads(options)};
}

void Simulation::run(RunSink& sink, const RunOptions& options) {
  run_history(options);
  if (state_.week == history_weeks()) sink.begin(header(options), state_.people);
  advance(history_weeks() + weeks(), &sink, options);
  sink.end(state_.people);
}

void Simulation::advance(int end, RunSink* sink, const RunOptions& options) {
  const Calendar calendar(spec_.run.history_start, spec_.run.end);
  const int history = history_weeks();
  const int all_weeks = calendar.weeks();
  const int threads = run_threads(options);
  auto stepper = options.reference
                     ? make_reference_stepper(spec_)
                     : make_parallel_stepper(spec_, population::municipality_offsets(spec_), threads,
                                                       options.chunk_persons);

  WeekContext ctx;
  ctx.seed = seed_;
  ctx.matching_enabled = spec_.behaviour.matching_enabled;
  ctx.retirement_age_years = spec_.behaviour.retirement_age_years;
  for (const auto& m : spec_.municipalities) ctx.market_of_municipality.push_back(static_cast<MarketIndex>(m.market));

  // The designs: the baseline process for the whole run, the pilot beside it during its period
  // (never in the history: the history is the baseline's, shared by every arm).
  const auto baseline_plan = services::make_plan(spec_.baseline_design, spec_, calendar, true);
  std::optional<services::ServicePlan> pilot_plan;
  if (spec_.pilot_design) {
    pilot_plan = services::make_plan(*spec_.pilot_design, spec_, calendar, false);
    pilot_plan->first_week = std::max(pilot_plan->first_week, history);
    services::fund_baseline_volume(*pilot_plan, baseline_plan);
  }
  auto pilot_in_force = [&](int week) { return pilot_plan && week >= 0 && pilot_plan->in_force(week); };

  auto& people = state_.people;
  const std::size_t persons = people.size();
  const int block_weeks = std::max(1, options.trajectory_block_weeks);
  std::vector<std::uint8_t> block;
  if (sink != nullptr) block.reserve(persons * static_cast<std::size_t>(block_weeks));  // filled week by week
  std::vector<std::uint8_t> history_statuses(sink ? 0 : persons);  // a history week's statuses, discarded
  WeekTotals totals(static_cast<int>(spec_.municipalities.size()));
  int block_first_week = std::max(state_.week, history) - history;
  // Hands the sink the block of reported weeks block_first_week .. week - 1.
  auto hand_over_block = [&](int week) {
    const int weeks_in_block = week - history - block_first_week;
    block.resize(persons * static_cast<std::size_t>(weeks_in_block));
    block = sink->trajectory(block_first_week, weeks_in_block, std::move(block));
    block_first_week = week - history;
  };

  for (int& week = state_.week; week < end; ++week) {
    if (options.interrupt != nullptr && options.interrupt->load(std::memory_order_relaxed)) throw Interrupted();
    if (options.checkpoint_due && options.checkpoint_due(week)) {
      // The sink holds every reported week before the checkpoint: a record of them is complete.
      if (sink != nullptr && week - history > block_first_week) hand_over_block(week);
      options.write_checkpoint(state_);
    }
    const bool reported = week >= history;
    const Date first_day = calendar.week_start(week);
    ctx.week = week;
    ctx.stream = reported ? options.replication : kHistoryStream;
    ctx.year = static_cast<int>(first_day.year());
    ctx.rules = benefits::rules_on(spec_.benefits, first_day);
    ctx.vacancies.clear();
    for (const auto& market : spec_.markets) ctx.vacancies.push_back(market::vacancies_on(market, first_day));

    ctx.services.week = week;
    ctx.services.year = ctx.year;
    ctx.services.baseline = &baseline_plan;
    ctx.services.plan = &baseline_plan;
    ctx.services.pilot = pilot_in_force(week) ? &*pilot_plan : nullptr;
    ctx.services.pilot_starts = pilot_in_force(week) && !pilot_in_force(week - 1);
    ctx.services.handing_back = !pilot_in_force(week) && pilot_in_force(week - 1) ? &*pilot_plan : nullptr;
    ctx.services.full_path = options.full_path;

    std::uint8_t* status_out = history_statuses.data();
    const int slot = week - history - block_first_week;
    if (reported) {
      if (sink == nullptr) throw std::logic_error("Simulation::advance: reported weeks need a sink");
      const auto needed = persons * static_cast<std::size_t>(slot + 1);
      if (block.size() < needed) block.resize(needed);
      status_out = block.data() + persons * static_cast<std::size_t>(slot);
    }
    set_municipality_response(ctx, state_.bills, spec_.municipalities.size());
    stepper->step(ctx, people, state_.queues, status_out, totals);
    record_bills(state_.bills, week, totals);
    if (reported) {
      sink->week(week - history, totals);
      const bool block_full = slot + 1 == block_weeks || week + 1 == end;
      if (block_full) hand_over_block(week + 1);
    }
    if (options.progress) options.progress(week + 1, all_weeks);
  }
}

}  // namespace kokeilu::sim
