// Comparisons on the small scenario built in code: groups, metrics against the engine's own
// totals, common random numbers, determinism across thread counts.
#include <catch2/catch.hpp>

#include <cmath>

#include "compare/comparison.hpp"
#include "core/errors.hpp"
#include "compare/groups.hpp"
#include "compare/metrics.hpp"
#include "population/generate.hpp"
#include "sim/simulation.hpp"
#include "support/capture_sink.hpp"
#include "support/designs.hpp"
#include "support/small_scenario.hpp"

using namespace kokeilu;
using compare::Metric;

namespace {

scenario::ComparisonSpec small_comparison(int replications = 3) {
  scenario::ComparisonSpec spec;
  spec.name = "small-comparison";
  spec.base = testing::small_scenario(4000, testing::date(2015, 12, 31));
  spec.pilot_start = spec.base.run.start;
  spec.pilot_end = testing::date(2015, 8, 31);
  spec.follow_up_weeks = 17;
  spec.replications = replications;
  auto pilot = testing::coaching_pilot();
  pilot.start = spec.pilot_start;
  pilot.end = spec.pilot_end;
  // The "same as baseline" arm: a pilot design that is the baseline design itself, over the
  // pilot period (its clients keep what they have when they move to it and back).
  auto same = spec.base.baseline_design;
  same.name = "same-as-baseline";
  same.start = spec.pilot_start;
  same.end = spec.pilot_end;
  spec.arms = {{"baseline", std::nullopt, ""}, {"coaching", pilot, ""}, {"same", same, ""}};
  return spec;
}

compare::ComparisonResult run(const scenario::ComparisonSpec& spec, int threads) {
  compare::CompareOptions options;
  options.threads = threads;
  return compare::run_comparison(spec, options, std::nullopt);
}

}  // namespace

TEST_CASE("groups are fixed on the initial population", "[compare][groups]") {
  const auto spec = small_comparison();
  const auto initial = population::generate_population(spec.base, spec.base.run.seed);
  const auto groups = compare::make_groups(spec, initial);
  REQUIRE(groups.names.front() == "everyone");
  CHECK(groups.index_of("target:coaching") == 4);
  CHECK(groups.index_of("pilot_clients:coaching") == 6);
  CHECK(groups.index_of("non_target:same") == 8);
  CHECK(groups.names.back() == "municipality:town-2");
  CHECK_THROWS(groups.index_of("nobody"));

  // Each group holds exactly the persons its definition names.
  const int year = static_cast<int>(spec.base.run.start.year());
  auto members = [&](const std::string& name) {
    std::vector<int> in_cell(static_cast<std::size_t>(groups.cell_count), 0);
    for (int c : groups.cells[groups.index_of(name)]) in_cell[static_cast<std::size_t>(c)] = 1;
    std::vector<std::uint8_t> member(initial.size());
    for (std::size_t i = 0; i < initial.size(); ++i) member[i] = static_cast<std::uint8_t>(in_cell[groups.cell_of_person[i]]);
    return member;
  };
  const auto everyone = members("everyone"), under_30 = members("under_30"), ltu = members("long_term_unemployed_at_start"),
             target = members("target:coaching"), non_target = members("non_target:coaching"), town1 = members("municipality:town-1");
  std::size_t targets = 0;
  for (std::size_t i = 0; i < initial.size(); ++i) {
    const bool unemployed = initial.status[i] == static_cast<std::uint8_t>(Status::unemployed);
    const bool long_term = unemployed && initial.spell_weeks[i] >= 52;
    CHECK(everyone[i] == 1);
    CHECK(under_30[i] == (year - initial.birth_year[i] < 30));
    CHECK(ltu[i] == long_term);
    CHECK(target[i] == long_term);  // the coaching pilot's predicate: 52+ weeks unemployed
    CHECK(target[i] == groups.target_at_start[1][i]);
    CHECK(non_target[i] == 1 - target[i]);
    CHECK(town1[i] == (initial.municipality[i] == 1));
    CHECK(groups.target_at_start[0][i] == 0);
    targets += target[i];
  }
  CHECK(targets > 100);
}

