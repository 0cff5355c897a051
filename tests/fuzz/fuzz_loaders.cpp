// libFuzzer harness over the three loaders (scenario, comparison, design). Each input is written
// as one YAML file into a folder beside the shipped regions, behaviour, benefits and designs, so
// that includes such as `region: regions/satakunta.yaml` resolve and the readers behind them are
// reached. The loaders promise that bad input gives a ConfigError and nothing else: any other
// exception, a crash, a sanitizer report, a hang or a blow-up of memory is a finding.
// Build and run: tests/fuzz/README.md.
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <string>

#include "core/errors.hpp"
#include "scenario/load.hpp"

namespace {

namespace fs = std::filesystem;

fs::path g_folder;
fs::path g_input;

// remove_all removes the symbolic links, never what they point to.
void remove_folder() {
  std::error_code ignored;
  fs::remove_all(g_folder, ignored);
}

template <typename Load>
void expect_only_config_errors(const char* loader, Load&& load) {
  try {
    load(g_input);
  } catch (const kokeilu::ConfigError&) {
    // the promised outcome of bad input
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s threw something other than a ConfigError: %s\n", loader, e.what());
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  char folder_template[] = "/tmp/kokeilu-fuzz-XXXXXX";
  const char* folder = ::mkdtemp(folder_template);
  if (folder == nullptr) std::abort();
  const fs::path scenarios = fs::path(KOKEILU_SOURCE_DIR) / "scenarios";
  for (const char* part : {"regions", "behaviour", "benefits", "designs"})
    fs::create_directory_symlink(scenarios / part, fs::path(folder) / part);
  g_folder = folder;
  g_input = g_folder / "input.yaml";
  std::atexit(remove_folder);  // a normal end; after a finding the small folder stays
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  {
    std::ofstream out(g_input, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  expect_only_config_errors("load_scenario", [](const fs::path& f) { (void)kokeilu::scenario::load_scenario(f); });
  expect_only_config_errors("load_comparison", [](const fs::path& f) { (void)kokeilu::scenario::load_comparison(f); });
  expect_only_config_errors("load_design", [](const fs::path& f) { (void)kokeilu::scenario::load_design(f); });
  return 0;
}
