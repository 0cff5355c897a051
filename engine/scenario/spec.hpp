#pragma once
// The immutable, validated description of a scenario: plain structs, built once from YAML by
// scenario::load(). Nothing reads YAML after set-up; the simulation is built from this.
// Every number states its unit in its name or comment.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/calendar.hpp"
#include "core/vocabulary.hpp"
#include "scenario/design_spec.hpp"

namespace kokeilu::scenario {

// ---- Covariates of the linear predictors -------------------------------------------------
// Reference person: aged 30-49, male, basic education, Finnish/Swedish-speaking, no barrier.
enum class Covariate : int {
  age_under_25 = 0,
  age_25_29,
  age_50_54,
  age_55_plus,
  female,
  vocational,
  tertiary,
  foreign_language,
  barrier,
};
inline constexpr int kCovariateCount = 9;
inline constexpr std::array<std::string_view, kCovariateCount> kCovariateNames{
    "age_under_25", "age_25_29", "age_50_54", "age_55_plus", "female",
    "vocational",   "tertiary",  "foreign_language", "barrier"};

// ---- Duration brackets of a spell (weeks), shared by hazards and calibration ---------------
// Bracket b covers [kDurationBracketStartWeeks[b], kDurationBracketStartWeeks[b+1]).
// They follow the monthly brackets of the 2015 ended-spell table in DOMAIN.md.
inline constexpr int kDurationBracketCount = 7;
inline constexpr std::array<int, kDurationBracketCount> kDurationBracketStartWeeks{
    0, 4, 13, 26, 52, 78, 104};
inline constexpr std::array<std::string_view, kDurationBracketCount> kDurationBracketNames{
    "under_1_month", "1_to_3_months", "3_to_6_months", "6_to_12_months",
    "12_to_18_months", "18_to_24_months", "over_24_months"};

/// A weekly transition rate r = exp(eta), eta = intercept + covariates . x + duration[bracket].
/// The weekly probability of leaving by this route alone is 1 - exp(-r) (complementary log-log).
struct HazardSpec {
  double intercept = -100.0;  // log rate per week; -100 means "never"
  std::array<double, kCovariateCount> covariates{};          // log rate ratios
  std::array<double, kDurationBracketCount> duration{};      // log rate ratio by spell bracket
};

// ---- Region: municipalities and their labour markets ---------------------------------------
struct AgeShare {
  int min_age = 15;  // years, inclusive
  int max_age = 64;  // years, inclusive
  double share = 0;
};

struct SpellShare {
  int min_weeks = 0;  // inclusive
  int max_weeks = 4;  // exclusive
  double share = 0;
};

struct MunicipalitySpec {
  std::string name;
  int market = 0;                            // index into ScenarioSpec::markets
  std::int64_t working_age_persons = 0;      // persons aged 15-64 at the start
  std::array<double, kStatusCount> initial_status_shares{};  // sum to 1
  std::vector<AgeShare> age_shares;          // sum to 1, ages within 15-64
  std::array<double, kEducationCount> education_shares{};    // sum to 1
  double female_share = 0.5;
  double foreign_language_share = 0;         // of all persons
  double barrier_share = 0;                  // health or life-management barrier, of all persons
  double fund_member_share = 0;              // unemployment fund members, of all persons
  std::vector<SpellShare> initial_spell_shares;  // of the initially unemployed; sum to 1
  /// Benefit of the initially unemployed (earnings_related, basic_allowance,
  /// labour_market_subsidy; "none" is not allowed); sum to 1.
  std::array<double, kBenefitCount> initial_benefit_shares{};
  /// Persons turning 15 who enter the population in a calendar year (the open population).
  /// Years not listed in entrants_by_year get entrants_per_year; its default is one year of age
  /// of the youngest age bracket: working_age_persons x its share / its width in years. The
  /// loader checks that a table without a default lists every year of the run.
  std::int64_t entrants_per_year = 0;
  std::vector<std::pair<int, std::int64_t>> entrants_by_year;  // (year, persons), ascending years