TEST_CASE("metrics of everyone agree with the engine's own weekly totals", "[compare][metrics]") {
  const auto spec = small_comparison();
  const auto arm_spec = spec.arm_scenario(1);
  const auto initial = population::generate_population(spec.base, spec.base.run.seed);
  const auto groups = compare::make_groups(spec, initial);
  compare::MetricsSink metrics(groups);
  testing::CaptureSink capture;  // the same run again: same seed, same bits
  sim::RunOptions options;
  options.threads = 2;
  options.trajectory_block_weeks = 13;  // several blocks, one of them partial
  sim::Simulation(arm_spec, initial, spec.base.run.seed).run(metrics, options);
  sim::Simulation(arm_spec, initial, spec.base.run.seed).run(capture, options);

  const std::size_t G = groups.size();
  const auto everyone = groups.index_of("everyone");
  const auto& m = metrics.metrics();
  double weeks_employed = 0;
  for (int w = 0; w < capture.weeks; ++w) {
    const auto& t = capture.totals[static_cast<std::size_t>(w)];
    std::array<std::int64_t, kStatusCount> status{};
    std::int64_t long_term = 0;
    Cents copayment = 0, cost = 0;
    for (int mu = 0; mu < t.municipalities; ++mu) {
      for (int s = 0; s < kStatusCount; ++s) status[static_cast<std::size_t>(s)] += t.status_counts[static_cast<std::size_t>(mu * kStatusCount + s)];
      long_term += t.long_term_unemployed[static_cast<std::size_t>(mu)];
      copayment += t.copayment[static_cast<std::size_t>(mu)];
      for (int p = 0; p < kPayerCount; ++p) cost += t.cost[static_cast<std::size_t>(mu * kPayerCount + p)];
    }
    auto at = [&](Metric k) { return m[compare::metric_index(w, everyone, k, G)]; };
    CAPTURE(w);
    // Rates are of the persons in the population that week (retirees have left).
    double persons = 0;
    for (auto n : status) persons += static_cast<double>(n);
    CHECK(at(Metric::unemployment) == static_cast<double>(status[2]) / persons);
    CHECK(at(Metric::open_employment) == static_cast<double>(status[0]) / persons);
    CHECK(at(Metric::long_term_unemployment) == static_cast<double>(long_term) / persons);
    CHECK(at(Metric::municipal_copayment_eur) == eur_from_cents(copayment));
    CHECK(at(Metric::cost_total_eur) == eur_from_cents(cost));
    weeks_employed += static_cast<double>(status[0] + status[1]) / persons;
    CHECK(at(Metric::weeks_employed_per_person) == Approx(weeks_employed));
    CHECK(at(Metric::group_size) == persons);
    if (w > 20) CHECK(persons < static_cast<double>(initial.size()));  // the population is open: some retire
  }
  // Person-level groups carry no money; municipality groups do.
  CHECK(std::isnan(m[compare::metric_index(0, groups.index_of("under_30"), Metric::cost_total_eur, G)]));
  CHECK_FALSE(std::isnan(m[compare::metric_index(0, groups.index_of("municipality:town-0"), Metric::cost_total_eur, G)]));
  // Transitions count every person-week once in which the person is in the population at both
  // ends of the week.
  std::int64_t moves = 0, person_weeks_in = 0;
  for (auto c : metrics.transitions()) moves += c;
  for (std::size_t i = 0; i < initial.size(); ++i) {
    std::uint8_t before = capture.initial_state.status[i];
    for (int w = 0; w < capture.weeks; ++w) {
      const std::uint8_t after = capture.statuses[i * static_cast<std::size_t>(capture.weeks) + static_cast<std::size_t>(w)];
      if (before != kOutsidePopulation && after != kOutsidePopulation) person_weeks_in += 1;
      before = after;
    }
  }
  CHECK(moves == person_weeks_in);
  CHECK(person_weeks_in < static_cast<std::int64_t>(initial.size()) * capture.weeks);
}

TEST_CASE("common random numbers: an arm identical to the baseline has an effect of exactly zero", "[compare][crn]") {
  const auto spec = small_comparison(2);
  const auto result = run(spec, 2);
  const auto& same = result.effects[2];
  for (std::size_t c = 0; c < same.mean.size(); ++c) {
    if (std::isnan(same.mean[c])) continue;  // money of person-level groups
    REQUIRE(same.mean[c] == 0.0);
    REQUIRE(same.ci_low[c] == 0.0);
    REQUIRE(same.ci_high[c] == 0.0);
  }
  // The coaching pilot does something to its target group, and replications differ.
  const std::size_t G = result.groups.size();
  const auto target = result.groups.index_of("target:coaching");
  const auto i = compare::metric_index(result.pilot_end_week, target, Metric::weeks_employed_per_person, G);
  CHECK(result.effects[1].mean[i] > 0.0);
  CHECK(result.metrics[0][0][i] != result.metrics[0][1][i]);
}

