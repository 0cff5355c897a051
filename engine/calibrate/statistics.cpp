#include "calibrate/statistics.hpp"

#include <array>
#include <cmath>
#include <limits>

#include "core/vocabulary.hpp"

namespace kokeilu::calibrate {

namespace {

constexpr std::array<QuantityInfo, 13> kQuantities{{
    {Quantity::job_hazard, "job_hazard", Qualifier::bracket, "per month",
     "hazard of leaving unemployment for an open job, monthly equivalent of the pooled weekly hazard"},
    {Quantity::service_hazard, "service_hazard", Qualifier::bracket, "per month",
     "hazard of leaving unemployment for a placed service (training, rehabilitative work, pay subsidy, "
     "work trial), monthly equivalent"},
    {Quantity::stock_share, "stock_share", Qualifier::bracket, "share",
     "share of the unemployed stock (at week starts) whose spell so far is in the bracket"},
    {Quantity::long_term_share, "long_term_share", Qualifier::municipality, "share",
     "unemployed 52+ weeks / unemployed, at week ends"},
    {Quantity::activation_rate, "activation_rate", Qualifier::municipality, "share",
     "persons in activating services / (unemployed + in activating services), at week ends"},
    {Quantity::unemployment_rate, "unemployment_rate", Qualifier::municipality, "share",
     "unemployed / (employed + subsidised + unemployed), at week ends"},
    {Quantity::employment_rate, "employment_rate", Qualifier::municipality, "share",
     "(employed + subsidised) / persons of working age, at week ends"},
    {Quantity::mean_spell_weeks, "mean_spell_weeks", Qualifier::none, "weeks",
     "mean spell so far of the unemployed stock, at week starts"},
    {Quantity::median_spell_weeks, "median_spell_weeks", Qualifier::none, "weeks",
     "median spell so far of the unemployed stock, at week starts, interpolated within its bracket "
     "(undefined if it falls in the open-ended bracket)"},
    {Quantity::copayment_eur_per_year, "copayment_eur_per_year", Qualifier::municipality, "EUR per year",
     "municipal co-payment of the labour market subsidy, summed over the period and scaled to a year"},
    {Quantity::pilot_clients, "pilot_clients", Qualifier::municipality, "persons",
     "persons who have ever been clients of the pilot, at the end of the period"},
    {Quantity::pilot_entries_per_year, "pilot_entries_per_year", Qualifier::municipality, "persons per year",
     "persons becoming clients of the pilot, per year of the period"},
    {Quantity::service_share, "service_share", Qualifier::service, "share",
     "persons in one activating service (its status) / persons in activating services, at week ends"},
}};

constexpr double kWeeksPerYear = 365.25 / 7.0;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double ratio(double num, double den) { return den > 0 ? num / den : kNaN; }

std::string known_quantities() {
  std::string text;
  for (const auto& q : kQuantities) text += (text.empty() ? "" : ", ") + std::string(q.name);
  return text;
}

/// Status counts at week ends of the area (m = -1: the region), summed over the period.
std::array<double, kStatusCount> status_sums(const PooledWeeks& p, int m) {
  std::array<double, kStatusCount> sums{};
  for (int w = p.first; w <= p.last; ++w) {
    const auto& t = p.weeks[static_cast<std::size_t>(w)];
    for (int k = 0; k < t.municipalities; ++k)
      if (m < 0 || k == m)
        for (int s = 0; s < kStatusCount; ++s)
          sums[s] += static_cast<double>(t.status_counts[static_cast<std::size_t>(k * kStatusCount + s)]);
  }
  return sums;
}

/// Sum over the period and the area of a per-municipality counter.
template <class Field>
double area_sum(const PooledWeeks& p, int m, Field field, int first, int last) {
  double sum = 0;
  for (int w = first; w <= last; ++w) {
    const auto& t = p.weeks[static_cast<std::size_t>(w)];
    const auto& values = t.*field;
    const std::size_t per = values.size() / static_cast<std::size_t>(std::max(t.municipalities, 1));
    for (int k = 0; k < t.municipalities; ++k)
      if (m < 0 || k == m)
        for (std::size_t j = 0; j < per; ++j) sum += static_cast<double>(values[static_cast<std::size_t>(k) * per + j]);
  }
  return sum;
}

/// Sum over the period of a per-bracket counter (b = -1: every bracket).
double bracket_sum(const PooledWeeks& p, const std::vector<std::int64_t> sim::WeekTotals::*field, int b) {
  double sum = 0;
  for (int w = p.first; w <= p.last; ++w) {
    const auto& values = p.weeks[static_cast<std::size_t>(w)].*field;
    for (int k = 0; k < scenario::kDurationBracketCount; ++k)
      if (b < 0 || k == b) sum += static_cast<double>(values[static_cast<std::size_t>(k)]);
  }
  return sum;
}

/// Persons in activating services among status counts.
double in_services(const std::array<double, kStatusCount>& counts) {
  double services = 0;
  for (int k = 0; k < kStatusCount; ++k)
    if (is_activating_service(static_cast<Status>(k))) services += counts[static_cast<std::size_t>(k)];
  return services;
}

double median_spell(const PooledWeeks& p) {
  const double total = bracket_sum(p, &sim::WeekTotals::unemployed_at_risk, -1);
  if (!(total > 0)) return kNaN;
  double below = 0;
  for (int b = 0; b + 1 < scenario::kDurationBracketCount; ++b) {
    const double in = bracket_sum(p, &sim::WeekTotals::unemployed_at_risk, b);
    if (below + in >= total / 2 && in > 0) {
      const double lo = scenario::kDurationBracketStartWeeks[static_cast<std::size_t>(b)];
      const double hi = scenario::kDurationBracketStartWeeks[static_cast<std::size_t>(b + 1)];
      return lo + (hi - lo) * (total / 2 - below) / in;
    }
    below += in;
  }
  return kNaN;
}

}  // namespace

std::span<const QuantityInfo> quantity_table() { return kQuantities; }

double monthly_from_weekly(double weekly) { return 1.0 - std::pow(1.0 - weekly, 52.0 / 12.0); }
double weekly_from_monthly(double monthly) { return 1.0 - std::pow(1.0 - monthly, 12.0 / 52.0); }

std::optional<Statistic> parse_statistic(std::string_view name, const scenario::ScenarioSpec& spec, std::string& why) {
  const auto dot = name.find('.');
  const std::string_view head = name.substr(0, dot);
  const std::string_view qualifier = dot == std::string_view::npos ? std::string_view{} : name.substr(dot + 1);
  for (const auto& q : kQuantities) {
    if (q.name != head) continue;
    Statistic s;
    s.quantity = q.quantity;
    s.name = std::string(name);
    if (dot == std::string_view::npos) {
      if (q.qualifier != Qualifier::service) return s;
      why = "`" + std::string(head) + "` needs an activating service's status after a dot (`" + std::string(head) +
            ".training`)";
      return std::nullopt;
    }
    if (q.qualifier == Qualifier::bracket) {
      std::string brackets;
      for (int b = 0; b < scenario::kDurationBracketCount; ++b) {
        if (scenario::kDurationBracketNames[static_cast<std::size_t>(b)] == qualifier) {
          s.bracket = b;
          return s;
        }
        brackets += (b ? ", " : "") + std::string(scenario::kDurationBracketNames[static_cast<std::size_t>(b)]);
      }
      why = "`" + std::string(head) + "` takes a spell bracket: " + brackets;
      return std::nullopt;
    }
    if (q.qualifier == Qualifier::municipality) {
      std::string names;
      for (std::size_t m = 0; m < spec.municipalities.size(); ++m) {
        if (spec.municipalities[m].name == qualifier) {
          s.municipality = static_cast<int>(m);
          return s;
        }
        names += (m ? ", " : "") + spec.municipalities[m].name;
      }
      why = "`" + std::string(head) + "` takes a municipality of the scenario: " + names;
      return std::nullopt;
    }
    if (q.qualifier == Qualifier::service) {
      std::string names;
      for (int k = 0; k < kStatusCount; ++k) {
        const auto status = static_cast<Status>(k);
        if (!is_activating_service(status)) continue;
        if (kStatusNames[static_cast<std::size_t>(k)] == qualifier) {
          s.status = k;
          return s;
        }
        names += (names.empty() ? "" : ", ") + std::string(kStatusNames[static_cast<std::size_t>(k)]);
      }
      why = "`" + std::string(head) + "` takes an activating service's status: " + names;
      return std::nullopt;
    }
    why = "`" + std::string(head) + "` takes no qualifier";
    return std::nullopt;
  }
  why = "no statistic `" + std::string(head) + "`; the statistics are " + known_quantities() +
        " (docs/calibration.md)";
  return std::nullopt;
}

double compute(const Statistic& s, const PooledWeeks& p) {
  const int m = s.municipality;
  const double weeks = p.last - p.first + 1;
  const double reps = p.replications;
  auto status = [&] { return status_sums(p, m); };
  auto n = [](const std::array<double, kStatusCount>& c, Status st) { return c[static_cast<int>(st)]; };
  switch (s.quantity) {
    case Quantity::job_hazard:
      return monthly_from_weekly(ratio(bracket_sum(p, &sim::WeekTotals::found_job, s.bracket),
                                       bracket_sum(p, &sim::WeekTotals::unemployed_at_risk, s.bracket)));
    case Quantity::service_hazard:
      return monthly_from_weekly(ratio(bracket_sum(p, &sim::WeekTotals::entered_service, s.bracket),
                                       bracket_sum(p, &sim::WeekTotals::unemployed_at_risk, s.bracket)));
    case Quantity::stock_share:
      return ratio(bracket_sum(p, &sim::WeekTotals::unemployed_at_risk, s.bracket),
                   bracket_sum(p, &sim::WeekTotals::unemployed_at_risk, -1));
    case Quantity::long_term_share:
      return ratio(area_sum(p, m, &sim::WeekTotals::long_term_unemployed, p.first, p.last),
                   n(status(), Status::unemployed));
    case Quantity::activation_rate: {
      const auto c = status();
      return ratio(in_services(c), in_services(c) + n(c, Status::unemployed));
    }
    case Quantity::service_share: {
      const auto c = status();
      return ratio(c[static_cast<std::size_t>(s.status)], in_services(c));
    }
    case Quantity::unemployment_rate: {
      const auto c = status();
      const double working = n(c, Status::employed) + n(c, Status::subsidised_job);
      return ratio(n(c, Status::unemployed), working + n(c, Status::unemployed));
    }
    case Quantity::employment_rate: {
      const auto c = status();
      double persons = 0;
      for (double x : c) persons += x;
      return ratio(n(c, Status::employed) + n(c, Status::subsidised_job), persons);
    }
    case Quantity::mean_spell_weeks: {
      double spell_weeks = 0;
      for (int w = p.first; w <= p.last; ++w)
        spell_weeks += static_cast<double>(p.weeks[static_cast<std::size_t>(w)].unemployed_spell_weeks[0]);
      return ratio(spell_weeks, bracket_sum(p, &sim::WeekTotals::unemployed_at_risk, -1));
    }
    case Quantity::median_spell_weeks: return median_spell(p);
    case Quantity::copayment_eur_per_year:
      return area_sum(p, m, &sim::WeekTotals::copayment, p.first, p.last) / 100.0 / reps / weeks * kWeeksPerYear;
    case Quantity::pilot_clients:
      return area_sum(p, m, &sim::WeekTotals::ever_pilot_clients, p.last, p.last) / reps;
    case Quantity::pilot_entries_per_year:
      return area_sum(p, m, &sim::WeekTotals::pilot_entries, p.first, p.last) / reps / weeks * kWeeksPerYear;
  }
  return kNaN;
}

}  // namespace kokeilu::calibrate
