#include "cli/progress.hpp"

#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <memory>
#include <string>

#include <fmt/format.h>

namespace kokeilu::cli {

namespace {

using Clock = std::chrono::steady_clock;

/// "2h05m", "3m07s", "42s"
std::string duration_text(double seconds) {
  const auto s = static_cast<long long>(std::llround(seconds));
  if (s >= 3600) return fmt::format("{}h{:02}m", s / 3600, s / 60 % 60);
  if (s >= 60) return fmt::format("{}m{:02}s", s / 60, s % 60);
  return fmt::format("{}s", s);
}

/// Rate and time left of `done` out of `total` units since `started`, and whether a line is due:
/// at most four lines a second, and always the last.
class Pace {
 public:
  bool due(std::uint64_t done, std::uint64_t total) {
    const auto now = Clock::now();
    if (done < total && now - last_line_ < std::chrono::milliseconds(250)) return false;
    last_line_ = now;
    return true;
  }
  /// "ETA 3m07s  12.4 M agent-weeks/s" (no ETA before anything is done)
  std::string text(std::uint64_t done, std::uint64_t total, double units_per_done) const {
    const double seconds = std::chrono::duration<double>(Clock::now() - started_).count();
    if (done == 0 || seconds <= 0) return "";
    const double eta = seconds * static_cast<double>(total - std::min(done, total)) / static_cast<double>(done);
    return fmt::format("ETA {}  {:.1f} M agent-weeks/s", duration_text(eta),
                       units_per_done * static_cast<double>(done) / seconds / 1e6);
  }

 private:
  Clock::time_point started_ = Clock::now();
  Clock::time_point last_line_{};
};

/// Overwrites the line on the terminal ("\x1b[K" clears what a longer line left).
void show(const std::string& line, bool last) {
  std::fprintf(stderr, "\r%s\x1b[K%s", line.c_str(), last ? "\n" : "");
  std::fflush(stderr);
}

}  // namespace

std::function<void(int, int)> run_progress(std::int64_t persons) {
  if (!isatty(STDERR_FILENO)) return {};
  auto pace = std::make_shared<Pace>();
  return [persons, pace](int done, int total) {
    if (!pace->due(static_cast<std::uint64_t>(done), static_cast<std::uint64_t>(total))) return;
    show(fmt::format("week {}/{} ({:3}%)  {}", done, total, 100 * done / std::max(total, 1),
                     pace->text(static_cast<std::uint64_t>(done), static_cast<std::uint64_t>(total),
                                static_cast<double>(persons))),
         done >= total);
  };
}

std::function<void(const compare::ComparisonProgress&)> comparison_progress() {
  if (!isatty(STDERR_FILENO)) return {};
  auto pace = std::make_shared<Pace>();
  return [pace](const compare::ComparisonProgress& p) {
    if (!pace->due(p.agent_weeks_done, p.agent_weeks_total)) return;
    const std::string where = p.own_history ? fmt::format("history of replication {} of {}", p.replication + 1,
                                                          p.replications)
                              : p.arm.empty() ? std::string("shared history")
                                            : fmt::format("arm {}, replication {} of {}", p.arm, p.replication + 1,
                                                          p.replications);
    show(fmt::format("{:3}%  {}  {}", 100 * p.agent_weeks_done / std::max<std::uint64_t>(p.agent_weeks_total, 1), where,
                     pace->text(p.agent_weeks_done, p.agent_weeks_total, 1.0)),
         p.agent_weeks_done >= p.agent_weeks_total);
  };
}

}  // namespace kokeilu::cli
