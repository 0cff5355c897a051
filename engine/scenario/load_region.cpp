// Region: labour markets with their vacancy series, and municipalities with their population.
#include <algorithm>
#include <charconv>
#include <cmath>

#include "scenario/readers.hpp"

namespace kokeilu::scenario::detail {

using namespace yaml;

namespace {

// Keys describing a municipality's population: given under `population_defaults` or per
// municipality (the municipality's own key replaces the default whole).
constexpr std::array<std::string_view, 10> kPopulationKeys{
    "initial_status_shares", "age_shares",          "education_shares",
    "female_share",          "foreign_language_share", "barrier_share",
    "fund_member_share",     "initial_spell_shares", "initial_benefit_shares",
    "entrants_per_year"};

constexpr std::int64_t kEveryYearGiven = -1;  // entrants_per_year: the table lists every year

/// `entrants_per_year: N` (every year), `{default: N, 2014: M, ...}`, or years alone
/// (`{2011: M, 2012: M2, ...}`: then every year of the run must be given, checked by
/// check_entrant_years once the run's years are known).
void read_entrants(const Node& node, MunicipalitySpec& m) {
  if (!node.is_mapping()) {
    m.entrants_per_year = as_integer(node, 0, kMaxPersons);
    return;
  }
  m.entrants_per_year = kEveryYearGiven;
  for (const auto& e : node.entries) {
    if (e.key == "default") {
      m.entrants_per_year = as_integer(e.value, 0, kMaxPersons);
      continue;
    }
    int year = 0;
    const auto [end, error] = std::from_chars(e.key.data(), e.key.data() + e.key.size(), year);
    if (error != std::errc{} || end != e.key.data() + e.key.size() || year < 1900 || year > 2200)
      fail(e.key_where, e.value.path, "expected `default` or a year (1900-2200) as the key, found `" + e.key + "`");
    m.entrants_by_year.emplace_back(year, as_integer(e.value, 0, kMaxPersons));
  }
  std::sort(m.entrants_by_year.begin(), m.entrants_by_year.end());
}

/// One year of age of the youngest bracket: the default size of a cohort entering at 15.
std::int64_t default_entrants(const MunicipalitySpec& m) {
  const auto& youngest = m.age_shares.front();
  const double per_year = static_cast<double>(m.working_age_persons) * youngest.share /
                          static_cast<double>(youngest.max_age - youngest.min_age + 1);
  return static_cast<std::int64_t>(std::floor(per_year + 0.5));
}

/// Shares by name: a mapping from some of `names` to shares that sum to 1; names not given are 0.
template <std::size_t N>
std::array<double, N> read_named_shares(const Node& node, const std::array<std::string_view, N>& names,
                                        std::string_view what, int first_allowed = 0) {
  expect_mapping(node, "a mapping of " + std::string(what) + " to shares");
  const std::span<const std::string_view> allowed(names.begin() + first_allowed, names.end());
  check_keys(node, allowed);
  std::array<double, N> shares{};
  double sum = 0;
  for (const auto& e : node.entries) {
    const auto index = static_cast<std::size_t>(*code_of(names, e.key));
    shares[index] = as_double(e.value, kProbability);
    sum += shares[index];
  }
  check_sum_is_one(node, sum, "the shares");
  return shares;
}

/// `[a, b]` as two whole numbers.
std::pair<int, int> read_pair(const Node& node, int min, int max) {
  expect_sequence(node, "a list of two numbers [from, to]");
  if (node.items.size() != 2) fail(node, "expected two numbers [from, to], found " + std::to_string(node.items.size()));
  return {as_int(node.items[0], min, max), as_int(node.items[1], min, max)};
}

std::vector<AgeShare> read_age_shares(const Node& node) {
  expect_sequence(node, "a list of {ages: [from, to], share}");
  std::vector<AgeShare> shares;
  double sum = 0;
  for (const auto& item : node.items) {
    check_keys(item, {"ages", "share"});
    const Node& ages = require(item, "ages");
    const auto [from, to] = read_pair(ages, 15, 64);  // working age, inclusive
    if (from > to) fail(ages, "ages [" + std::to_string(from) + ", " + std::to_string(to) + "]: the first is above the second");
    if (!shares.empty() && from <= shares.back().max_age)
      fail(ages, "age brackets must ascend without overlapping (the previous one ends at " +
                     std::to_string(shares.back().max_age) + ")");
    const double share = as_double(require(item, "share"), kProbability);
    shares.push_back({from, to, share});
    sum += share;
  }
  if (shares.empty()) fail(node, "needs at least one age bracket");
  check_sum_is_one(node, sum, "the age shares");
  return shares;
}

std::vector<SpellShare> read_spell_shares(const Node& node) {
  expect_sequence(node, "a list of {weeks: [from, to), share}");
  std::vector<SpellShare> shares;
  double sum = 0;
  for (const auto& item : node.items) {
    check_keys(item, {"weeks", "share"});
    const Node& weeks = require(item, "weeks");
    const auto [from, to] = read_pair(weeks, 0, 5200);
    // Spell brackets are [from, to) weeks: an empty bracket is a mistake.
    if (from >= to) fail(weeks, "weeks [" + std::to_string(from) + ", " + std::to_string(to) + "): the end must be above the start");
    if (!shares.empty() && from < shares.back().max_weeks)
      fail(weeks, "spell brackets must ascend without overlapping (the previous one ends at " +
                      std::to_string(shares.back().max_weeks) + ")");
    const double share = as_double(require(item, "share"), kProbability);
    shares.push_back({from, to, share});
    sum += share;
  }
  if (shares.empty()) fail(node, "needs at least one spell bracket");
  check_sum_is_one(node, sum, "the spell shares");
  return shares;
}

MarketSpec read_market(const Node& node) {
  check_keys(node, {"name", "matching_efficiency", "search_elasticity", "vacancies"});
  MarketSpec market;
  market.name = as_string(require(node, "name"));
  market.matching_efficiency = as_double(require(node, "matching_efficiency"), Bounds{0, 100, false, false, "matches per week at unit effort and vacancies"});
  if (const Node* alpha = optional(node, "search_elasticity"))
    market.search_elasticity = as_double(*alpha, Bounds{0, 1, true, true, "the matching function's alpha"});
  const Node& vacancies = require(node, "vacancies");
  expect_sequence(vacancies, "a list of {from: date, count}");
  for (const auto& point : vacancies.items) {
    check_keys(point, {"from", "count"});
    const Node& from = require(point, "from");
    VacancyPoint p{as_date(from), as_double(require(point, "count"), kVacancies)};
    check_after_last(from, market.vacancies, p.from, "vacancy dates must ascend");
    market.vacancies.push_back(p);
  }
  if (market.vacancies.empty()) fail(vacancies, "needs at least one point {from, count}");
  return market;
}

MunicipalitySpec read_municipality(const Node& node, const Node& defaults, const std::vector<MarketSpec>& markets) {
  std::vector<std::string_view> allowed{"name", "market", "working_age_persons"};
  allowed.insert(allowed.end(), kPopulationKeys.begin(), kPopulationKeys.end());
  check_keys(node, allowed);

  MunicipalitySpec m;
  m.name = as_string(require(node, "name"));
  const Node& market = require(node, "market");
  const std::string market_name = as_string(market);
  const auto found = std::find_if(markets.begin(), markets.end(), [&](const MarketSpec& x) { return x.name == market_name; });
  if (found == markets.end()) {
    std::vector<std::string_view> names;
    for (const auto& x : markets) names.push_back(x.name);
    fail(market, "undefined market `" + market_name + "`; the region's markets are " + join_names(names));
  }
  m.market = static_cast<int>(found - markets.begin());
  m.working_age_persons = as_integer(require(node, "working_age_persons"), 0, kMaxPersons);

  // A population key comes from the municipality, else from the defaults.
  auto population = [&](std::string_view key) -> const Node* {
    if (const Node* own = node.find(key)) return own;
    return defaults.is_mapping() ? defaults.find(key) : nullptr;
  };
  auto required = [&](std::string_view key) -> const Node& {
    if (const Node* value = population(key)) return *value;
    fail(node.where, child_path(node.path, key),
         "missing required key `" + std::string(key) + "` (give it here or under population_defaults)");
  };

  m.initial_status_shares = read_named_shares(required("initial_status_shares"), kStatusNames, "statuses");
  m.age_shares = read_age_shares(required("age_shares"));
  m.education_shares = read_named_shares(required("education_shares"), kEducationNames, "education levels");
  if (const Node* v = population("female_share")) m.female_share = as_double(*v, kProbability);
  if (const Node* v = population("foreign_language_share")) m.foreign_language_share = as_double(*v, kProbability);
  if (const Node* v = population("barrier_share")) m.barrier_share = as_double(*v, kProbability);
  if (const Node* v = population("fund_member_share")) m.fund_member_share = as_double(*v, kProbability);
  m.initial_spell_shares = read_spell_shares(required("initial_spell_shares"));
  // Benefit::none (code 0) is not a benefit of the unemployed: start the allowed names after it.
  m.initial_benefit_shares = read_named_shares(required("initial_benefit_shares"), kBenefitNames, "benefits", 1);
  m.entrants_per_year = default_entrants(m);
  if (const Node* v = population("entrants_per_year")) read_entrants(*v, m);
  return m;
}

/// A region's municipalities and markets are indexed by MunicipalityIndex: past what it holds an
/// index would wrap and merge two places silently, so the first one too many is an error.
void check_index_fits(const Node& list, const std::string& what) {
  const auto limit = static_cast<std::size_t>(kMaxMunicipalities);
  if (list.items.size() <= limit) return;
  fail(list.items[limit], "more than " + std::to_string(limit) + " " + what + " (" + std::to_string(list.items.size()) +
                              "): a region has at most " + std::to_string(limit) + " (indexes are kept in " +
                              std::to_string(8 * sizeof(MunicipalityIndex)) + " bits); split the region");
}

}  // namespace

void check_entrant_years(const Node& region, const std::vector<MunicipalitySpec>& municipalities, int first_year,
                         int last_year) {
  for (const auto& m : municipalities) {
    if (m.entrants_per_year != kEveryYearGiven) continue;
    for (int year = first_year; year <= last_year; ++year) {
      if (std::any_of(m.entrants_by_year.begin(), m.entrants_by_year.end(), [&](const auto& y) { return y.first == year; }))
        continue;
      // Point at the municipality's own table, or at the defaults' when it inherits them.
      const Node* where = nullptr;
      for (const auto& item : require(region, "municipalities").items)
        if (const Node* name = item.find("name"); name && name->scalar == m.name) where = item.find("entrants_per_year");
      if (where == nullptr)
        if (const Node* defaults = region.find("population_defaults")) where = defaults->find("entrants_per_year");
      fail(*where, "no entrants given for " + std::to_string(year) + " (municipality " + m.name +
                       "): list every year from " + std::to_string(first_year) + " to " + std::to_string(last_year) +
                       ", or add `default: N`");
    }
  }
}

void read_region(const Node& region, std::vector<MarketSpec>& markets, std::vector<MunicipalitySpec>& municipalities,
                 std::optional<Date>& population_date) {
  check_keys(region, {"name", "description", "population_date", "markets", "population_defaults", "municipalities"});
  population_date.reset();
  if (const Node* date = optional(region, "population_date")) population_date = as_date(*date);

  const Node& market_list = require(region, "markets");
  expect_sequence(market_list, "a list of markets");
  check_index_fits(market_list, "markets");
  markets.clear();
  for (const auto& item : market_list.items) {
    MarketSpec market = read_market(item);
    if (std::any_of(markets.begin(), markets.end(), [&](const MarketSpec& x) { return x.name == market.name; }))
      fail(require(item, "name"), "duplicate market name `" + market.name + "`");
    markets.push_back(std::move(market));
  }
  if (markets.empty()) fail(market_list, "needs at least one market");

  static const Node kNoDefaults;
  const Node* defaults = optional(region, "population_defaults");
  if (defaults) check_keys(*defaults, kPopulationKeys);

  const Node& list = require(region, "municipalities");
  expect_sequence(list, "a list of municipalities");
  municipalities.clear();
  check_index_fits(list, "municipalities");
  for (const auto& item : list.items) {
    MunicipalitySpec m = read_municipality(item, defaults ? *defaults : kNoDefaults, markets);
    if (std::any_of(municipalities.begin(), municipalities.end(), [&](const MunicipalitySpec& x) { return x.name == m.name; }))
      fail(require(item, "name"), "duplicate municipality name `" + m.name + "`");
    municipalities.push_back(std::move(m));
  }
  if (municipalities.empty()) fail(list, "needs at least one municipality");
  std::int64_t persons = 0;
  for (const auto& m : municipalities) persons += m.working_age_persons;
  if (persons == 0) fail(list, "the population is empty: every municipality has working_age_persons 0");
  if (persons > kMaxTotalPersons)
    fail(list, "the population of " + std::to_string(persons) + " persons is above the limit of " +
                   std::to_string(kMaxTotalPersons) + " for a region (docs/scenario-limits.md)");

  // Persons are laid out by market (a market's people are contiguous): group municipalities by
  // market, keeping the file's order within a market.
  std::stable_sort(municipalities.begin(), municipalities.end(),
                   [](const MunicipalitySpec& a, const MunicipalitySpec& b) { return a.market < b.market; });
}

}  // namespace kokeilu::scenario::detail
