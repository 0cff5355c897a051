#include <catch2/catch.hpp>

#include <cmath>
#include <fstream>
#include <thread>

#include "core/errors.hpp"
#include "io/comparison_writer.hpp"
#include "io/describe.hpp"
#include "io/schema.hpp"
#include "population/generate.hpp"
#include "read_back.hpp"
#include "support/small_scenario.hpp"

using namespace kokeilu;
namespace h5 = kokeilu::io::h5;

namespace {

constexpr int kWeeks = 6;
constexpr std::size_t kGroups = 2;
constexpr std::size_t kMetrics = 3;

struct TinyComparison {
  scenario::ComparisonSpec spec;
  population::People people;
  io::ComparisonHeader header;

  TinyComparison() {
    spec.name = "tiny";
    spec.resolved_text = "name: tiny\n";
    spec.base = testing::small_scenario(4, testing::date(2014, 10, 12));  // 3 x 4 persons, 6 weeks
    spec.replications = 2;
    spec.arms = {{"baseline", std::nullopt, ""}, {"pilot", std::nullopt, "designs/pilot.yaml"}};
    people = population::generate_population(spec.base, 1);
    header.spec = &spec;
    header.engine_version = "0.0.1";
    header.git_revision = "deadbeef";
    header.weeks = kWeeks;
    header.pilot_start_week = 1;
    header.pilot_end_week = 3;
    header.week_starts = io::week_starts(spec.base);
    header.group_names = {"everyone", "under_30"};
    header.group_descriptions = {"all persons", "aged under 30 at the start"};
    header.metric_names = {"open_employment", "unemployment", "group_size"};
    header.metric_units = {"share", "share", "persons"};
    header.metric_descriptions = {"a", "b", "c"};
    for (std::size_t a = 0; a < 2; ++a) {
      std::vector<std::uint8_t> target(people.size());
      for (std::size_t i = 0; i < target.size(); ++i) target[i] = static_cast<std::uint8_t>((i + a) % 2);
      header.target_at_start.push_back(target);
    }
  }

  /// Status of person i in week w of (arm, replication): a pattern that differs per run.
  std::uint8_t status(std::size_t arm, int r, std::size_t i, int w) const {
    return static_cast<std::uint8_t>((i + static_cast<std::size_t>(w) + 3 * arm + 5 * static_cast<std::size_t>(r)) % kStatusCount);
  }
  std::vector<double> metrics(std::size_t arm, int r) const {
    std::vector<double> m(kWeeks * kGroups * kMetrics);
    for (std::size_t j = 0; j < m.size(); ++j) m[j] = static_cast<double>(j) + 100.0 * static_cast<double>(arm) + 1000.0 * r;
    return m;
  }
  std::vector<std::int64_t> transitions(std::size_t arm, int r) const {
    std::vector<std::int64_t> t(kStatusCount * kStatusCount);
    for (std::size_t j = 0; j < t.size(); ++j) t[j] = static_cast<std::int64_t>(j * (arm + 1) + static_cast<std::size_t>(r));
    return t;
  }

  /// The pilot tables of a run: values that differ per run and per cell.
  io::PilotWeekly pilot(std::size_t arm, int r) const {
    const std::size_t M = spec.base.municipalities.size(), S = kStatusCount, V = scenario::kServiceCount;
    io::PilotWeekly p;
    auto fill = [&](std::vector<std::int64_t>& v, std::size_t n) {
      for (std::size_t j = 0; j < n; ++j) v.push_back(static_cast<std::int64_t>(j + 10 * arm + 100 * static_cast<std::size_t>(r)));
    };
    fill(p.entries, kWeeks * M);
    fill(p.ever_clients, kWeeks * M * S);
    fill(p.service_starts, kWeeks * M * 2 * V);
    return p;
  }

