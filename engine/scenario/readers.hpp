#pragma once
// Internal to the loader: one reader per part of a scenario, each from a tree whose includes are
// already inlined. Each checks its keys, types, ranges and sums and throws ConfigError.
#include <array>
#include <string_view>
#include <vector>

#include "scenario/design_spec.hpp"
#include "scenario/spec.hpp"
#include "scenario/yaml_reader.hpp"

namespace kokeilu::scenario::detail {

/// Markets and municipalities (grouped by market in market order), and the date for which the
/// region's population shares hold, if it states one.
void read_region(const yaml::Node& region, std::vector<MarketSpec>& markets,
                 std::vector<MunicipalitySpec>& municipalities, std::optional<Date>& population_date);

/// Every municipality whose entrants are given year by year (without `default`) lists every
/// year from first_year to last_year. @throws ConfigError at its table otherwise.
void check_entrant_years(const yaml::Node& region, const std::vector<MunicipalitySpec>& municipalities,
                         int first_year, int last_year);

BehaviourSpec read_behaviour(const yaml::Node& behaviour);

BenefitSpec read_benefits(const yaml::Node& benefits);

/// Design keys merged as a whole by `inherit` and overrides: a target tree is one rule, and
/// shares that sum to 1 must come from one place.
inline constexpr std::array<std::string_view, 2> kDesignReplaceWhole{"target", "sector_shares"};

/// The design tree with its `inherit:` chain merged in (this design wins) and `inherit` removed.
yaml::Node resolve_inheritance(const yaml::Node& design);

/// A design from a tree without `inherit` (see resolve_inheritance). `region`: the
/// municipalities its `area` may name (a design read on its own, without a region: unchecked).
DesignSpec read_design(const yaml::Node& design, std::span<const MunicipalitySpec> region = {});

/// Series given by date (benefit regimes, daily amounts, vacancies) must ascend: fails at `at`
/// with "<rule> (this one is not after <previous date>)" unless `date` comes after the last item.
template <class Series>
void check_after_last(const yaml::Node& at, const Series& series, Date date, const std::string& rule) {
  if (!series.empty() && date <= series.back().from)
    yaml::fail(at, rule + " (this one is not after " + format_date(series.back().from) + ")");
}

}  // namespace kokeilu::scenario::detail