TEST_CASE("pilot_clients:<arm> holds everyone who ever became the pilot's client, in every arm", "[compare][groups]") {
  const auto spec = small_comparison(2);
  const auto result = run(spec, 2);
  const std::size_t G = result.groups.size();
  const auto clients = result.groups.index_of("pilot_clients:coaching");
  const auto target = result.groups.index_of("target:coaching");
  auto at = [&](std::size_t arm, std::size_t r, int week, std::size_t g, Metric m) {
    return result.metrics[arm][r][compare::metric_index(week, g, m, G)];
  };
  for (std::size_t r = 0; r < 2; ++r) {
    CAPTURE(r);
    // Its stock at the start (the target group) and its inflow after.
    const double size = at(1, r, 0, clients, Metric::group_size);
    CHECK(size > at(1, r, 0, target, Metric::group_size));
    // The same persons in the baseline arm.
    for (int w : {0, result.weeks - 1}) CHECK(at(0, r, w, clients, Metric::group_size) == at(1, r, w, clients, Metric::group_size));
    CHECK(std::isnan(at(1, r, 0, clients, Metric::cost_total_eur)));  // no money by person
  }
  // Found per replication: the groups differ between replications.
  CHECK(at(1, 0, 0, clients, Metric::group_size) != at(1, 1, 0, clients, Metric::group_size));
  // The pilot helps its clients.
  const auto last = compare::metric_index(result.weeks - 1, clients, Metric::weeks_employed_per_person, G);
  CHECK(result.effects[1].mean[last] > 0.0);
}

TEST_CASE("a comparison gives the same bits on 1 and 2 threads", "[compare][determinism]") {
  const auto spec = small_comparison(2);
  const auto one = run(spec, 1);
  const auto two = run(spec, 2);
  REQUIRE(one.metrics.size() == two.metrics.size());
  for (std::size_t a = 0; a < one.metrics.size(); ++a)
    for (std::size_t r = 0; r < one.metrics[a].size(); ++r) {
      const auto& x = one.metrics[a][r];
      const auto& y = two.metrics[a][r];
      REQUIRE(x.size() == y.size());
      for (std::size_t c = 0; c < x.size(); ++c)
        REQUIRE((x[c] == y[c] || (std::isnan(x[c]) && std::isnan(y[c]))));
    }
}

