#pragma once
// The statistics a calibration can target, computed from a run's weekly totals (the one place
// they are defined; docs/calibration.md lists them). A statistic is named by its quantity and an
// optional qualifier: a spell bracket (`job_hazard.under_1_month`), a municipality
// (`copayment_eur_per_year.Pori`) or an activating service's status (`service_share.training`,
// which requires it); without one it is the whole region (all brackets).
// Every statistic pools the weeks of a period (and the replications of an evaluation) before it
// divides: a ratio of sums, never a mean of ratios, so that a week with few persons at risk
// weighs what it holds.
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "scenario/spec.hpp"
#include "sim/run_sink.hpp"

namespace kokeilu::calibrate {

enum class Quantity : int {
  job_hazard,              // monthly hazard, unemployed -> open job
  service_hazard,          // monthly hazard, unemployed -> a placed service
  stock_share,             // share of the unemployed stock in a spell bracket
  long_term_share,         // unemployed 52+ weeks / unemployed
  activation_rate,         // in services / (unemployed + in services)
  unemployment_rate,       // unemployed / (employed + subsidised + unemployed)
  employment_rate,         // (employed + subsidised) / persons
  mean_spell_weeks,        // mean spell so far of the unemployed stock
  median_spell_weeks,      // median spell so far of the unemployed stock (within-bracket interpolation)
  copayment_eur_per_year,  // municipal co-payment of the labour market subsidy
  pilot_clients,           // persons ever clients of the pilot, at the period's end
  pilot_entries_per_year,  // persons becoming clients of the pilot
  service_share,           // persons in one activating service / persons in activating services
};

/// What a statistic may be qualified by.
enum class Qualifier { none, bracket, municipality, service };

struct QuantityInfo {
  Quantity quantity;
  std::string_view name;
  Qualifier qualifier;   // the qualifier it accepts (always optional)
  std::string_view unit;
  std::string_view meaning;
};
std::span<const QuantityInfo> quantity_table();

struct Statistic {
  Quantity quantity = Quantity::job_hazard;
  int bracket = -1;       // -1: every bracket
  int municipality = -1;  // -1: the whole region
  int status = -1;        // an activating service's status (service_share)
  std::string name;       // as written
};

/// The statistic `name` names in a scenario, or nullopt with the reason in `why` (an unknown
/// quantity or qualifier; the message lists what is known).
std::optional<Statistic> parse_statistic(std::string_view name, const scenario::ScenarioSpec& spec, std::string& why);

/// Reported weeks first..last (inclusive) of a run, pooled over its replications: the totals of
/// each week summed over the replications.
struct PooledWeeks {
  std::span<const sim::WeekTotals> weeks;  // summed over replications, one per reported week
  int replications = 1;
  int first = 0;
  int last = 0;
};

/// The statistic's value over the period; NaN when it is undefined there (nobody at risk, a
/// median in the open-ended bracket).
double compute(const Statistic& statistic, const PooledWeeks& pooled);

/// Monthly equivalent of a weekly hazard constant within the month, and back.
double monthly_from_weekly(double weekly);
double weekly_from_monthly(double monthly);

}  // namespace kokeilu::calibrate
