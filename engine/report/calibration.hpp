#pragma once
// Calibration check: the simulated weekly hazard of leaving unemployment for an open job, by
// spell bracket, against the scenario's targets (monthly hazards, DOMAIN.md 2015 table).
#include <string>
#include <vector>

#include "report/recorder.hpp"
#include "scenario/spec.hpp"

namespace kokeilu::report {

struct CalibrationRow {
  std::string bracket;
  std::int64_t at_risk = 0;      // person-weeks unemployed at a week's start, in the bracket
  std::int64_t found_job = 0;    // of those, weeks ending in an open job
  double simulated_weekly = 0;   // found_job / at_risk
  double target_weekly = 0;      // 1 - (1 - monthly)^(12/52)
  double relative_error = 0;     // simulated / target - 1
};

/// Weekly equivalent of a monthly hazard, assuming it is constant within the month.
double weekly_from_monthly(double monthly_hazard);

/// Rows for every bracket, pooling weeks from `burn_in_weeks` on (the first weeks reflect the
/// generated initial stock more than the model). Empty if the scenario states no targets.
std::vector<CalibrationRow> calibration_table(const scenario::BehaviourSpec& behaviour,
                                              const TotalsRecorder& recorder, int burn_in_weeks);

/// True if every bracket is within the scenario's relative tolerance.
bool within_tolerance(const std::vector<CalibrationRow>& rows, double tolerance);

std::string format_calibration(const std::vector<CalibrationRow>& rows, double tolerance);

}  // namespace kokeilu::report
