#include "calibrate/service_effects.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <ostream>
#include <string>
#include <vector>

#include "calibrate/evaluation.hpp"
#include "core/calendar.hpp"
#include "core/errors.hpp"
#include "scenario/load.hpp"
#include "services/registry.hpp"

namespace kokeilu::calibrate {

namespace {

using scenario::Service;

constexpr int kWeeksPerYear = 52;
/// The services with places, in code order: the coach and the placed services with a status
/// (services/modules.hpp).
const std::vector<Service>& measured_services() {
  static const std::vector<Service> measured = [] {
    std::vector<Service> out{services::Coach::kService};
    services::for_each_status_module([&](auto module, auto) { out.push_back(decltype(module)::type::kService); });
    std::sort(out.begin(), out.end());
    return out;
  }();
  return measured;
}

/// Its places are raised by a share: a placed service off in the baseline has none to raise (the
/// coach's are the module's: always measured).
bool on_in_baseline(const scenario::DesignSpec& design, Service service) {
  bool on = true;
  services::for_each_status_module([&](auto module, auto) {
    using Module = typename decltype(module)::type;
    if (Module::kService == service) on = design.module<Module>().enabled;
  });
  return on;
}

/// More places (and, so that they fill, a higher referral rate) of one service.
void raise(scenario::PlacedServiceSpec& service, double share) {
  service.places_per_10000_persons *= 1 + share;
  service.referral_rate_per_week *= 1 + share;
}

/// The baseline's own process as a pilot for everyone, in force for a year from the run's start,
/// with more places of `service`.
scenario::DesignSpec extra_places_design(const scenario::ScenarioSpec& spec, Service service, double share) {
  scenario::DesignSpec design = spec.baseline_design;
  design.name = "extra-" + std::string(scenario::kServiceNames[static_cast<int>(service)]);
  design.organiser = scenario::Organiser::municipality;
  design.target = {};  // everyone
  design.start = spec.run.start;
  design.end = Date{std::chrono::sys_days{spec.run.start} + std::chrono::days{7 * kWeeksPerYear - 1}};
  if (service == services::Coach::kService) design.module<services::Coach>().coaches_per_10000_persons *= 1 + share;
  services::for_each_status_module([&](auto module, auto) {
    using Module = typename decltype(module)::type;
    if (Module::kService == service) raise(design.module<Module>(), share);
  });
  return design;
}

double employed(const sim::WeekTotals& t) {
  double sum = 0;
  for (int m = 0; m < t.municipalities; ++m)
    sum += static_cast<double>(t.status_counts[static_cast<std::size_t>(m * kStatusCount + static_cast<int>(Status::employed))]);
  return sum;
}

double starts_in_first_year(const std::vector<sim::WeekTotals>& weeks, Service service) {
  double sum = 0;
  for (std::size_t w = 0; w < std::min<std::size_t>(weeks.size(), kWeeksPerYear); ++w)
    for (int m = 0; m < weeks[w].municipalities; ++m)
      sum += static_cast<double>(
          weeks[w].service_starts[static_cast<std::size_t>(m * scenario::kServiceCount + static_cast<int>(service))]);
  return sum;
}

/// Extra open employment, averaged over the weeks of year y, of one run against the baseline's.
double extra_employment(const std::vector<sim::WeekTotals>& variant, const std::vector<sim::WeekTotals>& base, int year) {
  double sum = 0;
  for (int w = year * kWeeksPerYear; w < (year + 1) * kWeeksPerYear; ++w)
    sum += employed(variant[static_cast<std::size_t>(w)]) - employed(base[static_cast<std::size_t>(w)]);
  return sum / kWeeksPerYear;
}

}  // namespace

std::vector<Band> literature_bands(Service service) {
  switch (service) {
    // Training: lock-in first, a gain of about +5 pp after 1-2 years (DOMAIN.md, Card, Kluve &
    // Weber 2018): at most 0 in year 1, +3 to +8 pp in year 2.
    case Service::training: return {{1, -100, 0}, {2, 3, 8}};
    // Job-search assistance and counselling: small, fast: 0 to +3 pp.
    case Service::coach: return {{1, 0, 3}, {2, 0, 3}};
    // Public employment programmes: about 0.
    case Service::rehabilitative_work: return {{1, -2, 2}, {2, -2, 2}};
    default: return {};  // printed, not checked: the literature's bands are for private subsidies
  }
}

bool ServiceEffect::within_bands() const {
  for (const auto& b : bands) {
    if (b.year > static_cast<int>(effect_pp.size())) continue;
    const double e = effect_pp[static_cast<std::size_t>(b.year - 1)];
    const double se = standard_error_pp[static_cast<std::size_t>(b.year - 1)];
    const double margin = std::isfinite(se) ? 2 * se : 0.0;
    if (!(e + margin >= b.low_pp && e - margin <= b.high_pp)) return false;
  }
  return true;
}

std::vector<ServiceEffect> measure_service_effects(const scenario::ScenarioSpec& spec, const ServiceEffectsOptions& o) {
  const int weeks = Calendar(spec.run.start, spec.run.end).weeks();
  if (weeks < o.years * kWeeksPerYear)
    throw InputError(spec.source_file + ": the run lasts " + std::to_string(weeks) + " weeks; a profile of " +
                     std::to_string(o.years) + " years needs " + std::to_string(o.years * kWeeksPerYear));
  if (spec.pilot_design)
    throw InputError(spec.source_file + ": give a scenario without a pilot design: the extra places are added to its baseline");
  for (const auto& name : o.services) {
    bool known = false;
    std::string names;
    for (const Service s : measured_services()) {
      known = known || scenario::kServiceNames[static_cast<int>(s)] == name;
      names += (names.empty() ? "" : (s == measured_services().back() ? " or " : ", ")) +
               std::string(scenario::kServiceNames[static_cast<int>(s)]);
    }
    if (!known) throw InputError("no service `" + name + "` with places: " + names);
    for (const Service s : measured_services())
      if (scenario::kServiceNames[static_cast<int>(s)] == name && !on_in_baseline(spec.baseline_design, s))
        throw InputError(spec.source_file + ": `" + name + "` is off in the baseline: no places to raise");
  }
  const auto base = replicated_runs(spec, spec.run.seed, o.replications, o.threads, o.interrupt);
  std::vector<ServiceEffect> out;
  for (const Service service : measured_services()) {
    const auto name = scenario::kServiceNames[static_cast<int>(service)];
    if (!o.services.empty() && std::find(o.services.begin(), o.services.end(), name) == o.services.end()) continue;
    if (!on_in_baseline(spec.baseline_design, service)) continue;  // none to raise (self-motivated study, off)
    scenario::ScenarioSpec variant_spec = spec;
    variant_spec.pilot_design = extra_places_design(spec, service, o.extra_places_share);
    const auto variant = replicated_runs(variant_spec, spec.run.seed, o.replications, o.threads, o.interrupt);
    ServiceEffect e;
    e.service = service;
    e.bands = literature_bands(service);
    double extra_starts = 0;
    std::vector<double> per_replication_starts;
    for (int r = 0; r < o.replications; ++r) {
      per_replication_starts.push_back(starts_in_first_year(variant[static_cast<std::size_t>(r)], service) -
                                       starts_in_first_year(base[static_cast<std::size_t>(r)], service));
      extra_starts += per_replication_starts.back();
    }
    e.extra_starts = extra_starts / o.replications;
    for (int y = 0; y < o.years; ++y) {
      // The pooled ratio; its spread from the replications' own ratios.
      double extra = 0;
      std::vector<double> ratios;
      for (int r = 0; r < o.replications; ++r) {
        const double x = extra_employment(variant[static_cast<std::size_t>(r)], base[static_cast<std::size_t>(r)], y);
        extra += x;
        if (per_replication_starts[static_cast<std::size_t>(r)] > 0)
          ratios.push_back(100 * x / per_replication_starts[static_cast<std::size_t>(r)]);
      }
      e.effect_pp.push_back(extra_starts > 0 ? 100 * extra / extra_starts : std::numeric_limits<double>::quiet_NaN());
      double se = std::numeric_limits<double>::quiet_NaN();
      if (ratios.size() > 1) {
        double mean = 0, ss = 0;
        for (double r : ratios) mean += r / static_cast<double>(ratios.size());
        for (double r : ratios) ss += (r - mean) * (r - mean);
        se = std::sqrt(ss / static_cast<double>(ratios.size() - 1) / static_cast<double>(ratios.size()));
      }
      e.standard_error_pp.push_back(se);
    }
    out.push_back(std::move(e));
  }
  return out;
}

std::string format_service_effects(const std::vector<ServiceEffect>& effects, const ServiceEffectsOptions& o) {
  std::string text;
  char line[256];
  std::snprintf(line, sizeof line,
                "Aggregate open employment per extra start, percentage points (places +%.0f%% for one year;\n"
                "%d replications; +- one standard error across them)\n",
                100 * o.extra_places_share, o.replications);
  text += line;
  std::snprintf(line, sizeof line, "%-20s %12s", "service", "extra starts");
  text += line;
  for (int y = 1; y <= o.years; ++y) {
    std::snprintf(line, sizeof line, "   %15s", ("year " + std::to_string(y)).c_str());
    text += line;
  }
  text += "   literature band\n";
  for (const auto& e : effects) {
    std::snprintf(line, sizeof line, "%-20s %12.0f", std::string(scenario::kServiceNames[static_cast<int>(e.service)]).c_str(),
                  e.extra_starts);
    text += line;
    for (std::size_t y = 0; y < e.effect_pp.size(); ++y) {
      std::snprintf(line, sizeof line, "   %+7.2f +- %4.2f", e.effect_pp[y], e.standard_error_pp[y]);
      text += line;
    }
    std::string bands;
    for (const auto& b : e.bands) {
      if (b.low_pp <= -100)  // no lower bound
        std::snprintf(line, sizeof line, "%syear %d: <= %+.0f", bands.empty() ? "" : ", ", b.year, b.high_pp);
      else
        std::snprintf(line, sizeof line, "%syear %d: %+.0f..%+.0f", bands.empty() ? "" : ", ", b.year, b.low_pp, b.high_pp);
      bands += line;
    }
    text += "   " + (bands.empty() ? std::string("(none checked)") : bands + (e.within_bands() ? "  ok (within 2 s.e.)" : "  OUTSIDE")) + "\n";
  }
  return text;
}

int run_service_effects(const ServiceEffectsOptions& options, std::ostream& out) {
  const auto spec = scenario::load_scenario(options.scenario_file);
  const auto effects = measure_service_effects(spec, options);
  out << format_service_effects(effects, options);
  bool all = true;
  for (const auto& e : effects) all = all && e.within_bands();
  out << (all ? "Every checked service is within its band.\n" : "Some service is OUTSIDE its band.\n");
  return all ? 0 : 1;
}

}  // namespace kokeilu::calibrate
