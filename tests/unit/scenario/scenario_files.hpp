#pragma once
// Helpers for the loader tests: write YAML inputs to a fresh temporary directory so that each
// test shows its input, and find where in a text an error should point.
#include <catch2/catch.hpp>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include "core/errors.hpp"

namespace kokeilu::testing {

/// A temporary directory of files, removed with the object.
class TempFiles {
 public:
  TempFiles() {
    static std::atomic<int> counter{0};
    dir_ = std::filesystem::temp_directory_path() /
           ("kokeilu-scenario-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  ~TempFiles() {
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }
  TempFiles(const TempFiles&) = delete;
  TempFiles& operator=(const TempFiles&) = delete;

  /// Writes `text` to `name` in the directory and returns its path.
  std::filesystem::path write(const std::string& name, const std::string& text) const {
    const auto file = dir_ / name;
    std::ofstream(file, std::ios::binary) << text;
    return file;
  }
  std::filesystem::path path(const std::string& name) const { return dir_ / name; }
  const std::filesystem::path& dir() const { return dir_; }

 private:
  std::filesystem::path dir_;
};

/// 1-based line and column of the first occurrence of `needle` in `text`.
struct TextPosition {
  int line = 0;
  int column = 0;
};
inline TextPosition position_of(const std::string& text, const std::string& needle) {
  const auto at = text.find(needle);
  REQUIRE(at != std::string::npos);
  const auto line_start = text.rfind('\n', at);
  const auto column = line_start == std::string::npos ? at : at - line_start - 1;
  return {static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n')) + 1,
          static_cast<int>(column) + 1};
}

/// The ConfigError that `load` throws; fails the test if it throws nothing or something else.
template <typename F>
ConfigError config_error_of(F&& load) {
  try {
    load();
  } catch (const ConfigError& e) {
    return e;
  } catch (const std::exception& e) {
    FAIL("expected a ConfigError, got: " << e.what());
  }
  FAIL("expected a ConfigError, nothing was thrown");
  throw std::logic_error("unreachable");
}

}  // namespace kokeilu::testing
