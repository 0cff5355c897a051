// Compression of real output chunks: io::ChunkDeflater (what the output uses), zlib alone (level 1,
// memLevel 6, Z_RLE or the default strategy, as the output used before libdeflate) and
// libdeflate's levels; MB/s of raw input (per CPU second) and the compressed size. The chunks are those of a run of the Satakunta scenario scaled to 10^6
// persons over 156 weeks (as bench_step's): written to a temporary file, read back raw
// (H5Dread_chunk) and inflated, so each is exactly what the output hands to its compressor.
//   build/benchmarks/bench_deflate
//   build/benchmarks/bench_deflate --benchmark_filter=trajectory
// data: trajectory = the status chunks (19,456 persons x 52 weeks, transposed); runs = the integer
// person columns (Strategy::runs); general = the float columns (Strategy::general).
#include <benchmark/benchmark.h>
#include <libdeflate.h>
#include <zlib.h>

#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <unistd.h>
#include <vector>

#include "io/chunk_deflate.hpp"
#include "io/hdf5.hpp"
#include "io/run_writer.hpp"
#include "population/generate.hpp"
#include "scaled_scenario.hpp"
#include "scenario/load.hpp"
#include "sim/simulation.hpp"

using namespace kokeilu;
namespace h5 = kokeilu::io::h5;

namespace {

using Chunk = std::vector<std::uint8_t>;

struct Chunks {
  std::vector<Chunk> trajectory, runs, general;
};

/// The raw (inflated) chunks of the dataset at `path`, appended to `out` (none if not chunked).
void read_raw_chunks(hid_t file, const std::string& path, std::vector<Chunk>& out) {
  const auto dataset = h5::open_dataset(file, path);
  const h5::PropertyList create(H5Dget_create_plist(dataset), "plist");
  hsize_t chunk_dims[2] = {1, 1};
  const int rank = H5Pget_chunk(create, 2, chunk_dims);
  if (rank < 1) return;
  const h5::Datatype type(H5Dget_type(dataset), "type");
  std::size_t raw_bytes = H5Tget_size(type);
  for (int d = 0; d < rank; ++d) raw_bytes *= chunk_dims[d];
  const h5::Dataspace space(H5Dget_space(dataset), "space");
  hsize_t n = 0;
  h5::check(H5Dget_num_chunks(dataset, space, &n), path);
  for (hsize_t i = 0; i < n; ++i) {
    hsize_t offset[2] = {0, 0}, stored = 0;
    unsigned mask = 0;
    haddr_t address = 0;
    h5::check(H5Dget_chunk_info(dataset, space, i, offset, &mask, &address, &stored), path);
    Chunk packed(stored);
    std::uint32_t filters = 0;
    h5::check(H5Dread_chunk(dataset, H5P_DEFAULT, offset, &filters, packed.data()), path);
    Chunk raw(raw_bytes);
    uLongf size = static_cast<uLongf>(raw.size());
    if (uncompress(raw.data(), &size, packed.data(), static_cast<uLong>(packed.size())) != Z_OK || size != raw.size())
      throw std::runtime_error("bench_deflate: cannot inflate a chunk of " + path);
    out.push_back(std::move(raw));
  }
}

const Chunks& real_chunks() {
  static const Chunks chunks = [] {
    auto spec = scenario::load_scenario(KOKEILU_SOURCE_DIR "/scenarios/satakunta-2012-2016-baseline.yaml");
    bench::scale_scenario(spec, 1000000, 156);
    spec.run.history_start = spec.run.start;
    const auto initial = population::generate_population(spec, spec.run.seed);
    const auto path =
        std::filesystem::temp_directory_path() / ("kokeilu-bench-deflate-" + std::to_string(getpid()) + ".h5");
    {
      sim::Simulation simulation(spec, initial, spec.run.seed);
      sim::RunOptions options;
      options.threads = 2;
      io::RunFileWriter writer(path, true, "bench", "bench");
      simulation.run(writer, options);
    }
    Chunks c;
    {
      const auto file = h5::open_file(path);
      read_raw_chunks(file, "trajectory/status", c.trajectory);
      const auto people = h5::open_group(file, "people");
      for (const auto& name : h5::list_objects(people)) {
        const auto dataset = h5::open_dataset(people, name);
        const h5::Datatype type(H5Dget_type(dataset), "type");
        read_raw_chunks(people, name, H5Tget_class(type) == H5T_FLOAT ? c.general : c.runs);
      }
    }
    std::filesystem::remove(path);
    return c;
  }();
  return chunks;
}

const std::vector<Chunk>& data_of(int data) {
  const auto& c = real_chunks();
  return data == 0 ? c.trajectory : data == 1 ? c.runs : c.general;
}

void report(benchmark::State& state, const std::vector<Chunk>& chunks, std::size_t packed_bytes) {
  std::size_t raw_bytes = 0;
  for (const auto& chunk : chunks) raw_bytes += chunk.size();
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * raw_bytes));
  state.counters["raw_kB"] = static_cast<double>(raw_bytes) / 1e3;
  state.counters["packed_kB"] = static_cast<double>(packed_bytes) / 1e3;
  state.counters["packed_per_raw"] = static_cast<double>(packed_bytes) / static_cast<double>(raw_bytes);
}

