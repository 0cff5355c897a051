// Measurements behind the trajectory layout (docs/hdf5-schema.md, "Trajectory"): hidden from the
// default run. `test_io "[measure]"` prints file sizes and write speeds for the dense
// persons x weeks layout (several chunk shapes) and for a spell table, on the statuses of a real
// run of the model, and the run's speed with and without the HDF5 writer.
#include <catch2/catch.hpp>

#include <chrono>
#include <cstdio>

#include "io/hdf5.hpp"
#include "io/run_writer.hpp"
#include "io/trajectory.hpp"
#include "population/generate.hpp"
#include "read_back.hpp"
#include "sim/simulation.hpp"
#include "support/capture_sink.hpp"
#include "support/small_scenario.hpp"

using namespace kokeilu;
namespace h5 = kokeilu::io::h5;

namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

/// Times each call of the sink it forwards to: where the writer makes the simulation wait.
class TimingSink final : public sim::RunSink {
 public:
  explicit TimingSink(sim::RunSink& inner) : inner_(inner) {}
  void begin(const sim::RunHeader& h, const population::People& p) override {
    const auto t = std::chrono::steady_clock::now();
    inner_.begin(h, p);
    begin_s += seconds_since(t);
  }
  std::vector<std::uint8_t> trajectory(int first, int weeks, std::vector<std::uint8_t> block) override {
    const auto t = std::chrono::steady_clock::now();
    auto next = inner_.trajectory(first, weeks, std::move(block));
    trajectory_s += seconds_since(t);
    return next;
  }
  void week(int w, const sim::WeekTotals& totals) override { inner_.week(w, totals); }
  void end(const population::People& p) override {
    const auto t = std::chrono::steady_clock::now();
    inner_.end(p);
    end_s += seconds_since(t);
  }
  double begin_s = 0, trajectory_s = 0, end_s = 0;

 private:
  sim::RunSink& inner_;
};

std::int64_t env_int(const char* name, std::int64_t fallback) {
  const char* text = std::getenv(name);
  return text != nullptr ? std::atoll(text) : fallback;
}

}  // namespace

