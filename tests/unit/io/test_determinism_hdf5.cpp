#include <catch2/catch.hpp>

#include "io/run_writer.hpp"
#include "read_back.hpp"
#include "sim/simulation.hpp"
#include "support/small_scenario.hpp"

using namespace kokeilu;

TEST_CASE("whole HDF5 files are identical for 1 thread, 2 threads and the reference stepper",
          "[io][determinism]") {
  const auto spec = testing::small_scenario(2500, testing::date(2016, 6, 30));
  testing::TemporaryFolder folder;
  sim::RunOptions one_thread;
  one_thread.threads = 1;
  one_thread.chunk_persons = 257;  // many chunks, so two threads really interleave
  auto two_threads = one_thread;
  two_threads.threads = 2;
  auto reference = one_thread;
  reference.reference = true;

  const auto write = [&](const std::string& name, const sim::RunOptions& options) {
    const auto out = folder / name;
    io::RunFileWriter writer(out, false, "test", "test");
    sim::Simulation(spec, 2024).run(writer, options);
    return testing::read_everything(out, {"/meta@created_utc"});
  };
  const auto a = write("one.h5", one_thread);
  const auto b = write("two.h5", two_threads);
  const auto c = write("reference.h5", reference);

  REQUIRE(a.datasets.contains("/trajectory/status"));
  REQUIRE(a.datasets.contains("/weekly/cost_eur"));
  REQUIRE(a.attributes.contains("/meta@complete"));
  for (const auto* other : {&b, &c}) {
    CHECK(other->datasets.size() == a.datasets.size());
    CHECK(other->attributes.size() == a.attributes.size());
    for (const auto& [name, value] : a.datasets) {
      INFO("dataset " << name);
      REQUIRE(other->datasets.contains(name));
      CHECK(other->datasets.at(name) == value);
    }
    for (const auto& [name, value] : a.attributes) {
      INFO("attribute " << name);
      REQUIRE(other->attributes.contains(name));
      CHECK(other->attributes.at(name) == value);
    }
  }
}
