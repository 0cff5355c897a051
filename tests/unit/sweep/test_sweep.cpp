// Sweeps: the designs' points, the sweep file's checks, and points that share a history giving
// the same bits as points that run their own.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <set>

#include "compare/comparison.hpp"
#include "scenario/scenario_files.hpp"
#include "support/temp_folder.hpp"
#include "sweep/sweep.hpp"
#include "sweep/sweep_spec.hpp"

using namespace kokeilu;
using namespace kokeilu::sweep;
namespace fs = std::filesystem;

namespace {
const fs::path kData = fs::path(KOKEILU_TEST_DATA_DIR);
const std::string kComparison = (kData / "scenarios" / "comparison-small.yaml").string();

bool same_bits(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0;
}
}  // namespace

TEST_CASE("a Latin hypercube uses every stratum of every axis once", "[sweep]") {
  const std::size_t n = 37, d = 3;
  const auto points = latin_hypercube(n, d, 5);
  REQUIRE(points.size() == n);
  for (std::size_t j = 0; j < d; ++j) {
    std::set<std::size_t> strata;
    for (const auto& p : points) {
      REQUIRE(p[j] >= 0.0);
      REQUIRE(p[j] < 1.0);
      strata.insert(static_cast<std::size_t>(p[j] * n));
    }
    CHECK(strata.size() == n);
  }
  CHECK(latin_hypercube(n, d, 5) == points);
  CHECK(latin_hypercube(n, d, 6) != points);
  // The axes are shuffled independently.
  std::size_t same_order = 0;
  for (const auto& p : points) same_order += static_cast<std::size_t>(p[0] * n) == static_cast<std::size_t>(p[1] * n);
  CHECK(same_order < n / 2);
}

TEST_CASE("Sobol points are Boost's sequence from (0.5, 0.5)", "[sweep]") {
  const auto points = sobol_points(4, 2);
  const std::vector<std::vector<double>> expected{{0.5, 0.5}, {0.75, 0.25}, {0.25, 0.75}, {0.375, 0.375}};
  CHECK(points == expected);
}

TEST_CASE("a grid sweep is every combination of its values", "[sweep]") {
  testing::TempFolder folder;
  const auto file = folder.write("grid.yaml", "comparison: " + kComparison + R"(
parameters:
  - path: arms[pilot-2012-2015].design.services.coach.caseload
    values: [40, 60, 80]
  - path: arms[pilot-2020-2022-half-caseload].design.services.coach.caseload
    values: [30, 90]
)");
  const auto spec = load_sweep(file);
  REQUIRE(spec.points.size() == 6);
  CHECK(spec.points[1] == std::vector<double>{40, 90});
  CHECK(spec.points[5] == std::vector<double>{80, 90});
  CHECK(spec.shares_history);
  const auto settings = spec.settings(4);
  CHECK(spec.comparison.comparison(settings).arms[1].pilot_design->module<services::Coach>().caseload == 80);
  CHECK(spec.comparison.comparison(settings).arms[2].pilot_design->module<services::Coach>().caseload == 30);
}

TEST_CASE("sampled points fall in their ranges, rounded when whole numbers are asked for", "[sweep]") {
  const auto spec = load_sweep(kData / "sweeps" / "sweep-small-lhs.yaml");
  REQUIRE(spec.points.size() == 3);
  CHECK_FALSE(spec.shares_history);  // the matching efficiency comes before the arms branch
  for (const auto& p : spec.points) {
    CHECK(p[0] >= 0.05);
    CHECK(p[0] < 0.08);
    CHECK(p[1] >= 40);
    CHECK(p[1] <= 80);
    CHECK(p[1] == std::round(p[1]));
  }
}

