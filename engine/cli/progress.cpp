#include "cli/progress.hpp"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <memory>

namespace kokeilu::cli {

std::function<void(int, int)> run_progress(std::int64_t persons) {
  if (!isatty(STDERR_FILENO)) return {};
  const auto started = std::chrono::steady_clock::now();
  return [persons, started](int done, int total) {
    if (done % 4 != 0 && done != total) return;
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    const double rate = seconds > 0 ? static_cast<double>(persons) * done / seconds / 1e6 : 0.0;
    std::fprintf(stderr, "\rweek %d/%d (%3d%%)  %.1f M agent-weeks/s ", done, total, 100 * done / total, rate);
    if (done == total) std::fprintf(stderr, "\n");
  };
}

std::function<void(std::uint64_t, std::uint64_t)> comparison_progress() {
  if (!isatty(STDERR_FILENO)) return {};
  const auto started = std::chrono::steady_clock::now();
  auto last_percent = std::make_shared<int>(-1);
  return [started, last_percent](std::uint64_t done, std::uint64_t total) {
    const int percent = static_cast<int>(100 * done / std::max<std::uint64_t>(total, 1));
    if (percent == *last_percent) return;
    *last_percent = percent;
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    const double rate = seconds > 0 ? static_cast<double>(done) / seconds / 1e6 : 0.0;
    std::fprintf(stderr, "\r%3d%% of %.0f M agent-weeks  %.1f M agent-weeks/s ", percent,
                 static_cast<double>(total) / 1e6, rate);
    if (done >= total) std::fprintf(stderr, "\n");
  };
}

}  // namespace kokeilu::cli
