#include <catch2/catch.hpp>

#include <algorithm>
#include <cstring>

#include "sim/simulation.hpp"
#include "support/capture_sink.hpp"
#include "support/small_scenario.hpp"

using namespace kokeilu;

namespace {

testing::CaptureSink run(const scenario::ScenarioSpec& spec, sim::RunOptions options, std::uint64_t seed = 12345) {
  testing::CaptureSink sink;
  sim::Simulation(spec, seed).run(sink, options);
  return sink;
}

bool same_totals(const std::vector<sim::WeekTotals>& a, const std::vector<sim::WeekTotals>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t w = 0; w < a.size(); ++w) {
    if (!(a[w] == b[w])) {
      UNSCOPED_INFO("week " << w << ": " << a[w].first_difference(b[w]) << " differs");
      return false;
    }
  }
  return true;
}

bool same_people(const population::People& a, const population::People& b) {
  bool same = true;
  std::vector<const void*> columns_b;
  std::vector<std::size_t> sizes_b;
  b.for_each_column([&](const auto& c) { columns_b.push_back(c.data()); sizes_b.push_back(c.size() * sizeof(c[0])); });
  std::size_t k = 0;
  a.for_each_column([&](const auto& c) {
    const std::size_t bytes = c.size() * sizeof(c[0]);
    same = same && bytes == sizes_b[k] && std::memcmp(c.data(), columns_b[k], bytes) == 0;
    ++k;
  });
  return same;
}

}  // namespace

TEST_CASE("same seed, same bits: 1 thread, 2 threads, serial reference", "[sim][determinism]") {
  const auto spec = testing::small_scenario(3000, testing::date(2016, 6, 30));
  sim::RunOptions one_thread;
  one_thread.threads = 1;
  one_thread.chunk_persons = 257;  // many chunks, so two threads really interleave
  one_thread.trajectory_block_weeks = 13;
  auto two_threads = one_thread;
  two_threads.threads = 2;
  auto reference = one_thread;
  reference.reference = true;
  auto big_chunks = two_threads;
  big_chunks.chunk_persons = 100000;
  big_chunks.trajectory_block_weeks = 52;

  const auto a = run(spec, one_thread);
  const auto b = run(spec, two_threads);
  const auto c = run(spec, reference);
  const auto d = run(spec, big_chunks);
  REQUIRE(a.ended);
  CHECK(a.blocks_received == (a.weeks + 12) / 13);
  CHECK(std::count(a.statuses.begin(), a.statuses.end(), testing::CaptureSink::kUndelivered) == 0);  // every week delivered
  for (const auto* other : {&b, &c, &d}) {
    CHECK(other->statuses == a.statuses);
    CHECK(same_totals(other->totals, a.totals));
    CHECK(same_people(other->final_state, a.final_state));
  }
  // The run is not trivially static: people move.
  CHECK(a.totals.front().status_counts != a.totals.back().status_counts);
}

TEST_CASE("seeds and replications give different runs on the same population", "[sim][determinism]") {
  const auto spec = testing::small_scenario(2000, testing::date(2015, 6, 30));
  sim::RunOptions options;
  options.threads = 2;
  const auto base = run(spec, options, 1);
  auto replication = options;
  replication.replication = 1;
  const auto other_stream = run(spec, replication, 1);
  CHECK(same_people(other_stream.initial_state, base.initial_state));  // common population
  CHECK(other_stream.statuses != base.statuses);
  const auto other_seed = run(spec, options, 2);
  CHECK_FALSE(same_people(other_seed.initial_state, base.initial_state));
}
