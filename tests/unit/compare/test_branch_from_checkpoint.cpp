// `kokeilu compare --from`: a comparison that branches from a checkpoint of its history (written
// at the branching point, or earlier and continued) gives the bits of one that simulates the
// history itself.
#include <catch2/catch.hpp>

#include <cmath>

#include "compare/comparison.hpp"
#include "core/errors.hpp"
#include "io/checkpoint.hpp"
#include "sim/simulation.hpp"
#include "support/designs.hpp"
#include "support/small_scenario.hpp"
#include "support/temp_folder.hpp"

using namespace kokeilu;

namespace {

scenario::ComparisonSpec comparison_with_history() {
  scenario::ComparisonSpec spec;
  spec.name = "branch-from-checkpoint";
  spec.base = testing::small_scenario(1500, testing::date(2015, 6, 30));
  spec.base.run.history_start = testing::date(2014, 4, 14);  // 20 weeks of history
  spec.base.baseline_design.module<services::Coach>().enabled = true;
  spec.base.baseline_design.module<services::Coach>().coaches_per_10000_persons = 10;
  spec.pilot_start = testing::date(2014, 10, 6);
  spec.pilot_end = testing::date(2015, 3, 29);
  spec.follow_up_weeks = 8;
  spec.replications = 2;
  auto pilot = testing::empty_design("coach-everyone");
  pilot.organiser = scenario::Organiser::municipality;
  pilot.module<services::Coach>() = spec.base.baseline_design.module<services::Coach>();
  pilot.module<services::Coach>().coaches_per_10000_persons = 80;
  pilot.start = spec.pilot_start;
  pilot.end = spec.pilot_end;
  spec.arms = {{"baseline", std::nullopt, ""}, {"coach-everyone", pilot, ""}};
  return spec;
}

void check_same_metrics(const compare::ComparisonResult& a, const compare::ComparisonResult& b) {
  REQUIRE(a.metrics.size() == b.metrics.size());
  for (std::size_t arm = 0; arm < a.metrics.size(); ++arm)
    for (std::size_t r = 0; r < a.metrics[arm].size(); ++r) {
      const auto& x = a.metrics[arm][r];
      const auto& y = b.metrics[arm][r];
      REQUIRE(x.size() == y.size());
      for (std::size_t c = 0; c < x.size(); ++c) REQUIRE((x[c] == y[c] || (std::isnan(x[c]) && std::isnan(y[c]))));
    }
}

}  // namespace

TEST_CASE("a comparison branched from a checkpoint gives the bits of one that runs its history",
          "[compare][checkpoint]") {
  const auto spec = comparison_with_history();
  const auto& base = spec.base;
  testing::TempFolder folder;
  const auto at_branch = folder / "branch.h5";
  const auto in_history = folder / "history.h5";

  // The whole comparison, writing the state its arms branch from.
  io::CheckpointWriter branch_writer(at_branch, false, base, base.run.seed, 0, "test");
  compare::CompareOptions options;
  options.threads = 2;
  options.at_branch = [&](const sim::RunState& state) { branch_writer.write(state, nullptr); };
  const auto whole = compare::run_comparison(spec, options, std::nullopt);
  REQUIRE(branch_writer.last_week() == 20);

  // A checkpoint half-way through the history, as `kokeilu run --checkpoint-at` writes it.
  io::CheckpointWriter history_writer(in_history, false, base, base.run.seed, 0, "test");
  sim::RunOptions run_options;
  run_options.checkpoint_due = [](int week) { return week == 9; };
  run_options.write_checkpoint = [&](const sim::RunState& state) { history_writer.write(state, nullptr); };
  sim::Simulation(base, base.run.seed).run_history(run_options);
  REQUIRE(history_writer.last_week() == 9);

  for (const auto& path : {at_branch, in_history}) {
    CAPTURE(path);
    const auto checkpoint = io::read_checkpoint(path, base, base.run.seed, 0);
    compare::CompareOptions from = options;
    from.at_branch = {};
    from.start_from = &checkpoint.state;
    check_same_metrics(compare::run_comparison(spec, from, std::nullopt), whole);
  }

  // Not vacuous: another seed's history gives other metrics, and its checkpoint is refused.
  auto other = spec;
  other.base.run.seed += 1;
  CHECK_THROWS_AS(io::read_checkpoint(at_branch, other.base, other.base.run.seed, 0), InputError);
  compare::CompareOptions plain;
  plain.threads = 2;
  const auto different = compare::run_comparison(other, plain, std::nullopt);
  CHECK(different.metrics[0][0] != whole.metrics[0][0]);
}
