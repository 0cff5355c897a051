#include "report/summary.hpp"

#include <cmath>
#include <span>

#include <fmt/format.h>

#include "core/calendar.hpp"
#include "core/measures.hpp"
#include "report/text_table.hpp"

namespace kokeilu::report {

namespace {

double ratio(double num, double den) { return den > 0 ? num / den : 0.0; }

struct Counts {
  std::array<std::int64_t, kStatusCount> status{};
  std::int64_t long_term = 0;
  Cents copayment = 0;

  AreaSummary summary(std::string name) const {
    auto n = [this](Status s) { return static_cast<double>(status[static_cast<int>(s)]); };
    double persons = 0;
    for (int s = 0; s < kStatusCount; ++s) persons += static_cast<double>(status[s]);
    const double working = n(Status::employed) + n(Status::subsidised_job);
    AreaSummary a;
    a.name = std::move(name);
    a.persons = static_cast<std::int64_t>(persons);
    a.employment_rate = ratio(working, persons);
    a.unemployment_rate = ratio(n(Status::unemployed), working + n(Status::unemployed));
    a.long_term_share = ratio(static_cast<double>(long_term), n(Status::unemployed));
    a.activation_rate = activation_rate_of_counts(std::span<const std::int64_t, kStatusCount>(status));
    a.copayment_eur = eur_from_cents(copayment);
    return a;
  }
};

}  // namespace

RunSummary summarise(const scenario::ScenarioSpec& spec, const TotalsRecorder& recorder) {
  RunSummary out;
  const auto& weeks = recorder.weeks();
  out.weeks = static_cast<int>(weeks.size());
  if (weeks.empty()) return out;
  const Calendar calendar(spec.run.start, spec.run.end);
  out.last_week_start = format_date(calendar.week_start(out.weeks - 1));

  Counts region;
  const auto& last = weeks.back();
  for (std::size_t m = 0; m < spec.municipalities.size(); ++m) {
    Counts c;
    for (int s = 0; s < kStatusCount; ++s) c.status[s] = last.status_counts[m * kStatusCount + s];
    c.long_term = last.long_term_unemployed[m];
    for (const auto& w : weeks) c.copayment += w.copayment[m];
    out.municipalities.push_back(c.summary(spec.municipalities[m].name));
    for (int s = 0; s < kStatusCount; ++s) region.status[s] += c.status[s];
    region.long_term += c.long_term;
    region.copayment += c.copayment;
  }
  out.region = region.summary(spec.name);
  return out;
}

std::string format_summary(const RunSummary& summary) {
  TextTable table({Align::left, Align::right, Align::right, Align::right, Align::right, Align::right, Align::right});
  table.add_row({"area", "persons", "employment", "unemployment", "long-term", "activation", "co-payment EUR"});
  table.add_row({"", "", "rate", "rate", "share", "rate", "(whole run)"});
  const auto percent = [](double share) { return std::isnan(share) ? std::string("n/a") : fmt::format("{:.1f}%", 100 * share); };
  auto row = [&](const AreaSummary& a) {
    table.add_row({a.name, grouped(static_cast<double>(a.persons)), percent(a.employment_rate),
                   percent(a.unemployment_rate), percent(a.long_term_share), percent(a.activation_rate),
                   grouped(a.copayment_eur)});
  };
  for (const auto& m : summary.municipalities) row(m);
  row(summary.region);
  return fmt::format("Summary at the week starting {} (week {} of {})\n", summary.last_week_start, summary.weeks - 1,
                     summary.weeks) +
         table.format() +
         "Rates are of the persons in the population in that week (aged 15 to the retirement age: cohorts "
         "enter at 15 and leave at retirement); long-term = unemployed 52+ weeks.\n";
}

Json summary_json(const RunSummary& summary) {
  const auto area = [](const AreaSummary& a) {
    return Json::object()
        .set("name", Json::string(a.name))
        .set("persons", Json::integer(a.persons))
        .set("employment_rate", Json::number(a.employment_rate))
        .set("unemployment_rate", Json::number(a.unemployment_rate))
        .set("long_term_share", Json::number(a.long_term_share))
        .set("activation_rate", Json::number(a.activation_rate))
        .set("copayment_eur", Json::number(a.copayment_eur));
  };
  auto municipalities = Json::array();
  for (const auto& m : summary.municipalities) municipalities.push(area(m));
  return Json::object()
      .set("last_week_start", Json::string(summary.last_week_start))
      .set("weeks", Json::integer(summary.weeks))
      .set("region", area(summary.region))
      .set("municipalities", std::move(municipalities));
}

}  // namespace kokeilu::report
