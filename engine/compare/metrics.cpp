#include "compare/metrics.hpp"

#include <cmath>
#include <limits>

#include "core/measures.hpp"
#include "sim/kernel.hpp"

namespace kokeilu::compare {

const std::array<MetricInfo, kMetricCount>& metric_table() {
  static const std::array<MetricInfo, kMetricCount> table{{
      {"open_employment", "share", "employed in the open labour market"},
      {"subsidised_employment", "share", "in pay-subsidised work"},
      {"unemployment", "share", "unemployed"},
      {"long_term_unemployment", "share", "unemployed 52 weeks or more without a break"},
      {"in_services", "share", "in training, rehabilitative work activity, a work trial or pay-subsidised work"},
      {"activation_rate", "share", "in services / (unemployed + in services)"},
      {"unemployed_or_in_services", "share", "unemployed or in services"},
      {"weeks_employed_per_person", "weeks", "cumulative weeks in open or subsidised work since the start, per person"},
      {"weeks_unemployed_per_person", "weeks", "cumulative weeks unemployed since the start, per person"},
      {"municipal_copayment_eur", "eur", "municipal share of the labour market subsidy in the week"},
      {"cost_state_eur", "eur", "benefits and services paid by the state in the week"},
      {"cost_municipality_eur", "eur", "benefits and services paid by the municipality in the week"},
      {"cost_kela_eur", "eur", "benefits paid by Kela in the week"},
      {"cost_unemployment_fund_eur", "eur", "earnings-related allowance paid by unemployment funds in the week"},
      {"cost_total_eur", "eur", "sum of the four payers in the week"},
      {"group_size", "persons", "persons of the group in the population (aged 15 to the retirement age) at the week's end"},
  }};
  return table;
}

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr std::size_t S = kStatusCount;
std::int64_t count(const std::array<std::int64_t, S>& c, Status s) { return c[static_cast<std::size_t>(s)]; }
}  // namespace

MetricsSink::MetricsSink(const GroupSet& groups, Keep keep) : groups_(groups), keep_(std::move(keep)) {}

void MetricsSink::begin(const sim::RunHeader& header, const population::People& initial) {
  begin(header, initial.status, initial.spell_weeks);
}

void MetricsSink::begin(const sim::RunHeader& header, const std::vector<std::uint8_t>& status,
                        const std::vector<std::uint16_t>& spell_weeks) {
  persons_ = status.size();
  weeks_ = header.weeks;
  previous_status_ = status;
  spell_weeks_ = spell_weeks;
  cell_status_.assign(static_cast<std::size_t>(groups_.cell_count) * S, 0);
  cell_long_term_.assign(static_cast<std::size_t>(groups_.cell_count), 0);
  transitions_.assign(S * S, 0);
  metrics_.assign(static_cast<std::size_t>(weeks_) * groups_.size() * kMetricCount, kNaN);
}

std::vector<std::uint8_t> MetricsSink::trajectory(int first_week, int weeks, std::vector<std::uint8_t> block) {
  for (int k = 0; k < weeks; ++k) tally_week(first_week + k, block.data() + static_cast<std::size_t>(k) * persons_);
  if (keep_) return keep_(std::move(block));
  return block;
}

