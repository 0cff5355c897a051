#pragma once
// The closed vocabularies of the model. Codes are what the hot loop and the HDF5 columns store;
// names appear only at the edges (YAML, HDF5 attributes, reports). Changing a code changes the
// output schema: bump io::kSchemaVersion.
#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace kokeilu {

/// Labour-market status: exactly one per person per week. Coaching and assessment are relations,
/// not statuses. The codes of the placed services' statuses are their modules' (each module's
/// `kStatus`); the names below are kept for the code that reads them. A new placed service
/// declares its code (the next free one) in its own module: the count, the names and the
/// activating statuses follow from the list (services/codes.hpp: kStatusCount, kStatusNames,
/// is_activating_service).
enum class Status : std::uint8_t {
  employed = 0,         // open labour market
  subsidised_job = 1,   // pay-subsidised work (palkkatuki): services::PaySubsidy
  unemployed = 2,
  training = 3,         // labour-market training (työvoimakoulutus): services::Training
  rehabilitative = 4,   // rehabilitative work activity (kuntouttava työtoiminta)
  work_trial = 5,       // työkokeilu
  inactive = 6,         // outside the labour force (students, carers, retired at 65)
  self_motivated_study = 7,  // omaehtoinen opiskelu työttömyysetuudella (appended: codes keep)
};

/// The statuses that are not services, with their names on the `status` axis.
struct CoreStatus {
  Status status;
  std::string_view name;
};
inline constexpr std::array<CoreStatus, 3> kCoreStatuses{
    {{Status::employed, "employed"}, {Status::unemployed, "unemployed"}, {Status::inactive, "inactive"}}};

/// The code of a person who is not in the population in a week: not yet 15 (an entrant of a
/// later year) or past the retirement age. Not a status: counts, rates and transitions leave
/// such person-weeks out; trajectories show this code.
inline constexpr std::uint8_t kOutsidePopulation = 255;
inline constexpr int kEntryAgeYears = 15;  // a cohort enters the population in the year it turns 15

enum class Education : std::uint8_t { basic = 0, vocational = 1, tertiary = 2 };
inline constexpr int kEducationCount = 3;
inline constexpr std::array<std::string_view, kEducationCount> kEducationNames{
    "basic", "vocational", "tertiary"};

/// Unemployment benefit being paid (or last paid).
enum class Benefit : std::uint8_t {
  none = 0,
  earnings_related = 1,  // ansiosidonnainen päiväraha, unemployment fund
  basic_allowance = 2,   // peruspäiväraha, Kela
  labour_market_subsidy = 3,  // työmarkkinatuki, Kela; state and municipal funds
};
inline constexpr int kBenefitCount = 4;
inline constexpr std::array<std::string_view, kBenefitCount> kBenefitNames{
    "none", "earnings_related", "basic_allowance", "labour_market_subsidy"};

/// Who carries a euro of cost.
enum class Payer : std::uint8_t { state = 0, municipality = 1, kela = 2, unemployment_fund = 3 };
inline constexpr int kPayerCount = 4;
inline constexpr std::array<std::string_view, kPayerCount> kPayerNames{
    "state", "municipality", "kela", "unemployment_fund"};

/// Code of `name` in `names`, or nullopt.
template <std::size_t N>
constexpr std::optional<int> code_of(const std::array<std::string_view, N>& names, std::string_view name) {
  for (std::size_t i = 0; i < N; ++i)
    if (names[i] == name) return static_cast<int>(i);
  return std::nullopt;
}

/// Index of a municipality (into ScenarioSpec::municipalities) or of a labour-market area (into
/// ScenarioSpec::markets), as the population columns and the hot loop store it. Widening it is this
/// one line (and bumping io::kSchemaVersion): the loader refuses a region with more
/// municipalities or markets than it holds (scenario::yaml::kMaxMunicipalities).
using MunicipalityIndex = std::uint16_t;
using MarketIndex = MunicipalityIndex;  // a market is a group of municipalities: never more needed

/// Money is counted in integer cents so that sums are exact and independent of summation order
/// (a requirement for bit-identical results at any thread count).
using Cents = std::int64_t;
inline constexpr Cents cents_from_eur(double eur) {
  return static_cast<Cents>(eur * 100.0 + (eur >= 0 ? 0.5 : -0.5));
}
inline constexpr double eur_from_cents(Cents c) { return static_cast<double>(c) / 100.0; }

}  // namespace kokeilu