  /// Writes every run (in two blocks of weeks, the runs on several threads) and the effects.
  void write_all(io::ComparisonFileWriter& writer, bool effects = true) const {
    std::vector<std::thread> threads;
    for (std::size_t a = 0; a < 2; ++a) {
      for (int r = 0; r < 2; ++r) {
        threads.emplace_back([&, a, r] {
          const std::size_t N = people.size();
          for (int first = 0; first < kWeeks; first += 4) {
            const int weeks = std::min(4, kWeeks - first);
            std::vector<std::uint8_t> block(N * weeks);
            for (int k = 0; k < weeks; ++k)
              for (std::size_t i = 0; i < N; ++i) block[k * N + i] = status(a, r, i, first + k);
            writer.write_trajectory(a, r, first, weeks, block.data(), N);
          }
          writer.write_metrics(a, r, metrics(a, r));
          writer.write_transitions(a, r, transitions(a, r));
          writer.write_pilot(a, r, pilot(a, r));
        });
      }
    }
    for (auto& t : threads) t.join();
    if (!effects) return;
    io::EffectTables e;
    e.mean.assign(kWeeks * kGroups * kMetrics, 0.5);
    e.ci_low.assign(kWeeks * kGroups * kMetrics, 0.25);
    e.ci_high.assign(kWeeks * kGroups * kMetrics, 0.75);
    e.cost_per_week_mean = {10.0, std::nan("")};
    e.cost_per_week_ci_low = {5.0, std::nan("")};
    e.cost_per_week_ci_high = {15.0, std::nan("")};
    writer.write_effects(1, e);
  }
};

}  // namespace

TEST_CASE("a comparison file holds what docs/comparison-schema.md says", "[io][comparison]") {
  TinyComparison tiny;
  testing::TemporaryFolder folder;
  const auto out = folder / "cmp.h5";
  {
    io::ComparisonFileWriter writer(out, false, tiny.header, tiny.people);
    tiny.write_all(writer);
    CHECK_FALSE(std::filesystem::exists(out));
    writer.commit();
  }
  REQUIRE(folder.files() == std::vector<std::string>{"cmp.h5"});
  const auto f = h5::open_file(out);
  const auto meta = h5::open_group(f, "meta");
  CHECK(h5::read_int_attribute(meta, "schema_version") == io::kSchemaVersion);
  CHECK(h5::read_string_attribute(meta, "kind") == "comparison");
  CHECK(h5::read_uint_attribute(meta, "seed") == 12345);
  CHECK(h5::read_int_attribute(meta, "replications") == 2);
  CHECK(h5::read_string_array_attribute(meta, "arms") == std::vector<std::string>{"baseline", "pilot"});
  CHECK(h5::read_string_attribute(meta, "baseline_arm") == "baseline");
  CHECK(h5::read_string_attribute(meta, "scenario_name") == "tiny");
  CHECK(h5::read_int_attribute(meta, "weeks") == kWeeks);
  CHECK(h5::read_int_attribute(meta, "pilot_start_week") == 1);
  CHECK(h5::read_int_attribute(meta, "pilot_end_week") == 3);
  CHECK(h5::read_int_attribute(meta, "complete") == 1);
  CHECK(h5::read_strings(f, "meta/scenario_yaml") == std::vector<std::string>{"name: tiny\n"});
  CHECK(h5::read_strings(f, "calendar/week_start") == tiny.header.week_starts);
  CHECK(h5::read_strings(f, "groups/name") == tiny.header.group_names);
  CHECK(h5::read_strings(f, "groups/description") == tiny.header.group_descriptions);
  CHECK(h5::read_strings(f, "metrics/unit") == tiny.header.metric_units);
  CHECK(h5::read_strings(f, "municipalities/name").size() == 3);

  CHECK(h5::read_dataset<std::uint8_t>(f, "people/initial_status") == tiny.people.status);
  CHECK(h5::read_dataset<std::uint16_t>(f, "people/initial_spell_weeks") == tiny.people.spell_weeks);
  CHECK(h5::read_dataset<std::uint8_t>(f, "people/education") == tiny.people.education);
  CHECK_FALSE(h5::exists(f, "people/initial_employability"));
  CHECK(h5::read_string_array_attribute(h5::open_dataset(f, "people/initial_benefit"), "codes").size() == kBenefitCount);
  CHECK(h5::read_dataset<std::uint8_t>(f, "arms/pilot/target_at_start") == tiny.header.target_at_start[1]);

  const std::size_t N = tiny.people.size();
  for (std::size_t a = 0; a < 2; ++a) {
    for (int r = 0; r < 2; ++r) {
      const std::string run = "arms/" + std::string(a ? "pilot" : "baseline") + "/replications/" + std::to_string(r);
      INFO(run);
      std::vector<std::uint8_t> expected(N * kWeeks);
      for (std::size_t i = 0; i < N; ++i)
        for (int w = 0; w < kWeeks; ++w) expected[i * kWeeks + w] = tiny.status(a, r, i, w);
      CHECK(h5::read_dataset<std::uint8_t>(f, run + "/trajectory/status") == expected);
      CHECK(h5::shape(h5::open_dataset(f, run + "/metrics")) == std::vector<hsize_t>{kWeeks, kGroups, kMetrics});
      CHECK(h5::read_dataset<double>(f, run + "/metrics") == tiny.metrics(a, r));
      CHECK(h5::read_dataset<std::int64_t>(f, run + "/transitions") == tiny.transitions(a, r));
      CHECK(h5::shape(h5::open_dataset(f, run + "/transitions")) == std::vector<hsize_t>{kStatusCount, kStatusCount});
      const auto pilot = tiny.pilot(a, r);
      CHECK(h5::read_dataset<std::int64_t>(f, run + "/pilot/ever_clients") == pilot.ever_clients);
      CHECK(h5::read_dataset<std::int64_t>(f, run + "/pilot/service_starts") == pilot.service_starts);
      CHECK(h5::shape(h5::open_dataset(f, run + "/pilot/service_starts")) ==
            std::vector<hsize_t>{kWeeks, 3, 2, scenario::kServiceCount});
    }
  }
  CHECK_FALSE(h5::exists(f, "effects/baseline"));
  CHECK(h5::read_dataset<double>(f, "effects/pilot/mean") == std::vector<double>(kWeeks * kGroups * kMetrics, 0.5));
  CHECK(h5::shape(h5::open_dataset(f, "effects/pilot/ci_high")) == std::vector<hsize_t>{kWeeks, kGroups, kMetrics});
  const auto cost = h5::read_dataset<double>(f, "effects/pilot/cost_per_additional_employment_week_ci_low");
  CHECK(cost[0] == 5.0);
  CHECK(std::isnan(cost[1]));

  const auto text = io::describe_file(out);
  CHECK_THAT(text, Catch::Contains("Kokeilu comparison file") && Catch::Contains("baseline, pilot") &&
                       Catch::Contains("replications:  2"));
}

