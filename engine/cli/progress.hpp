#pragma once
// Progress lines on stderr, only when a person is watching (stderr is a terminal): how far, how
// fast, an estimate of the time left, and for a comparison which arm and replication is running.
#include <cstdint>
#include <functional>

#include "compare/comparison.hpp"

namespace kokeilu::cli {

/// For `run`: weeks done of all. Empty when stderr is not a terminal.
std::function<void(int, int)> run_progress(std::int64_t persons);

/// For `compare`. Empty when stderr is not a terminal.
std::function<void(const compare::ComparisonProgress&)> comparison_progress();

}  // namespace kokeilu::cli