/// zlib as ChunkDeflater used it: level 1, windowBits 15, memLevel 6; Z_RLE for the trajectory and
/// integer columns, the default strategy for floats.
void BM_Zlib(benchmark::State& state) {
  const int data = static_cast<int>(state.range(0));
  const auto& chunks = data_of(data);
  z_stream z{};
  if (deflateInit2(&z, 1, Z_DEFLATED, 15, 6, data == 2 ? Z_DEFAULT_STRATEGY : Z_RLE) != Z_OK)
    throw std::runtime_error("deflateInit2");
  Chunk out;
  std::size_t packed = 0;
  for (auto _ : state) {
    packed = 0;
    for (const auto& chunk : chunks) {
      deflateReset(&z);
      out.resize(deflateBound(&z, static_cast<uLong>(chunk.size())));
      z.next_in = const_cast<Bytef*>(chunk.data());
      z.avail_in = static_cast<uInt>(chunk.size());
      z.next_out = out.data();
      z.avail_out = static_cast<uInt>(out.size());
      if (deflate(&z, Z_FINISH) != Z_STREAM_END) throw std::runtime_error("deflate");
      packed += z.total_out;
    }
    benchmark::DoNotOptimize(out.data());
  }
  deflateEnd(&z);
  report(state, chunks, packed);
}

/// libdeflate's zlib wrapper at `level` (checked to inflate back to the chunk once).
void BM_Libdeflate(benchmark::State& state) {
  const int data = static_cast<int>(state.range(0));
  const int level = static_cast<int>(state.range(1));
  const auto& chunks = data_of(data);
  libdeflate_compressor* compressor = libdeflate_alloc_compressor(level);
  if (compressor == nullptr) throw std::runtime_error("libdeflate_alloc_compressor");
  Chunk out, back;
  for (const auto& chunk : chunks) {
    out.resize(libdeflate_zlib_compress_bound(compressor, chunk.size()));
    const std::size_t n = libdeflate_zlib_compress(compressor, chunk.data(), chunk.size(), out.data(), out.size());
    back.resize(chunk.size());
    uLongf size = static_cast<uLongf>(back.size());
    if (n == 0 || uncompress(back.data(), &size, out.data(), static_cast<uLong>(n)) != Z_OK || back != chunk)
      throw std::runtime_error("libdeflate's stream does not inflate back");
  }
  std::size_t packed = 0;
  for (auto _ : state) {
    packed = 0;
    for (const auto& chunk : chunks) {
      out.resize(libdeflate_zlib_compress_bound(compressor, chunk.size()));
      packed += libdeflate_zlib_compress(compressor, chunk.data(), chunk.size(), out.data(), out.size());
    }
    benchmark::DoNotOptimize(out.data());
  }
  libdeflate_free_compressor(compressor);
  report(state, chunks, packed);
}

/// What the output uses: io::ChunkDeflater, `runs` for the trajectory and integer columns,
/// `general` for floats.
void BM_ChunkDeflater(benchmark::State& state) {
  const int data = static_cast<int>(state.range(0));
  const auto& chunks = data_of(data);
  io::ChunkDeflater deflater(data == 2 ? io::ChunkDeflater::Strategy::general : io::ChunkDeflater::Strategy::runs);
  std::size_t packed = 0;
  for (auto _ : state) {
    packed = 0;
    for (const auto& chunk : chunks) packed += deflater.compress(chunk).size();
  }
  report(state, chunks, packed);
}

}  // namespace

BENCHMARK(BM_ChunkDeflater)->ArgNames({"data"})->DenseRange(0, 2)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Zlib)->ArgNames({"data"})->DenseRange(0, 2)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Libdeflate)
    ->ArgNames({"data", "level"})
    ->ArgsProduct({{0, 1, 2}, {1, 2, 3, 6}})
    ->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
