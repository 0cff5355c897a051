#include "compare/summary.hpp"

#include <cmath>
#include <cstdio>
#include <sstream>

#include "compare/effects.hpp"
#include "compare/metrics.hpp"
#include "core/calendar.hpp"

namespace kokeilu::compare {

namespace {

struct Column {
  Metric metric;
  const char* heading;
  double scale;       // shares are shown in percentage points
  const char* format;
};

constexpr Column kColumns[] = {
    {Metric::open_employment, "open employment, pp", 100.0, "%+.2f"},
    {Metric::unemployment, "unemployment, pp", 100.0, "%+.2f"},
    {Metric::activation_rate, "activation rate, pp", 100.0, "%+.2f"},
    {Metric::weeks_employed_per_person, "weeks employed/person", 1.0, "%+.3f"},
    {Metric::cost_total_eur, "total cost, EUR/week", 1.0, "%+.0f"},
};

std::string cell(const char* format, double scale, double mean, double low, double high) {
  if (std::isnan(mean)) return "n/a";
  char text[96];
  const std::string f = std::string(format) + " [" + format + ", " + format + "]";
  std::snprintf(text, sizeof text, f.c_str(), mean * scale, low * scale, high * scale);
  return text;
}

void print_table(std::ostringstream& out, const scenario::ComparisonSpec& spec, const ComparisonResult& result,
                 int week, const std::string& title) {
  const auto& groups = result.groups;
  const Calendar calendar(spec.base.run.start, spec.base.run.end);
  out << "\n" << title << " (week " << week << ", starting " << format_date(calendar.week_start(week)) << "):\n";
  char line[512];
  for (std::size_t a = 1; a < spec.arms.size(); ++a) {
    const auto& arm = spec.arms[a].name;
    const auto& effects = result.effects[a];
    const std::vector<std::string> shown{"everyone", "target:" + arm, "non_target:" + arm};
    std::snprintf(line, sizeof line, "  %-24s", arm.c_str());
    out << line;
    for (const auto& group : shown) {
      std::snprintf(line, sizeof line, " %-30s", group == "everyone" ? "everyone" : group.substr(0, group.find(':')).c_str());
      out << line;
    }
    out << "\n";
    for (const auto& c : kColumns) {
      std::snprintf(line, sizeof line, "    %-22s", c.heading);
      out << line;
      for (const auto& group : shown) {
        const auto i = metric_index(week, groups.index_of(group), c.metric, groups.size());
        std::snprintf(line, sizeof line, " %-30s",
                      cell(c.format, c.scale, effects.mean[i], effects.ci_low[i], effects.ci_high[i]).c_str());
        out << line;
      }
      out << "\n";
    }
  }
}

std::string money(double eur) {
  char text[48];
  std::snprintf(text, sizeof text, "%+.0f", eur);
  return text;
}

}  // namespace

std::string cost_effectiveness_line(const CostEffectiveness& ce) {
  std::ostringstream out;
  char number[160];
  if (!ce.estimable) {
    const bool no_change_at_all = ce.extra_work_weeks.low == 0 && ce.extra_work_weeks.high == 0;
    out << (no_change_at_all ? "not estimable (no change in employment in any replication)"
                             : "not estimable (employment change not distinguishable from zero)");
  } else if (std::isnan(ce.ci_low)) {
    std::snprintf(number, sizeof number, "%.0f EUR (one replication: no interval)", ce.eur_per_work_week);
    out << number;
  } else {
    std::snprintf(number, sizeof number, "%.0f EUR [%.0f, %.0f]", ce.eur_per_work_week, ce.ci_low, ce.ci_high);
    out << number;
  }
  if (ce.quadrant != Quadrant::no_change) out << "; " << describe(ce.quadrant);
  std::snprintf(number, sizeof number, "\n      extra cost %s EUR [%s, %s], extra work %+.0f person-weeks [%+.0f, %+.0f]",
                money(ce.extra_cost_eur.mean).c_str(), money(ce.extra_cost_eur.low).c_str(),
                money(ce.extra_cost_eur.high).c_str(), ce.extra_work_weeks.mean, ce.extra_work_weeks.low,
                ce.extra_work_weeks.high);
  out << number;
  return out.str();
}

std::string format_comparison_summary(const scenario::ComparisonSpec& spec, const ComparisonResult& result) {
  std::ostringstream out;
  // Persons in the population in week 0: the everyone group's size in the baseline's first run.
  const std::size_t everyone = result.groups.index_of("everyone");
  const auto persons = static_cast<long long>(
      result.metrics.at(0).at(0).at(metric_index(0, everyone, Metric::group_size, result.groups.size())));
  out << "Comparison " << spec.name << ": " << spec.arms.size() << " arms x " << spec.replications
      << " replications, " << persons << " persons in the population in week 0 (cohorts enter at 15 and leave at "
      << spec.base.behaviour.retirement_age_years << "), " << result.weeks << " weeks after "
      << Calendar(spec.base.run.history_start, spec.base.run.end).week_of(spec.base.run.start)
      << " weeks of shared history\n"
      << "  pilot period: weeks " << result.pilot_start_week << "-" << result.pilot_end_week << " ("
      << format_date(spec.pilot_start) << " to " << format_date(spec.pilot_end) << "), then "
      << (result.weeks - 1 - result.pilot_end_week) << " weeks of follow-up\n"
      << "Effects against the baseline arm '" << spec.arms[0].name
      << "': mean [95 % interval across replications], same persons and random streams in every arm.\n"
      << "Shares in percentage points of the group; money only for groups of whole municipalities.\n"
      << "Columns: everyone; the arm's target group (target:<arm>, unemployed and targeted at the start);\n"
      << "everyone else (non_target:<arm>, where displacement shows).";
  print_table(out, spec, result, result.pilot_end_week, "At the end of the pilot");
  print_table(out, spec, result, result.weeks - 1, "At the end of follow-up");

  out << "\nCost per additional week of employment, whole run, region: mean extra cost / mean extra\n"
      << "person-weeks of work, EUR per week [Fieller 95 % interval across replications]:\n";
  for (std::size_t a = 1; a < spec.arms.size(); ++a) {
    const auto ce = cost_effectiveness(result.metrics[a], result.metrics[0], result.weeks, result.groups.size(), everyone);
    out << "  " << spec.arms[a].name << ": " << cost_effectiveness_line(ce) << "\n";
  }
  // The columns are padded: drop the padding at the ends of lines.
  std::string text = out.str(), trimmed;
  std::istringstream lines(text);
  for (std::string l; std::getline(lines, l);) trimmed += l.substr(0, l.find_last_not_of(' ') + 1) + "\n";
  return trimmed;
}

}  // namespace kokeilu::compare
