#include <catch2/catch.hpp>

#include "core/errors.hpp"
#include "io/hdf5.hpp"
#include "io/trajectory.hpp"
#include "read_back.hpp"

using namespace kokeilu;
namespace h5 = kokeilu::io::h5;

TEST_CASE("the HDF5 wrapper writes and reads attributes, strings and arrays", "[io][hdf5]") {
  testing::TemporaryFolder folder;
  const auto path = folder / "t.h5";
  {
    auto f = h5::create_file(path);
    const auto g = h5::require_groups(f, "a/b/c");
    h5::write_attribute(g, "i", std::int64_t{-5});
    h5::write_attribute(g, "u", std::uint64_t{18446744073709551615ull});
    h5::write_attribute(g, "d", 0.25);
    h5::write_attribute(g, "s", "hyvä");
    h5::write_attribute(g, "names", std::vector<std::string>{"x", "yy", ""});
    h5::write_strings(f, "strings", {"yksi", "kaksi"});
    h5::write_string_scalar(f, "text", "line 1\nline 2");
    const std::vector<std::uint16_t> grid{1, 2, 3, 4, 5, 6};
    h5::write_dataset<std::uint16_t>(f, "grid", std::span<const std::uint16_t>(grid), {2, 3});
    std::vector<double> big(100000, 1.5);
    h5::write_dataset(f, "big", big);  // over 64 KiB: chunked and deflated
    h5::close_file(f, path.string());
    CHECK_FALSE(f.valid());
  }
  auto f = h5::open_file(path);
  CHECK(h5::exists(f, "a/b/c"));
  CHECK_FALSE(h5::exists(f, "a/x/c"));
  const auto g = h5::open_group(f, "a/b/c");
  CHECK(h5::read_int_attribute(g, "i") == -5);
  CHECK(h5::read_uint_attribute(g, "u") == 18446744073709551615ull);
  CHECK(h5::read_double_attribute(g, "d") == 0.25);
  CHECK(h5::read_string_attribute(g, "s") == "hyvä");
  CHECK(h5::read_string_array_attribute(g, "names") == std::vector<std::string>{"x", "yy", ""});
  CHECK(h5::attribute_names(g) == std::vector<std::string>{"d", "i", "names", "s", "u"});
  CHECK(h5::read_strings(f, "strings") == std::vector<std::string>{"yksi", "kaksi"});
  CHECK(h5::read_strings(f, "text") == std::vector<std::string>{"line 1\nline 2"});
  CHECK(h5::read_dataset<std::int64_t>(f, "grid") == std::vector<std::int64_t>{1, 2, 3, 4, 5, 6});
  CHECK(h5::shape(h5::open_dataset(f, "grid")) == std::vector<hsize_t>{2, 3});
  CHECK(h5::read_dataset<double>(f, "big") == std::vector<double>(100000, 1.5));
}

TEST_CASE("HDF5 failures are IoErrors naming the object", "[io][hdf5][errors]") {
  testing::TemporaryFolder folder;
  auto f = h5::create_file(folder / "t.h5");
  CHECK_THROWS_AS(h5::open_dataset(f, "people/status"), IoError);
  CHECK_THROWS_WITH(h5::open_dataset(f, "people/status"), Catch::Contains("/people/status"));
  CHECK_THROWS_WITH(h5::read_int_attribute(f, "seed"), Catch::Contains("@seed") && Catch::Contains("missing"));
  CHECK_THROWS_WITH(h5::open_file(folder / "missing.h5"), Catch::Contains("missing.h5"));
  h5::create_group(f, "g");
  CHECK_THROWS_WITH(h5::create_group(f, "g"), Catch::Contains("create group /g"));
}

TEST_CASE("trajectory blocks are transposed to persons x weeks", "[io][trajectory]") {
  // 3 weeks of 130 persons: person i at week k is (i + 7k) % 251.
  const std::size_t N = 130;
  std::vector<std::uint8_t> block(3 * N);
  for (std::size_t k = 0; k < 3; ++k)
    for (std::size_t i = 0; i < N; ++i) block[k * N + i] = static_cast<std::uint8_t>((i + 7 * k) % 251);
  std::vector<std::uint8_t> out(100 * 3);
  io::transpose_block(block.data(), N, 3, 20, 100, out.data());
  for (std::size_t i = 0; i < 100; ++i)
    for (std::size_t k = 0; k < 3; ++k) REQUIRE(out[i * 3 + k] == (20 + i + 7 * k) % 251);
}

