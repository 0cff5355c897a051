#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "core/errors.hpp"
#include "io/run_writer.hpp"
#include "io/schema.hpp"
#include "read_back.hpp"
#include "sim/simulation.hpp"
#include "support/capture_sink.hpp"
#include "support/small_scenario.hpp"

using namespace kokeilu;

namespace {

sim::RunOptions options_with_blocks(int block_weeks) {
  sim::RunOptions options;
  options.threads = 2;
  options.trajectory_block_weeks = block_weeks;
  return options;
}

/// Forwards to a sink and lets a test act before a call (check the folder, throw).
class ProbeSink final : public sim::RunSink {
 public:
  explicit ProbeSink(sim::RunSink& inner) : inner_(inner) {}
  std::function<void(int)> before_week = [](int) {};
  std::function<void()> before_end = [] {};
  void begin(const sim::RunHeader& h, const population::People& p) override { inner_.begin(h, p); }
  std::vector<std::uint8_t> trajectory(int first, int weeks, std::vector<std::uint8_t> block) override {
    return inner_.trajectory(first, weeks, std::move(block));
  }
  void week(int w, const sim::WeekTotals& t) override {
    before_week(w);
    inner_.week(w, t);
  }
  void end(const population::People& p) override {
    before_end();
    inner_.end(p);
  }

 private:
  sim::RunSink& inner_;
};

std::string file_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

template <class T>
std::vector<T> stack(const std::vector<sim::WeekTotals>& totals, std::vector<T> sim::WeekTotals::*field) {
  std::vector<T> all;
  for (const auto& t : totals) all.insert(all.end(), (t.*field).begin(), (t.*field).end());
  return all;
}

}  // namespace

