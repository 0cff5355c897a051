#include <catch2/catch.hpp>

#include <fstream>

#include "core/errors.hpp"
#include "io/describe.hpp"
#include "io/run_writer.hpp"
#include "read_back.hpp"
#include "services/codes.hpp"
#include "sim/simulation.hpp"
#include "support/small_scenario.hpp"

using namespace kokeilu;

namespace {

std::filesystem::path write_small_run(const testing::TemporaryFolder& folder) {
  const auto spec = testing::small_scenario(100, testing::date(2015, 2, 28));
  const auto out = folder / "run.h5";
  io::RunFileWriter writer(out, false, "1.2.3", "cafe0123");
  sim::RunOptions options;
  options.threads = 1;
  sim::Simulation(spec, 42).run(writer, options);
  return out;
}

}  // namespace

TEST_CASE("describe_file summarises a run file", "[io][describe]") {
  testing::TemporaryFolder folder;
  const auto out = write_small_run(folder);
  const auto text = io::describe_file(out);
  INFO(text);
  CHECK_THAT(text, Catch::Contains("Kokeilu run file, schema version 5"));
  CHECK_THAT(text, Catch::Contains("1.2.3 (git cafe0123)"));
  CHECK_THAT(text, Catch::Contains("scenario:      small"));
  CHECK_THAT(text, Catch::Contains("seed:          42"));
  CHECK_THAT(text, Catch::Contains("2014-09-01 to 2015-02-28, 26 weeks"));
  CHECK_THAT(text, Catch::Contains("persons:       300"));
  CHECK_THAT(text, Catch::Contains("municipalities: 3"));
  CHECK_THAT(text, Catch::Contains("/trajectory/status"));
  CHECK_THAT(text, Catch::Contains("[300, 26] uint8"));
  CHECK_THAT(text, Catch::Contains("/weekly/status_counts"));
  CHECK_THAT(text, Catch::Contains("[26, 3, " + std::to_string(kStatusCount) + "] int64"));  // by status
}

TEST_CASE("describe_file rejects what it cannot describe", "[io][describe][errors]") {
  testing::TemporaryFolder folder;
  SECTION("missing file") {
    CHECK_THROWS_AS(io::describe_file(folder / "nothing.h5"), InputError);
    CHECK_THROWS_WITH(io::describe_file(folder / "nothing.h5"), Catch::Contains("no such file"));
  }
  SECTION("not HDF5") {
    std::ofstream(folder / "text.h5") << "name: not hdf5\n";
    CHECK_THROWS_WITH(io::describe_file(folder / "text.h5"), Catch::Contains("not an HDF5 file"));
  }
  SECTION("HDF5 but not ours") {
    { auto f = io::h5::create_file(folder / "other.h5"); io::h5::create_group(f, "data"); }
    CHECK_THROWS_WITH(io::describe_file(folder / "other.h5"), Catch::Contains("not a Kokeilu output file"));
  }
  SECTION("unknown schema version") {
    const auto out = write_small_run(folder);
    {
      auto f = io::h5::open_file(out, true);
      io::h5::write_attribute(io::h5::open_group(f, "meta"), "schema_version", 99);
    }
    CHECK_THROWS_WITH(io::describe_file(out), Catch::Contains("schema version 99"));
  }
  SECTION("interrupted: no complete attribute") {
    const auto out = write_small_run(folder);
    {
      auto f = io::h5::open_file(out, true);
      const auto meta = io::h5::open_group(f, "meta");
      REQUIRE(H5Adelete(meta, "complete") >= 0);
    }
    CHECK_THROWS_AS(io::describe_file(out), InputError);
    CHECK_THROWS_WITH(io::describe_file(out), Catch::Contains("incomplete"));
  }
}