TEST_CASE("measure: dense trajectory vs spell table", "[.][measure]") {
  const std::int64_t per_municipality = env_int("KOKEILU_MEASURE_PERSONS", 100000);
  const auto spec = testing::small_scenario(per_municipality, testing::date(2018, 12, 31));
  testing::CaptureSink capture;  // statuses [person * W + week]
  sim::RunOptions options;
  options.threads = 2;
  sim::Simulation(spec, 99).run(capture, options);
  const std::size_t N = capture.persons;
  const int W = capture.weeks;
  const double agent_weeks = static_cast<double>(N) * W;  // also the raw bytes
  std::printf("trajectory: %zu persons x %d weeks = %.1f M agent-weeks (%.1f MB raw)\n", N, W, agent_weeks / 1e6,
              agent_weeks / 1e6);

  // Week-major blocks of 52 weeks, as the simulation hands them over.
  std::vector<std::vector<std::uint8_t>> blocks;
  for (int first = 0; first < W; first += 52) {
    const int weeks = std::min(52, W - first);
    std::vector<std::uint8_t> block(N * static_cast<std::size_t>(weeks));
    for (int k = 0; k < weeks; ++k)
      for (std::size_t i = 0; i < N; ++i) block[k * N + i] = capture.statuses[i * W + first + k];
    blocks.push_back(std::move(block));
  }

  testing::TemporaryFolder folder;
  for (const std::size_t chunk_persons : {std::size_t{4096}, std::size_t{16384}, std::size_t{0}, std::size_t{65536}}) {
    const auto path = folder / ("dense-" + std::to_string(chunk_persons) + ".h5");
    const auto start = std::chrono::steady_clock::now();
    {
      auto f = h5::create_file(path);
      io::TrajectoryDataset dataset(f, "status", N, W, 52, chunk_persons);
      for (std::size_t b = 0; b < blocks.size(); ++b)
        dataset.write(static_cast<int>(b) * 52, static_cast<int>(blocks[b].size() / N), blocks[b].data());
    }
    const double s = seconds_since(start);
    const auto bytes = std::filesystem::file_size(path);
    const auto read_start = std::chrono::steady_clock::now();
    const auto back = testing::read_back<std::uint8_t>(path, "status");
    const double read_s = seconds_since(read_start);
    const bool same = back == capture.statuses;  // not REQUIRE(a == b): Catch would print 70 MB
    REQUIRE(same);
    std::printf("dense [N,W] chunks (%zu x 52) deflate 1: %.2f MB, %.3f bytes/agent-week, write %.0f MB/s raw "
                "(%.0f M agent-weeks/s), read %.0f MB/s\n",
                chunk_persons ? chunk_persons : io::trajectory_chunk_persons(N, 52), static_cast<double>(bytes) / 1e6,
                static_cast<double>(bytes) / agent_weeks, agent_weeks / 1e6 / s, agent_weeks / 1e6 / s,
                agent_weeks / 1e6 / read_s);
  }

  // Spell table: one row per spell (person, first week, status), the dense view rebuilt by
  // filling each person's row from one start to the next.
  {
    const auto path = folder / "spells.h5";
    const auto start = std::chrono::steady_clock::now();
    std::vector<std::uint32_t> person;
    std::vector<std::uint16_t> first_week;
    std::vector<std::uint8_t> status;
    for (std::size_t i = 0; i < N; ++i) {
      const std::uint8_t* row = &capture.statuses[i * W];
      for (int w = 0; w < W; ++w) {
        if (w == 0 || row[w] != row[w - 1]) {
          person.push_back(static_cast<std::uint32_t>(i));
          first_week.push_back(static_cast<std::uint16_t>(w));
          status.push_back(row[w]);
        }
      }
    }
    {
      auto f = h5::create_file(path);
      const auto g = h5::create_group(f, "spells");
      const std::vector<hsize_t> dims{person.size()};
      const h5::Layout layout{{1u << 18}, 1};
      h5::write_dataset<std::uint32_t>(g, "person", std::span<const std::uint32_t>(person), dims, layout);
      h5::write_dataset<std::uint16_t>(g, "first_week", std::span<const std::uint16_t>(first_week), dims, layout);
      h5::write_dataset<std::uint8_t>(g, "status", std::span<const std::uint8_t>(status), dims, layout);
    }
    const double s = seconds_since(start);
    const auto bytes = std::filesystem::file_size(path);
    std::printf("spell table (%zu spells, %.2f per person) deflate 1: %.2f MB, %.3f bytes/agent-week, "
                "write %.0f M agent-weeks/s (single pass in memory; streaming it needs each person's open spell "
                "carried across blocks)\n",
                person.size(), static_cast<double>(person.size()) / static_cast<double>(N), static_cast<double>(bytes) / 1e6,
                static_cast<double>(bytes) / agent_weeks, agent_weeks / 1e6 / s);
  }

  // End to end: the run with the writer (background thread) vs without output.
  for (const int threads : {1, 2}) {
    sim::RunOptions run_options;
    run_options.threads = threads;
    const auto initial = population::generate_population(spec, 99);
    auto start = std::chrono::steady_clock::now();
    {
      sim::DiscardSink sink;
      sim::Simulation(spec, initial, 99).run(sink, run_options);
    }
    const double bare = seconds_since(start);
    start = std::chrono::steady_clock::now();
    double begin_s = 0, trajectory_s = 0, end_s = 0;
    {
      io::RunFileWriter writer(folder / "run.h5", true, "measure", "measure");
      TimingSink timing(writer);
      sim::Simulation(spec, initial, 99).run(timing, run_options);
      begin_s = timing.begin_s;
      trajectory_s = timing.trajectory_s;
      end_s = timing.end_s;
    }
    const double written = seconds_since(start);
    std::printf("  the simulation waited for the writer: begin %.3f s, trajectory hand-overs %.3f s, end %.3f s "
                "(whole run %.3f s)\n", begin_s, trajectory_s, end_s, written);
    std::printf("run, %d thread(s): %.1f M agent-weeks/s without output, %.1f with the HDF5 writer; file %.2f MB\n",
                threads, agent_weeks / 1e6 / bare, agent_weeks / 1e6 / written,
                static_cast<double>(std::filesystem::file_size(folder / "run.h5")) / 1e6);
  }
}