TEST_CASE("the memory estimate counts every replication's metrics", "[compare][memory]") {
  auto spec = small_comparison(1);
  const auto one = compare::estimate_comparison_bytes(spec, 1);
  spec.replications = 10'000;
  const auto many = compare::estimate_comparison_bytes(spec, 1);
  const auto weeks = static_cast<std::uint64_t>(Calendar(spec.base.run.start, spec.base.run.end).weeks());
  // At least one group's metrics per arm, week and further replication.
  CHECK(many - one >= 9'999 * spec.arms.size() * weeks * compare::kMetricCount * sizeof(double));
  CHECK(compare::estimate_comparison_bytes(spec, 2) > many);  // runs in flight count too
}

TEST_CASE("parameter draws: each replication runs its own draw, the same bits on 1 and 2 threads",
          "[compare][determinism][uncertain]") {
  auto spec = small_comparison(3);
  // One drawn parameter, the coaching arm's search-effort multiplier; replication 1 at 1 (no
  // effect of coaching on search), the others well above it.
  scenario::UncertainParameter p;
  p.paths = {"arms[coaching].design.services.coach.search_effort_multiplier"};
  p.kind = scenario::DistributionKind::uniform;
  p.shape = {1.0, 3.0};
  p.source = "none";
  spec.draws.parameters = {p};
  for (const double multiplier : {2.5, 1.0, 3.0}) {
    spec.draws.values.push_back({multiplier});
    std::vector<std::optional<scenario::DesignSpec>> designs;
    for (const auto& arm : spec.arms) designs.push_back(arm.pilot_design);
    designs[1]->module<services::Coach>().search_effort_multiplier = multiplier;
    spec.draws.pilot_designs.push_back(designs);
  }
  const auto one = run(spec, 1);
  const auto two = run(spec, 2);
  const auto same = [](const std::vector<double>& x, const std::vector<double>& y) {
    if (x.size() != y.size()) return false;
    for (std::size_t c = 0; c < x.size(); ++c)
      if (!(x[c] == y[c] || (std::isnan(x[c]) && std::isnan(y[c])))) return false;
    return true;
  };
  for (std::size_t a = 0; a < one.metrics.size(); ++a)
    for (std::size_t r = 0; r < one.metrics[a].size(); ++r) REQUIRE(same(one.metrics[a][r], two.metrics[a][r]));
  // Replication r ran the design drawn for r: the same as a comparison with that value fixed.
  auto fixed = small_comparison(3);
  fixed.arms[1].pilot_design->module<services::Coach>().search_effort_multiplier = 1.0;
  const auto at_one = run(fixed, 2);
  CHECK(same(at_one.metrics[1][1], one.metrics[1][1]));
  CHECK_FALSE(same(at_one.metrics[1][0], one.metrics[1][0]));
  // An arm without a drawn parameter is untouched by the draws (its everyone group; the
  // pilot_clients:coaching group it is also measured on follows the coaching arm's draw).
  const auto G = one.groups.size();
  const auto everyone = one.groups.index_of("everyone");
  for (int w = 0; w < one.weeks; ++w)
    for (int k = 0; k < compare::kMetricCount; ++k) {
      const auto i = compare::metric_index(w, everyone, static_cast<Metric>(k), G);
      const double x = at_one.metrics[2][0][i], y = one.metrics[2][0][i];
      REQUIRE((x == y || (std::isnan(x) && std::isnan(y))));
    }
}

namespace {

/// small_comparison with 26 weeks of history and one parameter drawn in it, the separation
/// hazard's intercept (the behaviour: it acts from the history start), one value per replication.
scenario::ComparisonSpec history_drawn_comparison(const std::vector<double>& intercepts) {
  auto spec = small_comparison(static_cast<int>(intercepts.size()));
  spec.base.run.history_start = testing::date(2014, 3, 3);
  scenario::UncertainParameter p;
  p.paths = {"behaviour.separation.intercept"};
  p.kind = scenario::DistributionKind::uniform;
  p.shape = {-7.0, -4.0};
  p.source = "none";
  spec.draws.parameters = {p};
  for (const double intercept : intercepts) {
    spec.draws.values.push_back({intercept});
    std::vector<std::optional<scenario::DesignSpec>> designs;
    for (const auto& arm : spec.arms) designs.push_back(arm.pilot_design);
    spec.draws.pilot_designs.push_back(designs);
    auto base = spec.base;
    base.behaviour.separation.intercept = intercept;
    spec.draws.bases.push_back(base);
  }
  return spec;
}

bool same_bits(const std::vector<double>& x, const std::vector<double>& y) {
  if (x.size() != y.size()) return false;
  for (std::size_t c = 0; c < x.size(); ++c)
    if (!(x[c] == y[c] || (std::isnan(x[c]) && std::isnan(y[c])))) return false;
  return true;
}

}  // namespace

TEST_CASE("a parameter drawn in the history: each replication runs its own history, shared by its arms",
          "[compare][uncertain][history]") {
  const std::vector<double> intercepts = {-5.0, -7.0, -4.2};
  const auto spec = history_drawn_comparison(intercepts);
  REQUIRE(spec.draws.per_replication_history());
  const auto drawn = run(spec, 2);
  const std::size_t G = drawn.groups.size();
  const auto everyone = drawn.groups.index_of("everyone");
  const auto long_term = drawn.groups.index_of("long_term_unemployed_at_start");
  auto at = [&](const compare::ComparisonResult& result, std::size_t arm, std::size_t r, int week, std::size_t g,
                Metric m) { return result.metrics[arm][r][compare::metric_index(week, g, m, G)]; };

  // The draw changes the history: the baseline's state at the branch differs between replications
  // (more separations, more unemployment), and so do the groups measured on it.
  CHECK(at(drawn, 0, 2, 0, everyone, Metric::unemployment) > at(drawn, 0, 0, 0, everyone, Metric::unemployment));
  CHECK(at(drawn, 0, 0, 0, everyone, Metric::unemployment) > at(drawn, 0, 1, 0, everyone, Metric::unemployment));
  CHECK(at(drawn, 0, 0, 0, long_term, Metric::group_size) != at(drawn, 0, 1, 0, long_term, Metric::group_size));

  // Replication r is the comparison run with r's value stated (one shared history), for every arm:
  // the history keeps the history stream, only the parameter moves.
  for (std::size_t r = 0; r < intercepts.size(); ++r) {
    CAPTURE(r);
    auto fixed = small_comparison(static_cast<int>(intercepts.size()));
    fixed.base.run.history_start = spec.base.run.history_start;
    fixed.base.behaviour.separation.intercept = intercepts[r];
    const auto shared = run(fixed, 2);
    for (std::size_t a = 0; a < spec.arms.size(); ++a) REQUIRE(same_bits(shared.metrics[a][r], drawn.metrics[a][r]));
  }

  // The engine's law: a design that changes nothing has no effect, in every week and replication;
  // the baseline arm and its identical copy are the same bits (they share the history).
  for (std::size_t r = 0; r < intercepts.size(); ++r) REQUIRE(same_bits(drawn.metrics[2][r], drawn.metrics[0][r]));
  for (std::size_t c = 0; c < drawn.effects[2].mean.size(); ++c) {
    if (std::isnan(drawn.effects[2].mean[c])) continue;  // money of person-level groups
    REQUIRE(drawn.effects[2].mean[c] == 0.0);
    REQUIRE(drawn.effects[2].ci_low[c] == 0.0);
    REQUIRE(drawn.effects[2].ci_high[c] == 0.0);
  }

  // The same bits on 1 thread, and when every arm runs from the history start instead of
  // branching.
  const auto one = run(spec, 1);
  compare::CompareOptions unbranched;
  unbranched.threads = 2;
  unbranched.branch_from_history = false;
  const auto whole = compare::run_comparison(spec, unbranched, std::nullopt);
  for (std::size_t a = 0; a < spec.arms.size(); ++a)
    for (std::size_t r = 0; r < intercepts.size(); ++r) {
      REQUIRE(same_bits(one.metrics[a][r], drawn.metrics[a][r]));
      REQUIRE(same_bits(whole.metrics[a][r], drawn.metrics[a][r]));
    }
}

TEST_CASE("a draw in the history that changes the persons generated is refused", "[compare][uncertain][history]") {
  auto spec = history_drawn_comparison({-5.0, -6.0});
  spec.draws.bases[1].municipalities[0].female_share = 0.9;
  CHECK_THROWS_AS(run(spec, 2), InputError);
  // And a history drawn per replication has no one state to start from.
  const auto spec_ok = history_drawn_comparison({-5.0, -6.0});
  compare::CompareOptions options;
  sim::RunState state;
  options.start_from = &state;
  CHECK_THROWS_AS(compare::run_comparison(spec_ok, options, std::nullopt), std::invalid_argument);
}

TEST_CASE("own histories under MPI: each replication's history is simulated on one rank only",
          "[compare][uncertain][history][mpi]") {
  // 3 replications x 3 arms over 2 and 4 ranks. Dealt out one run at a time, every rank would
  // own a run of nearly every replication and simulate its history; rank 0 also simulated every
  // history for the file. Now a replication's arms go to one rank, and rank 0 reads what the file
  // needs from the first arm's result (the file's bytes: compare/mpi-same-file).
  for (const int ranks : {1, 2, 4}) {
    std::vector<int> simulated(3, 0);  // [replication]: ranks that simulate its history
    for (int rank = 0; rank < ranks; ++rank) {
      const auto uses = compare::own_history_uses(rank, ranks, 3, 3);
      REQUIRE(uses.size() == 3);
      for (std::size_t r = 0; r < 3; ++r) {
        const bool owner = parallel::task_owner(r * 3, 3, ranks) == rank;
        CHECK(uses[r] == (owner ? 3 : 0) + (rank == 0 && r == 0 ? 1 : 0));  // its runs (+ the header)
        simulated[r] += uses[r] > 0 ? 1 : 0;
      }
    }
    CAPTURE(ranks);
    CHECK(simulated == std::vector<int>{1, 1, 1});
  }
  CHECK(parallel::task_owner(5, 3, 2) == 1);  // run 5 is replication 1's, on rank 1 of 2
  CHECK(parallel::task_owner(6, 3, 2) == 0);
}