TEST_CASE("trajectory writes in any block shape give the same dataset", "[io][trajectory]") {
  const std::size_t N = 5000;
  const int W = 60;
  std::vector<std::uint8_t> dense(N * W);  // [person * W + week]
  for (std::size_t i = 0; i < N; ++i)
    for (int w = 0; w < W; ++w) dense[i * W + w] = static_cast<std::uint8_t>((i / 7 + w / 11) % 7);
  const int block_weeks = GENERATE(1, 7, 52, 60);
  CAPTURE(block_weeks);
  testing::TemporaryFolder folder;
  {
    auto f = h5::create_file(folder / "t.h5");
    io::TrajectoryDataset dataset(f, "status", N, W, block_weeks);
    for (int first = 0; first < W; first += block_weeks) {
      const int weeks = std::min(block_weeks, W - first);
      std::vector<std::uint8_t> block(N * weeks);
      for (int k = 0; k < weeks; ++k)
        for (std::size_t i = 0; i < N; ++i) block[k * N + i] = dense[i * W + first + k];
      dataset.write(first, weeks, block.data());
    }
  }
  CHECK(testing::read_back<std::uint8_t>(folder / "t.h5", "status") == dense);
}

TEST_CASE("dimension scales attach to axes and read back as the paths they name", "[io][hdf5][dims]") {
  testing::TemporaryFolder folder;
  const auto path = folder / "dims.h5";
  {
    auto f = h5::create_file(path);
    h5::write_strings(f, "status", {"a", "b", "c"});
    const std::vector<std::int64_t> counts(6, 1);
    const auto group = h5::create_group(f, "weekly");
    h5::write_dataset<std::int64_t>(group, "counts", std::span<const std::int64_t>(counts), {2, 3});
    const auto scale = h5::open_dataset(f, "status");
    const auto data = h5::open_dataset(group, "counts");
    CHECK_FALSE(h5::is_dimension_scale(scale));
    h5::make_dimension_scale(scale, "status");
    h5::attach_dimension_scale(data, scale, 1, "status");
    CHECK(h5::is_dimension_scale(scale));
    CHECK_FALSE(h5::is_dimension_scale(data));
    CHECK_THROWS_AS(h5::attach_dimension_scale(data, scale, 5, "status"), IoError);
    h5::close_file(f, path.string());
  }
  auto f = h5::open_file(path);
  const auto data = h5::open_dataset(f, "weekly/counts");
  // DIMENSION_LIST: per axis, the scales attached (none on axis 0); REFERENCE_LIST: {dataset, axis}.
  CHECK(h5::read_attribute_value(data, "DIMENSION_LIST").strings == std::vector<std::string>{"", "/status"});
  const auto scale = h5::open_dataset(f, "status");
  const auto references = h5::read_attribute_value(scale, "REFERENCE_LIST").strings;
  REQUIRE(references.size() == 1);
  CHECK(references[0].rfind("/weekly/counts,", 0) == 0);
}

TEST_CASE("dimension scales attached at once are what H5DS attaches one by one, for any number", "[io][hdf5][dims]") {
  testing::TemporaryFolder folder;
  const auto path = folder / "many.h5";
  constexpr int kDatasets = 6000;  // REFERENCE_LIST over 64 KiB: the 1.0 format fails after 4,084
  {
    auto f = h5::create_file(path);
    const std::vector<std::uint8_t> values(6, 1);
    for (int i = 0; i < kDatasets; ++i)
      h5::write_dataset<std::uint8_t>(f, "d" + std::to_string(i), std::span<const std::uint8_t>(values), {3, 2});
    h5::use_large_attribute_format(f);
    h5::write_strings(f, "week", {"a", "b", "c"});
    h5::write_strings(f, "side", {"left", "right"});
    h5::make_dimension_scale(h5::open_dataset(f, "week"), "week");
    h5::make_dimension_scale(h5::open_dataset(f, "side"), "side");
    std::vector<h5::ScaleAttachment> attachments;
    for (int i = 0; i < kDatasets; ++i) {
      attachments.push_back({"/d" + std::to_string(i), 0, "/week"});
      attachments.push_back({"/d" + std::to_string(i), 1, "/side"});
    }
    h5::attach_dimension_scales(f, attachments);
    h5::close_file(f, path.string());
  }
  const auto f = h5::open_file(path);
  const auto week = h5::open_dataset(f, "week");
  const auto side = h5::open_dataset(f, "side");
  {  // (read_attribute_value would name each reference: H5Rget_name searches the file each time)
    const h5::Attribute list(H5Aopen(week, "REFERENCE_LIST", H5P_DEFAULT), "open REFERENCE_LIST");
    const h5::Dataspace space(H5Aget_space(list), "REFERENCE_LIST space");
    CHECK(H5Sget_simple_extent_npoints(space) == kDatasets);
  }
  for (int i : {0, kDatasets - 1}) {
    const auto d = h5::open_dataset(f, "d" + std::to_string(i));
    CAPTURE(i);
    CHECK(H5DSis_attached(d, week, 0) > 0);
    CHECK(H5DSis_attached(d, side, 1) > 0);
    CHECK(H5DSis_attached(d, week, 1) == 0);
    CHECK(H5DSget_num_scales(d, 0) == 1);
    char label[16] = {};
    CHECK(H5DSget_label(d, 1, label, sizeof label) > 0);
    CHECK(std::string(label) == "side");
  }
}