TEST_CASE("a bad sweep is reported where it is wrong", "[sweep][errors]") {
  testing::TempFolder folder;
  const std::string head = "comparison: " + kComparison + "\n";
  const std::string caseload = "arms[pilot-2012-2015].design.services.coach.caseload";
  std::string hundred = "[";  // with "1]": 101 values; two such lists make a grid of 10,201 points
  for (int i = 0; i < 100; ++i) hundred += "1, ";
  struct Case {
    std::string body;
    std::string at;       // where the error points, in the body
    std::string message;
  };
  const Case cases[] = {
      {"design: sobol\npoints: 4\nparameters:\n  - path: " + caseload + "\n    range: [80, 40]\n", "[80, 40]",
       "the range is empty"},
      {"design: sobol\npoints: 4\nparameters:\n  - path: " + caseload + "\n    range: [40, 40]\n", "[40, 40]",
       "the range is empty"},
      {"parameters:\n  - path: name\n    values: [1]\n", "name", "not a number"},
      {"parameters:\n  - path: arms[nowhere].design.x\n    values: [1]\n", "arms[nowhere]", "has no such item"},
      {"parameters:\n  - path: " + caseload + "\n    values: []\n", "[]", "empty"},
      {"design: latin-hypercube\npoints: 10001\nparameters:\n  - path: " + caseload + "\n    range: [40, 80]\n",
       "10001", "10000"},
      {"parameters:\n  - path: " + caseload + "\n    values: " + hundred + "1]\n  - path: " +
           "arms[pilot-2020-2022-half-caseload].design.services.coach.caseload\n    values: " + hundred + "1]\n",
       "parameters", "at most 10000"},
      {"design: sobol\npoints: 3\nparameters:\n  - path: region.markets[one-area].matching_efficiency\n"
       "    range: [-1, 0.1]\n", "region.markets", "must be"},  // a point the comparison refuses
      {"design: grid\npoints: 3\nparameters:\n  - path: " + caseload + "\n    values: [1]\n", "3", "leave out"},
      {"design: sobol\nparameters:\n  - path: " + caseload + "\n    range: [40, 80]\n", "design", "needs `points`"},
  };
  for (const auto& c : cases) {
    INFO(c.body);
    const auto text = head + c.body;
    const auto file = folder.write("bad.yaml", text);
    const auto error = testing::config_error_of([&] { load_sweep(file); });
    CHECK_THAT(error.what(), Catch::Contains(c.message));
    CHECK(error.where().file == file.string());
    if (c.at != "design" && c.at != "parameters") {
      const auto at = testing::position_of(text, c.at);
      CHECK(error.where().line == at.line);
      CHECK(error.where().column == at.column);
    }
  }
}

TEST_CASE("points that share a history give the bits of points that run their own", "[sweep]") {
  const auto spec = load_sweep(kData / "sweeps" / "sweep-small-grid.yaml");
  REQUIRE(spec.shares_history);
  SweepOptions options;
  options.threads = 2;
  const auto history = compare::run_shared_history(spec.comparison.comparison(spec.settings(0)), {});
  for (std::size_t p = 0; p < spec.points.size(); ++p) {
    const auto shared = run_point(spec, p, options, &history);
    const auto own = run_point(spec, p, options, nullptr);
    CHECK(same_bits(shared.mean, own.mean));
    CHECK(same_bits(shared.ci_low, own.ci_low));
    CHECK(same_bits(shared.cost_per_week_mean, own.cost_per_week_mean));
  }
  // The swept arm's effects differ between the points; the other arm's do not, except perhaps in
  // the groups of the swept arm's clients (measured in every arm: they differ only when the swept
  // parameter changes who ever becomes a client, which the caseload no longer does here).
  auto parallel = parallel::Team::join();
  const auto result = run_sweep(spec, options, *parallel);
  REQUIRE(result.points.size() == 2);
  REQUIRE(result.arms == std::vector<std::string>{"pilot-2012-2015", "pilot-2020-2022-half-caseload"});
  const std::size_t G = result.groups.size(), K = result.metrics.size();
  const auto effects = [&](const PointEffects& e, std::size_t a, bool of_swept_arm) {
    std::vector<double> out;
    for (std::size_t t = 0; t < kMomentCount; ++t)
      for (std::size_t g = 0; g < G; ++g)
        if ((result.groups[g].find("half-caseload") != std::string::npos) == of_swept_arm)
          for (std::size_t k = 0; k < K; ++k) out.push_back(e.mean[((a * kMomentCount + t) * G + g) * K + k]);
    return out;
  };
  CHECK(same_bits(effects(result.points[0], 0, false), effects(result.points[1], 0, false)));
  CHECK_FALSE(same_bits(effects(result.points[0], 1, false), effects(result.points[1], 1, false)));
}

TEST_CASE("a point's effects survive the trip between ranks", "[sweep]") {
  PointEffects p;
  p.weeks = 70;
  p.pilot_end_week = 43;
  p.mean = {1.5, std::nan(""), -0.25};
  p.ci_low = {1, 2, 3};
  p.ci_high = {4, 5, 6};
  p.cost_per_week_mean = {7};
  p.cost_per_week_ci_low = {8};
  p.cost_per_week_ci_high = {9};
  const auto blob = p.serialise();
  const auto q = PointEffects::deserialise(blob.data(), blob.size());
  CHECK(q.weeks == 70);
  CHECK(q.pilot_end_week == 43);
  CHECK(same_bits(q.mean, p.mean));
  CHECK(q.cost_per_week_ci_high == p.cost_per_week_ci_high);
  CHECK_THROWS(PointEffects::deserialise(blob.data(), blob.size() - 1));
}