TEST_CASE("a run written to HDF5 reads back bit for bit", "[io][run]") {
  const int block_weeks = GENERATE(1, 13, 52, 200);
  CAPTURE(block_weeks);
  const auto spec = testing::small_scenario(700, testing::date(2016, 3, 31));
  testing::TemporaryFolder folder;
  const auto out = folder / "run.h5";

  testing::CaptureSink capture;
  sim::Simulation(spec, 777).run(capture, options_with_blocks(block_weeks));
  {
    io::RunFileWriter writer(out, false, "9.9.9-test", "abcdef123456");
    auto options = options_with_blocks(block_weeks);
    options.replication = 0;
    sim::Simulation(spec, 777).run(writer, options);
  }
  REQUIRE(std::filesystem::exists(out));
  CHECK(folder.files() == std::vector<std::string>{"run.h5"});

  const auto N = capture.persons;
  const auto W = static_cast<std::size_t>(capture.weeks);
  CHECK(testing::read_back_shape(out, "trajectory/status") == std::vector<hsize_t>{N, W});
  CHECK(testing::read_back<std::uint8_t>(out, "trajectory/status") == capture.statuses);

  CHECK(testing::read_back<std::int64_t>(out, "weekly/status_counts") == stack(capture.totals, &sim::WeekTotals::status_counts));
  CHECK(testing::read_back_shape(out, "weekly/status_counts") == std::vector<hsize_t>{W, 3, kStatusCount});
  CHECK(testing::read_back<std::int64_t>(out, "weekly/found_job") == stack(capture.totals, &sim::WeekTotals::found_job));
  CHECK(testing::read_back_shape(out, "weekly/found_job") == std::vector<hsize_t>{W, scenario::kDurationBracketCount});
  CHECK(testing::read_back<std::int64_t>(out, "weekly/benefit_days") == stack(capture.totals, &sim::WeekTotals::benefit_days));
  CHECK(testing::read_back_shape(out, "weekly/referrals") == std::vector<hsize_t>{W, 3, scenario::kServiceCount});
  CHECK(testing::read_back_shape(out, "weekly/rehabilitative_exits") == std::vector<hsize_t>{W, 3, 4});
  const auto cost = testing::read_back<double>(out, "weekly/cost_eur");
  const auto cost_cents = stack(capture.totals, &sim::WeekTotals::cost);
  REQUIRE(cost.size() == cost_cents.size());
  for (std::size_t i = 0; i < cost.size(); ++i) CHECK(std::llround(cost[i] * 100) == cost_cents[i]);
  CHECK(testing::read_back_shape(out, "weekly/cost_eur") == std::vector<hsize_t>{W, 3, kPayerCount});

  // Initial and final person columns are the run's.
  const auto f = io::h5::open_file(out);
  CHECK(io::h5::read_dataset<MunicipalityIndex>(f, "people/municipality") == capture.initial_state.municipality);
  CHECK(io::h5::read_dataset<std::uint16_t>(f, "people/birth_year") == capture.initial_state.birth_year);
  CHECK(io::h5::read_dataset<std::uint8_t>(f, "people/initial_status") == capture.initial_state.status);
  CHECK(io::h5::read_dataset<std::uint8_t>(f, "people/final_status") == capture.final_state.status);
  CHECK(io::h5::read_dataset<float>(f, "people/final_employability") == capture.final_state.employability);
  // The last week of the trajectory is the final status.
  const auto statuses = io::h5::read_dataset<std::uint8_t>(f, "trajectory/status");
  for (std::size_t i = 0; i < N; ++i) REQUIRE(statuses[i * W + W - 1] == capture.final_state.status[i]);

  const auto meta = io::h5::open_group(f, "meta");
  CHECK(io::h5::read_int_attribute(meta, "schema_version") == io::kSchemaVersion);
  CHECK(io::h5::read_string_attribute(meta, "kind") == "run");
  CHECK(io::h5::read_string_attribute(meta, "engine_version") == "9.9.9-test");
  CHECK(io::h5::read_string_attribute(meta, "git_revision") == "abcdef123456");
  CHECK(io::h5::read_uint_attribute(meta, "seed") == 777);
  CHECK(io::h5::read_int_attribute(meta, "replication") == 0);
  CHECK(io::h5::read_string_attribute(meta, "arm") == "baseline");
  CHECK(io::h5::read_string_attribute(meta, "scenario_name") == "small");
  CHECK(io::h5::read_string_attribute(meta, "start_date") == "2014-09-01");
  CHECK(io::h5::read_string_attribute(meta, "end_date") == "2016-03-31");
  CHECK(io::h5::read_int_attribute(meta, "weeks") == capture.weeks);
  CHECK(io::h5::read_int_attribute(meta, "complete") == 1);
  CHECK(io::h5::has_attribute(meta, "created_utc"));
  CHECK(io::h5::read_strings(f, "calendar/week_start").front() == "2014-09-01");
  CHECK(io::h5::read_strings(f, "calendar/week_start").size() == W);
  CHECK(io::h5::read_strings(f, "municipalities/name") == std::vector<std::string>{"town-0", "town-1", "town-2"});
  CHECK(io::h5::read_dataset<std::int32_t>(f, "municipalities/market") == std::vector<std::int32_t>{0, 0, 1});
  CHECK(io::h5::read_strings(f, "markets/name") == std::vector<std::string>{"area-a", "area-b"});

  const auto status = io::h5::open_dataset(f, "trajectory/status");
  CHECK(io::h5::read_string_array_attribute(status, "codes").at(2) == "unemployed");
  const auto counts = io::h5::open_dataset(f, "weekly/status_counts");
  CHECK(io::h5::read_string_array_attribute(counts, "dims") == std::vector<std::string>{"week", "municipality", "status"});
  CHECK(io::h5::read_string_array_attribute(counts, "status").size() == kStatusCount);
}

TEST_CASE("the activation rate is in services over unemployed plus in services", "[io][run]") {
  auto spec = testing::small_scenario(300, testing::date(2015, 3, 31));
  testing::TemporaryFolder folder;
  const auto out = folder / "run.h5";
  testing::CaptureSink capture;
  sim::Simulation(spec, 5).run(capture, options_with_blocks(52));
  {
    io::RunFileWriter writer(out, false, "test", "test");
    sim::Simulation(spec, 5).run(writer, options_with_blocks(52));
  }
  const auto rate = testing::read_back<double>(out, "weekly/activation_rate");
  REQUIRE(rate.size() == capture.totals.size() * 3);
  for (std::size_t w = 0; w < capture.totals.size(); ++w) {
    for (std::size_t m = 0; m < 3; ++m) {
      const auto* c = &capture.totals[w].status_counts[m * kStatusCount];
      const double services = static_cast<double>(c[1] + c[3] + c[4] + c[5]);
      const double denominator = services + static_cast<double>(c[2]);
      if (denominator == 0) CHECK(std::isnan(rate[w * 3 + m]));
      else CHECK(rate[w * 3 + m] == services / denominator);
    }
  }
}

