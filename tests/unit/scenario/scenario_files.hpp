#pragma once
// Helpers for the loader tests: write YAML inputs to a fresh temporary directory so that each
// test shows its input, and find where in a text an error should point.
#include <catch2/catch.hpp>

#include "support/temp_folder.hpp"
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include "core/errors.hpp"

namespace kokeilu::testing {

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