  std::int64_t entrants_in(int year) const {
    for (const auto& [y, persons] : entrants_by_year)
      if (y == year) return persons;
    return entrants_per_year;
  }
};

struct VacancyPoint {
  Date from;
  double vacancies = 0;  // open vacancies in the area's stock (count)
};

struct MarketSpec {
  std::string name;
  double matching_efficiency = 0;   // mu in M = mu * S^alpha * V^(1-alpha), per week
  double search_elasticity = 0.5;   // alpha, in (0, 1)
  std::vector<VacancyPoint> vacancies;  // sorted by date; linear between points, flat outside
};

// ---- Behaviour: the transition hazards ------------------------------------------------------
struct BehaviourSpec {
  /// With matching on, a jobseeker's job-finding rate is (M/S) * effort with
  /// effort = exp(eta of search_effort); with matching off, exp(eta) is the job-finding rate.
  bool matching_enabled = true;
  HazardSpec search_effort;
  HazardSpec separation;               // employed -> unemployed
  HazardSpec employed_to_inactive;
  HazardSpec unemployed_to_inactive;
  HazardSpec inactive_to_unemployed;
  HazardSpec inactive_to_employed;
  int retirement_age_years = 65;       // at this age a person becomes inactive for good

  /// Calibration targets: monthly hazard of leaving unemployment for a job, by spell bracket
  /// (DOMAIN.md, Finland 2015). Empty when the scenario states none.
  std::vector<double> target_monthly_job_finding;
  double calibration_tolerance = 0.15;  // relative, per bracket
};

// ---- Benefits ------------------------------------------------------------------------------
struct CopaymentTier {
  int after_days = 0;            // labour-market-subsidy days paid before this tier applies
  double municipal_share = 0;    // share of the daily subsidy the municipality pays
};

/// The rules in force from `from` until the next regime's `from`.
struct BenefitRegime {
  Date from;
  int earnings_related_max_days_short_history = 500;  // work history under 3 years
  int earnings_related_max_days_long_history = 500;   // work history 3 years or more
  int earnings_related_max_days_age_58 = 500;         // aged 58 or more
  std::vector<CopaymentTier> copayment_tiers;         // ascending after_days
};

struct DailyAmount {
  Date from;
  double eur_per_day = 0;
};

struct BenefitSpec {
  std::vector<BenefitRegime> regimes;          // ascending `from`; first covers the start
  std::vector<DailyAmount> basic_daily_amount; // basic allowance = full labour market subsidy
  double earnings_related_daily_eur = 0;       // average earnings-related allowance, EUR/day
  int employment_condition_weeks = 26;         // weeks of work that open a new entitlement
  int benefit_days_per_week = 5;
};

// ---- Run settings --------------------------------------------------------------------------
struct RunSpec {
  std::uint64_t seed = 0;
  Date start;            // first day of the reported period
  Date end;              // last day simulated (inclusive)
  /// First day of the history: the population is generated here (from the region's shares) and
  /// simulated under the baseline process up to `start`, so services, queues and spells are
  /// settled when the reported weeks begin. A whole number of weeks before `start`.
  Date history_start;
};

/// Weeks of history simulated before the reported period when a scenario states none.
inline constexpr int kDefaultHistoryWeeks = 104;

struct ScenarioSpec {
  std::string name;
  std::string description;
  std::string source_file;    // the top-level file as given
  std::string resolved_text;  // every included file inlined, as YAML: written to /meta
  RunSpec run;
  std::vector<MarketSpec> markets;
  std::vector<MunicipalitySpec> municipalities;  // grouped by market in market order
  std::optional<Date> population_date;           // the region's shares hold on this date
  BehaviourSpec behaviour;
  BenefitSpec benefits;
  /// The process in force outside the pilot's period (the TE office); no services when the
  /// scenario names none.
  DesignSpec baseline_design;
  /// The pilot design, in force during its period; none for a baseline-only scenario.
  std::optional<DesignSpec> pilot_design;

  /// Persons of working age at the history start (the generated population).
  std::int64_t total_persons() const {
    std::int64_t n = 0;
    for (const auto& m : municipalities) n += m.working_age_persons;
    return n;
  }
  /// Persons of municipality m ever in the run: those at the history start and the entrants of
  /// every later year up to the end.
  std::int64_t persons_ever(const MunicipalitySpec& m) const {
    std::int64_t n = m.working_age_persons;
    for (int year = static_cast<int>(run.history_start.year()) + 1; year <= static_cast<int>(run.end.year()); ++year)
      n += m.entrants_in(year);
    return n;
  }
  /// Persons held by the run: everyone ever in the population (the store's size).
  std::int64_t total_persons_ever() const {
    std::int64_t n = 0;
    for (const auto& m : municipalities) n += persons_ever(m);
    return n;
  }
};

}  // namespace kokeilu::scenario