void MetricsSink::tally_week(int week, const std::uint8_t* statuses) {
  std::fill(cell_status_.begin(), cell_status_.end(), 0);
  std::fill(cell_long_term_.begin(), cell_long_term_.end(), 0);
  constexpr auto kUnemployed = static_cast<std::uint8_t>(Status::unemployed);
  auto tally = [&](std::size_t i) {
    const std::uint8_t status = statuses[i];
    if (status == kOutsidePopulation || previous_status_[i] == kOutsidePopulation) {
      // Entering or leaving the population, or outside it: no transition, no count.
      spell_weeks_[i] = 0;
      previous_status_[i] = status;
      if (status != kOutsidePopulation) cell_status_[groups_.cell_of_person[i] * S + status] += 1;
      return;
    }
    const std::uint32_t cell = groups_.cell_of_person[i];
    // The engine's spell counter: reset by a change of status, one more week otherwise.
    spell_weeks_[i] = status == previous_status_[i] ? population::saturating_add(spell_weeks_[i], 1) : 0;
    transitions_[previous_status_[i] * S + status] += 1;
    previous_status_[i] = status;
    cell_status_[cell * S + status] += 1;
    if (status == kUnemployed && spell_weeks_[i] >= sim::kLongTermUnemploymentWeeks) cell_long_term_[cell] += 1;
  };
  if (groups_.only_persons.empty()) {
    for (std::size_t i = 0; i < persons_; ++i) tally(i);
  } else {
    for (const std::uint32_t i : groups_.only_persons) tally(i);
  }

  const std::size_t G = groups_.size();
  for (std::size_t g = 0; g < G; ++g) {
    std::array<std::int64_t, S> c{};
    std::int64_t long_term = 0;
    for (int cell : groups_.cells[g]) {
      for (std::size_t s = 0; s < S; ++s) c[s] += cell_status_[static_cast<std::size_t>(cell) * S + s];
      long_term += cell_long_term_[static_cast<std::size_t>(cell)];
    }
    auto at = [&](Metric m) -> double& { return metrics_[metric_index(week, g, m, G)]; };
    std::int64_t in_population = 0;
    for (std::size_t s = 0; s < S; ++s) in_population += c[s];
    at(Metric::group_size) = static_cast<double>(in_population);
    const double size = at(Metric::group_size);
    auto share = [size](double n) { return size > 0 ? n / size : kNaN; };
    const double employed = static_cast<double>(count(c, Status::employed));
    const double subsidised = static_cast<double>(count(c, Status::subsidised_job));
    const double unemployed = static_cast<double>(count(c, Status::unemployed));
    double services = 0;
    for (std::size_t s = 0; s < S; ++s)
      if (is_activating_service(static_cast<Status>(s))) services += static_cast<double>(c[s]);
    at(Metric::open_employment) = share(employed);
    at(Metric::subsidised_employment) = share(subsidised);
    at(Metric::unemployment) = share(unemployed);
    at(Metric::long_term_unemployment) = share(static_cast<double>(long_term));
    at(Metric::in_services) = share(services);
    at(Metric::activation_rate) = activation_rate(services, unemployed);
    at(Metric::unemployed_or_in_services) = share(unemployed + services);
    const double before_employed = week > 0 ? metrics_[metric_index(week - 1, g, Metric::weeks_employed_per_person, G)] : 0.0;
    const double before_unemployed = week > 0 ? metrics_[metric_index(week - 1, g, Metric::weeks_unemployed_per_person, G)] : 0.0;
    at(Metric::weeks_employed_per_person) = before_employed + share(employed + subsidised);
    at(Metric::weeks_unemployed_per_person) = before_unemployed + share(unemployed);
  }
}

void MetricsSink::week(int week, const sim::WeekTotals& totals) {
  // The pilot's tables: [M], [M * S] and [M * O * V] per week, organiser 0 the TE office.
  pilot_.entries.insert(pilot_.entries.end(), totals.pilot_entries.begin(), totals.pilot_entries.end());
  pilot_.ever_clients.insert(pilot_.ever_clients.end(), totals.ever_pilot_clients.begin(), totals.ever_pilot_clients.end());
  constexpr std::size_t V = scenario::kServiceCount;
  for (std::size_t m = 0; m < static_cast<std::size_t>(totals.municipalities); ++m) {
    for (std::size_t k = 0; k < V; ++k)
      pilot_.service_starts.push_back(totals.service_starts[m * V + k] - totals.pilot_service_starts[m * V + k]);
    for (std::size_t k = 0; k < V; ++k) pilot_.service_starts.push_back(totals.pilot_service_starts[m * V + k]);
  }

  const std::size_t G = groups_.size();
  for (std::size_t g = 0; g < G; ++g) {
    const auto& municipalities = groups_.money_municipalities[g];
    if (municipalities.empty()) continue;  // stays NaN: money is not counted by person
    Cents copayment = 0;
    std::array<Cents, kPayerCount> cost{};
    for (int m : municipalities) {
      copayment += totals.copayment[static_cast<std::size_t>(m)];
      for (int p = 0; p < kPayerCount; ++p) cost[static_cast<std::size_t>(p)] += totals.cost[static_cast<std::size_t>(m * kPayerCount + p)];
    }
    auto at = [&](Metric m) -> double& { return metrics_[metric_index(week, g, m, G)]; };
    at(Metric::municipal_copayment_eur) = eur_from_cents(copayment);
    at(Metric::cost_state_eur) = eur_from_cents(cost[static_cast<int>(Payer::state)]);
    at(Metric::cost_municipality_eur) = eur_from_cents(cost[static_cast<int>(Payer::municipality)]);
    at(Metric::cost_kela_eur) = eur_from_cents(cost[static_cast<int>(Payer::kela)]);
    at(Metric::cost_unemployment_fund_eur) = eur_from_cents(cost[static_cast<int>(Payer::unemployment_fund)]);
    at(Metric::cost_total_eur) = eur_from_cents(cost[0] + cost[1] + cost[2] + cost[3]);
  }
}

void MetricsSink::end(const population::People&) {}

}  // namespace kokeilu::compare
