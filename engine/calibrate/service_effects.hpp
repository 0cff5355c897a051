#pragma once
// `kokeilu service-effects SCENARIO`: what one extra start of each service does to aggregate
// employment, year by year. For each service the scenario is run again with the service's places
// (and its referral rate, so that they fill) raised for one year from the run's start (a pilot
// design that is the baseline's own process, for
// everyone, with more places of that service: law 1 makes everything else identical), on the
// same random streams. The effect in year y is the extra persons in open employment, averaged
// over the weeks of year y, per extra start of the service in the first year, in percentage
// points. It is aggregate: displacement (a trainee's job taken from another jobseeker through
// the matching market) is counted. Checked against broad bands from the literature
// (DOMAIN.md: Card, Kluve & Weber 2018).
#include <atomic>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "scenario/spec.hpp"

namespace kokeilu::calibrate {

struct ServiceEffectsOptions {
  std::string scenario_file;
  int threads = 0;
  int replications = 4;
  int years = 3;                     // years of the profile (the run must last that long)
  double extra_places_share = 1.0;   // extra places, a share of the baseline's (1: doubled)
  std::vector<std::string> services; // names (kServiceNames); empty: every service with places
  const std::atomic<bool>* interrupt = nullptr;
};

/// A band of the literature for one year of the profile.
struct Band {
  int year = 1;  // 1-based
  double low_pp = 0;
  double high_pp = 0;
};

struct ServiceEffect {
  scenario::Service service{};
  double extra_starts = 0;                // per replication, in the year of extra places
  std::vector<double> effect_pp;          // per year: extra open employment per extra start x 100
  std::vector<double> standard_error_pp;  // across replications (NaN with one replication)
  std::vector<Band> bands;                // empty: no band to check
  /// True unless some year's effect is outside its band by more than two standard errors (the
  /// profile is measured with noise: a service with few extra starts is checked loosely).
  bool within_bands() const;
};

/// The bands each service's profile is checked against (DOMAIN.md).
std::vector<Band> literature_bands(scenario::Service service);

/// Runs the baseline and one variant per service. @throws ConfigError, Interrupted
std::vector<ServiceEffect> measure_service_effects(const scenario::ScenarioSpec& spec, const ServiceEffectsOptions& options);

std::string format_service_effects(const std::vector<ServiceEffect>& effects, const ServiceEffectsOptions& options);

/// Runs the command: prints the table; exit status 0 when every band holds, 1 otherwise.
int run_service_effects(const ServiceEffectsOptions& options, std::ostream& out);

}  // namespace kokeilu::calibrate
