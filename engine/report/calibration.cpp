#include "report/calibration.hpp"

#include <cmath>
#include <cstdio>

namespace kokeilu::report {

double weekly_from_monthly(double monthly_hazard) {
  return 1.0 - std::pow(1.0 - monthly_hazard, 12.0 / 52.0);
}

std::vector<CalibrationRow> calibration_table(const scenario::BehaviourSpec& behaviour,
                                              const TotalsRecorder& recorder, int burn_in_weeks) {
  std::vector<CalibrationRow> rows;
  if (behaviour.target_monthly_job_finding.empty()) return rows;
  for (int b = 0; b < scenario::kDurationBracketCount; ++b) {
    CalibrationRow row;
    row.bracket = std::string(scenario::kDurationBracketNames[b]);
    for (std::size_t w = static_cast<std::size_t>(burn_in_weeks); w < recorder.weeks().size(); ++w) {
      row.at_risk += recorder.weeks()[w].unemployed_at_risk[b];
      row.found_job += recorder.weeks()[w].found_job[b];
    }
    row.simulated_weekly = row.at_risk > 0 ? static_cast<double>(row.found_job) / static_cast<double>(row.at_risk) : 0.0;
    row.target_weekly = weekly_from_monthly(behaviour.target_monthly_job_finding[b]);
    row.relative_error = row.simulated_weekly / row.target_weekly - 1.0;
    rows.push_back(row);
  }
  return rows;
}

bool within_tolerance(const std::vector<CalibrationRow>& rows, double tolerance) {
  for (const auto& row : rows)
    if (!(std::fabs(row.relative_error) <= tolerance)) return false;
  return true;
}

std::string format_calibration(const std::vector<CalibrationRow>& rows, double tolerance) {
  std::string text = "Weekly hazard of leaving unemployment for an open job, by spell bracket\n";
  char line[200];
  std::snprintf(line, sizeof line, "%-16s %12s %10s %10s %10s %9s\n", "bracket", "person-weeks",
                "job finds", "simulated", "target", "error");
  text += line;
  for (const auto& r : rows) {
    std::snprintf(line, sizeof line, "%-16s %12lld %10lld %10.5f %10.5f %+8.1f%%%s\n", r.bracket.c_str(),
                  static_cast<long long>(r.at_risk), static_cast<long long>(r.found_job),
                  r.simulated_weekly, r.target_weekly, 100 * r.relative_error,
                  std::fabs(r.relative_error) <= tolerance ? "" : "  <- outside tolerance");
    text += line;
  }
  std::snprintf(line, sizeof line, "Tolerance: %.0f%% relative per bracket: %s\n", 100 * tolerance,
                within_tolerance(rows, tolerance) ? "met" : "NOT met");
  text += line;
  return text;
}

}  // namespace kokeilu::report