TEST_CASE("the output appears only when the run is complete", "[io][run][errors]") {
  const auto spec = testing::small_scenario(200, testing::date(2015, 6, 30));
  testing::TemporaryFolder folder;
  const auto out = folder / "run.h5";

  SECTION("absent until end(), then renamed from the temporary file") {
    io::RunFileWriter writer(out, false, "test", "test");
    ProbeSink probe(writer);
    bool checked = false;
    probe.before_end = [&] {
      CHECK_FALSE(std::filesystem::exists(out));
      const auto files = folder.files();
      REQUIRE(files.size() == 1);
      CHECK(files[0].starts_with(".run.h5.tmp-"));
      checked = true;
    };
    sim::Simulation(spec, 1).run(probe, options_with_blocks(13));
    CHECK(checked);
    CHECK(folder.files() == std::vector<std::string>{"run.h5"});
  }
  SECTION("a writer destroyed mid-run leaves neither the output nor its temporary file") {
    {
      io::RunFileWriter writer(out, false, "test", "test");
      ProbeSink probe(writer);
      probe.before_week = [](int w) {
        if (w == 20) throw std::runtime_error("stop");
      };
      CHECK_THROWS_WITH(sim::Simulation(spec, 1).run(probe, options_with_blocks(13)), "stop");
    }
    CHECK(folder.files().empty());
  }
  SECTION("an interrupted run leaves nothing") {
    std::atomic<bool> interrupt{false};
    auto options = options_with_blocks(4);
    options.interrupt = &interrupt;
    options.progress = [&](int done, int) { interrupt = done >= 10; };
    {
      io::RunFileWriter writer(out, false, "test", "test");
      CHECK_THROWS_AS(sim::Simulation(spec, 1).run(writer, options), Interrupted);
    }
    CHECK(folder.files().empty());
  }
  SECTION("a writer created and never used leaves nothing") {
    { io::RunFileWriter writer(out, false, "test", "test"); }
    CHECK(folder.files().empty());
  }
}

TEST_CASE("an existing output is kept unless forced: a missing folder is an input error", "[io][run][errors]") {
  const auto spec = testing::small_scenario(200, testing::date(2015, 3, 31));
  testing::TemporaryFolder folder;
  const auto out = folder / "run.h5";
  {
    std::ofstream existing(out);
    existing << "precious";
  }
  SECTION("without force: InputError before any work, file untouched") {
    CHECK_THROWS_AS(io::RunFileWriter(out, false, "test", "test"), InputError);
    CHECK_THROWS_WITH(io::RunFileWriter(out, false, "test", "test"), Catch::Contains("exists") && Catch::Contains("--force"));
    CHECK(file_text(out) == "precious");
    CHECK(folder.files() == std::vector<std::string>{"run.h5"});
  }
  SECTION("with force: replaced by the complete run") {
    {
      io::RunFileWriter writer(out, true, "test", "test");
      CHECK(file_text(out) == "precious");  // still there while the run is written
      sim::Simulation(spec, 1).run(writer, options_with_blocks(52));
    }
    CHECK(io::h5::is_hdf5_file(out));
    CHECK(testing::read_back<std::int64_t>(out, "weekly/status_counts").size() > 0);
    CHECK(folder.files() == std::vector<std::string>{"run.h5"});
  }
  SECTION("missing folder") {
    CHECK_THROWS_AS(io::RunFileWriter(folder / "no-such-folder" / "run.h5", true, "t", "t"), InputError);
    CHECK_THROWS_WITH(io::RunFileWriter(folder / "no-such-folder" / "run.h5", true, "t", "t"),
                      Catch::Contains("does not exist"));
  }
  SECTION("output names a folder") {
    std::filesystem::create_directory(folder / "dir.h5");
    CHECK_THROWS_AS(io::RunFileWriter(folder / "dir.h5", true, "t", "t"), InputError);
  }
}
