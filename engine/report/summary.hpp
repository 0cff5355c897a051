#pragma once
// The end-of-run summary printed by `kokeilu run`: rates at the last week and the municipal
// co-payment over the whole run, by municipality and for the region.
#include <string>
#include <vector>

#include "report/json.hpp"
#include "report/recorder.hpp"
#include "scenario/spec.hpp"

namespace kokeilu::report {

struct AreaSummary {
  std::string name;
  std::int64_t persons = 0;
  double employment_rate = 0;    // (employed + subsidised) / persons simulated
  double unemployment_rate = 0;  // unemployed / (employed + subsidised + unemployed)
  double long_term_share = 0;    // unemployed 52+ weeks / unemployed
  double activation_rate = 0;    // kokeilu::activation_rate (NaN with nobody unemployed or in services)
  double copayment_eur = 0;      // municipal co-payment, whole run
};

struct RunSummary {
  std::string last_week_start;  // ISO date
  int weeks = 0;
  AreaSummary region;
  std::vector<AreaSummary> municipalities;
};

RunSummary summarise(const scenario::ScenarioSpec& spec, const TotalsRecorder& recorder);
std::string format_summary(const RunSummary& summary);
/// The summary for `kokeilu run --json`: rates as fractions, money in EUR (fields: docs/cli-json.md).
Json summary_json(const RunSummary& summary);

}  // namespace kokeilu::report
