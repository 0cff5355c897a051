// Rank 0 spools the runs' trajectory blocks to an unnamed file beside the output (io/spool.hpp):
// what it holds in memory is a block at a time, not every arm's whole trajectory; the file
// written is the same with the spool as without; a spool that cannot be written (a full disk)
// ends the comparison with a clear error and no output file.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>
#include <thread>
#include <vector>

#include "compare/comparison.hpp"
#include "core/errors.hpp"
#include "io/hdf5.hpp"
#include "io/spool.hpp"
#include "support/designs.hpp"
#include "support/small_scenario.hpp"
#include "support/temp_folder.hpp"

using namespace kokeilu;

namespace {

/// Three arms (the baseline, a coaching pilot with its pilot_clients group, a copy of the
/// baseline), 2 replications, 3,000 persons over 96 weeks: two trajectory blocks per run.
scenario::ComparisonSpec spooled_comparison() {
  scenario::ComparisonSpec spec;
  spec.name = "spooled-comparison";
  spec.base = testing::small_scenario(1000, testing::date(2016, 6, 30));
  spec.pilot_start = spec.base.run.start;
  spec.pilot_end = testing::date(2015, 8, 31);
  spec.follow_up_weeks = 17;
  spec.replications = 2;
  auto pilot = testing::coaching_pilot();
  pilot.start = spec.pilot_start;
  pilot.end = spec.pilot_end;
  auto same = spec.base.baseline_design;
  same.name = "same-as-baseline";
  same.start = spec.pilot_start;
  same.end = spec.pilot_end;
  spec.arms = {{"baseline", std::nullopt, ""}, {"coaching", pilot, ""}, {"same", same, ""}};
  return spec;
}

std::string read_all(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

/// The same doubles bit for bit (NaN included), arm by arm and replication by replication.
bool same_bits(const std::vector<std::vector<std::vector<double>>>& a,
               const std::vector<std::vector<std::vector<double>>>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t arm = 0; arm < a.size(); ++arm) {
    if (a[arm].size() != b[arm].size()) return false;
    for (std::size_t r = 0; r < a[arm].size(); ++r)
      if (a[arm][r].size() != b[arm][r].size() ||
          std::memcmp(a[arm][r].data(), b[arm][r].data(), a[arm][r].size() * sizeof(double)) != 0)
        return false;
  }
  return true;
}

}  // namespace

TEST_CASE("a spool gives back what several threads appended, and leaves no file", "[compare][spool]") {
  testing::TempFolder folder;
  auto spool = io::Spool::in_folder(folder.path());
  CHECK(folder.files().empty());  // unnamed from the start: nothing to leave behind
  constexpr int kThreads = 4, kBlocks = 40;
  std::vector<std::vector<io::Spool::Extent>> extents(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      for (int k = 0; k < kBlocks; ++k)
        extents[t].push_back(spool.append(std::vector<std::uint8_t>(1000 + 37 * k, static_cast<std::uint8_t>(t * kBlocks + k))));
    });
  for (auto& thread : threads) thread.join();
  for (int k = 0; k < kBlocks; k += 2) spool.release(extents[0][k]);  // holes beside blocks still read
  std::vector<std::uint8_t> back;
  for (int t = 0; t < kThreads; ++t)
    for (int k = t == 0 ? 1 : 0; k < kBlocks; k += t == 0 ? 2 : 1) {
      spool.read(extents[t][k], back);
      REQUIRE(back.size() == static_cast<std::size_t>(1000 + 37 * k));
      CHECK(std::count(back.begin(), back.end(), static_cast<std::uint8_t>(t * kBlocks + k)) ==
            static_cast<std::ptrdiff_t>(back.size()));
    }
  CHECK(folder.files().empty());
}

TEST_CASE("a spool on a full disk fails with a clear error", "[compare][spool]") {
  if (!std::filesystem::exists("/dev/full")) return;  // /dev/full fails every write as a full disk does
  auto spool = io::Spool::at("/dev/full");
  CHECK_THROWS_AS(spool.append(std::vector<std::uint8_t>(4096, 7)), IoError);
  CHECK_THROWS_WITH(spool.append(std::vector<std::uint8_t>(4096, 7)),
                    Catch::Contains("No space left on device") && Catch::Contains("/dev/full"));
}

TEST_CASE("rank 0 holds a trajectory block at a time, and writes the same file as when it held them all",
          "[compare][spool]") {
  ::setenv("SOURCE_DATE_EPOCH", "1700000000", 1);  // the same creation time in both files
  const auto spec = spooled_comparison();
  testing::TempFolder folder;
  compare::CompareOptions spooled;
  spooled.threads = 2;
  const auto with_spool = compare::run_comparison(spec, spooled, compare::OutputFile{folder / "spooled.h5"});
  auto kept_options = spooled;
  kept_options.spool_trajectories = false;  // every arm's trajectory in memory until written
  const auto kept = compare::run_comparison(spec, kept_options, compare::OutputFile{folder / "kept.h5"});
  ::unsetenv("SOURCE_DATE_EPOCH");

  const auto persons = static_cast<std::uint64_t>(spec.base.total_persons_ever());
  const auto weeks = static_cast<std::uint64_t>(with_spool.weeks);
  REQUIRE(weeks > 52);  // more than one block per run
  REQUIRE(with_spool.groups.index_of("pilot_clients:coaching") < with_spool.groups.size());  // measured from the trajectories
  // Spooled: one block read back at a time (52 weeks); held: every arm of a replication at least.
  CHECK(with_spool.trajectory_bytes_held_peak > 0);
  CHECK(with_spool.trajectory_bytes_held_peak <= persons * 52);
  CHECK(kept.trajectory_bytes_held_peak >= spec.arms.size() * persons * weeks);

  CHECK(same_bits(with_spool.metrics, kept.metrics));
  {
    const auto file = io::h5::open_file(folder / "spooled.h5");
    CHECK(io::h5::exists(file, "arms/coaching/replications/1/trajectory/status"));
  }
  CHECK(read_all(folder / "spooled.h5") == read_all(folder / "kept.h5"));
  CHECK(folder.files().size() == 2);  // the spool left nothing behind
}

TEST_CASE("a spool that cannot be written ends the comparison with no output file", "[compare][spool]") {
  if (!std::filesystem::exists("/dev/full")) return;
  auto spec = spooled_comparison();
  spec.replications = 1;
  testing::TempFolder folder;
  compare::CompareOptions options;
  options.threads = 2;
  options.spool_at = "/dev/full";
  CHECK_THROWS_WITH(compare::run_comparison(spec, options, compare::OutputFile{folder / "out.h5"}),
                    Catch::Contains("No space left on device"));
  CHECK(folder.files().empty());  // neither out.h5 nor its temporary file
}
