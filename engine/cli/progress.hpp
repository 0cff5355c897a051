#pragma once
// Progress lines on stderr, only when a person is watching (stderr is a terminal).
#include <cstdint>
#include <functional>

namespace kokeilu::cli {

/// For `run`: week done of total, agent-weeks per second. Empty when stderr is not a terminal.
std::function<void(int, int)> run_progress(std::int64_t persons);

/// For `compare`: share of agent-weeks done, rate. Empty when stderr is not a terminal.
std::function<void(std::uint64_t, std::uint64_t)> comparison_progress();

}  // namespace kokeilu::cli