TEST_CASE("comparison trajectories are optional", "[io][comparison]") {
  TinyComparison tiny;
  tiny.header.write_trajectories = false;
  testing::TemporaryFolder folder;
  {
    io::ComparisonFileWriter writer(folder / "cmp.h5", false, tiny.header, tiny.people);
    tiny.write_all(writer);
    writer.commit();
  }
  const auto f = h5::open_file(folder / "cmp.h5");
  CHECK_FALSE(h5::exists(f, "arms/baseline/replications/0/trajectory"));
  CHECK(h5::exists(f, "arms/baseline/replications/0/metrics"));
}

TEST_CASE("an uncommitted or incomplete comparison leaves no file", "[io][comparison][errors]") {
  TinyComparison tiny;
  testing::TemporaryFolder folder;
  const auto out = folder / "cmp.h5";
  SECTION("destroyed without commit") {
    {
      io::ComparisonFileWriter writer(out, false, tiny.header, tiny.people);
      tiny.write_all(writer);
    }
    CHECK(folder.files().empty());
  }
  SECTION("commit refuses a file with a run missing") {
    {
      io::ComparisonFileWriter writer(out, false, tiny.header, tiny.people);
      tiny.write_all(writer, false);
      CHECK_THROWS_WITH(writer.commit(), Catch::Contains("no effects"));
    }
    CHECK(folder.files().empty());
  }
  SECTION("existing output without force") {
    { std::ofstream(out) << "keep"; }
    CHECK_THROWS_AS(io::ComparisonFileWriter(out, false, tiny.header, tiny.people), InputError);
    CHECK(folder.files() == std::vector<std::string>{"cmp.h5"});
  }
  SECTION("bad calls are programming errors") {
    io::ComparisonFileWriter writer(out, false, tiny.header, tiny.people);
    CHECK_THROWS_AS(writer.write_metrics(2, 0, tiny.metrics(0, 0)), std::invalid_argument);
    CHECK_THROWS_AS(writer.write_metrics(0, 2, tiny.metrics(0, 0)), std::invalid_argument);
    CHECK_THROWS_AS(writer.write_metrics(0, 0, {1.0}), std::invalid_argument);
  }
}
