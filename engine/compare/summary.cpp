#include "compare/summary.hpp"

#include <cmath>
#include <sstream>

#include "compare/effects.hpp"
#include "compare/metrics.hpp"
#include "core/calendar.hpp"
#include "report/text_table.hpp"

namespace kokeilu::compare {

namespace {

struct Column {
  Metric metric;
  const char* heading;
  double scale;  // shares are shown in percentage points
  int decimals;
};

constexpr Column kColumns[] = {
    {Metric::open_employment, "open employment, pp", 100.0, 2},
    {Metric::unemployment, "unemployment, pp", 100.0, 2},
    {Metric::activation_rate, "activation rate, pp", 100.0, 2},
    {Metric::weeks_employed_per_person, "weeks employed/person", 1.0, 3},
    {Metric::cost_total_eur, "total cost, EUR/week", 1.0, 0},
};

/// "+0.12 [-0.01, +0.30]", "+12,345 [+1,000, +20,000]"
std::string cell(const Column& column, double mean, double low, double high) {
  if (std::isnan(mean)) return "n/a";
  const auto number = [&](double value) { return report::grouped(value * column.scale, column.decimals, true); };
  return number(mean) + " [" + number(low) + ", " + number(high) + "]";
}

void print_table(std::ostringstream& out, const scenario::ComparisonSpec& spec, const ComparisonResult& result,
                 int week, const std::string& title) {
  const auto& groups = result.groups;
  const Calendar calendar(spec.base.run.start, spec.base.run.end);
  out << "\n" << title << " (week " << week << ", starting " << format_date(calendar.week_start(week)) << "):\n";
  using report::Align;
  report::TextTable table({Align::left, Align::left, Align::left, Align::left}, 2, 3);
  for (std::size_t a = 1; a < spec.arms.size(); ++a) {
    const auto& arm = spec.arms[a].name;
    const auto& effects = result.effects[a];
    const std::vector<std::string> shown{"everyone", "target:" + arm, "non_target:" + arm};
    table.add_row({arm, "everyone", "target", "non_target"});
    for (const auto& c : kColumns) {
      std::vector<std::string> row{std::string("  ") + c.heading};
      for (const auto& group : shown) {
        const auto i = metric_index(week, groups.index_of(group), c.metric, groups.size());
        row.push_back(cell(c, effects.mean[i], effects.ci_low[i], effects.ci_high[i]));
      }
      table.add_row(std::move(row));
    }
  }
  out << table.format();
}

/// The quadrant of the cost-effectiveness plane as a JSON value.
const char* quadrant_name(Quadrant q) {
  switch (q) {
    case Quadrant::no_change: return "no_change";
    case Quadrant::dominant: return "dominant";
    case Quadrant::dominated: return "dominated";
    case Quadrant::trade_off_more: return "trade_off_more";
    case Quadrant::trade_off_less: return "trade_off_less";
  }
  return "no_change";
}

}  // namespace

std::string cost_effectiveness_line(const CostEffectiveness& ce) {
  using report::grouped;
  std::ostringstream out;
  if (!ce.estimable) {
    const bool no_change_at_all = ce.extra_work_weeks.low == 0 && ce.extra_work_weeks.high == 0;
    out << (no_change_at_all ? "not estimable (no change in employment in any replication)"
                             : "not estimable (employment change not distinguishable from zero)");
  } else if (std::isnan(ce.ci_low)) {
    out << grouped(ce.eur_per_work_week) << " EUR (one replication: no interval)";
  } else {
    out << grouped(ce.eur_per_work_week) << " EUR [" << grouped(ce.ci_low) << ", " << grouped(ce.ci_high) << "]";
  }
  if (ce.quadrant != Quadrant::no_change) out << "; " << describe(ce.quadrant);
  // "+300 EUR [-870, +1,545]"
  const auto with_interval = [](const auto& estimate, const char* unit) {
    return grouped(estimate.mean, 0, true) + " " + unit + " [" + grouped(estimate.low, 0, true) + ", " +
           grouped(estimate.high, 0, true) + "]";
  };
  out << "\n      extra cost " << with_interval(ce.extra_cost_eur, "EUR") << ", extra work "
      << with_interval(ce.extra_work_weeks, "person-weeks");
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
      << (spec.draws.per_replication_history() ? " weeks of history (each replication its own: parameters drawn in it)\n"
                                                : " weeks of shared history\n")
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
  return out.str();
}

report::Json comparison_summary_json(const scenario::ComparisonSpec& spec, const ComparisonResult& result) {
  using report::Json;
  const auto& groups = result.groups;
  const std::size_t everyone = groups.index_of("everyone");
  const Calendar calendar(spec.base.run.start, spec.base.run.end);
  auto arms = Json::array(), units = Json::object(), effects = Json::array(), cost = Json::array();
  for (const auto& arm : spec.arms) arms.push(Json::string(arm.name));
  for (const auto& info : metric_table()) units.set(info.name, Json::string(info.unit));
  const std::pair<const char*, int> moments[] = {{"end_of_pilot", result.pilot_end_week},
                                                 {"end_of_follow_up", result.weeks - 1}};
  const auto interval = [](double mean, double low, double high) {
    return Json::object().set("mean", Json::number(mean)).set("low", Json::number(low)).set("high", Json::number(high));
  };
  for (std::size_t a = 1; a < spec.arms.size(); ++a) {
    const auto& arm = spec.arms[a].name;
    const auto& table = result.effects[a];
    for (const auto& [moment, week] : moments) {
      for (const std::string group : {"everyone", "target", "non_target"}) {
        const auto g = groups.index_of(group == "everyone" ? group : group + ":" + arm);
        auto metrics = Json::object();
        for (int k = 0; k < kMetricCount; ++k) {
          const auto i = metric_index(week, g, static_cast<Metric>(k), groups.size());
          metrics.set(metric_table()[k].name, interval(table.mean[i], table.ci_low[i], table.ci_high[i]));
        }
        effects.push(Json::object()
                         .set("arm", Json::string(arm))
                         .set("at", Json::string(moment))
                         .set("week", Json::integer(week))
                         .set("week_start", Json::string(format_date(calendar.week_start(week))))
                         .set("group", Json::string(group))
                         .set("metrics", std::move(metrics)));
      }
    }
    const auto ce = cost_effectiveness(result.metrics[a], result.metrics[0], result.weeks, groups.size(), everyone);
    cost.push(Json::object()
                  .set("arm", Json::string(arm))
                  .set("estimable", Json::boolean(ce.estimable))
                  .set("eur_per_work_week", interval(ce.eur_per_work_week, ce.ci_low, ce.ci_high))
                  .set("quadrant", Json::string(quadrant_name(ce.quadrant)))
                  .set("extra_cost_eur", interval(ce.extra_cost_eur.mean, ce.extra_cost_eur.low, ce.extra_cost_eur.high))
                  .set("extra_work_weeks",
                       interval(ce.extra_work_weeks.mean, ce.extra_work_weeks.low, ce.extra_work_weeks.high)));
  }
  return Json::object()
      .set("comparison", Json::string(spec.name))
      .set("baseline_arm", Json::string(spec.arms[0].name))
      .set("arms", std::move(arms))
      .set("replications", Json::integer(spec.replications))
      .set("seed", Json::unsigned_integer(spec.base.run.seed))
      .set("weeks", Json::integer(result.weeks))
      .set("pilot_period", Json::object()
                               .set("start", Json::string(format_date(spec.pilot_start)))
                               .set("end", Json::string(format_date(spec.pilot_end)))
                               .set("first_week", Json::integer(result.pilot_start_week))
                               .set("last_week", Json::integer(result.pilot_end_week)))
      .set("units", std::move(units))
      .set("effects", std::move(effects))
      .set("cost_effectiveness", std::move(cost));
}

}  // namespace kokeilu::compare
