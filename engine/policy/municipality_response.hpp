#pragma once
// The municipality as an actor (docs/capacity.md): it looks at its co-payment bill of the labour
// market subsidy over recent weeks and adds rehabilitative-work places when the bill per
// unemployed person rises above a threshold. Seeds (DOMAIN.md): the co-payment list pushes Pori to
// add rehabilitative work; in Ylöjärvi the activation rate fell and the co-payment rose when the
// pilot ended. A documented rule, off by default; it draws no random numbers and reads only
// integer weekly totals, so it gives the same bits in both steppers and at any thread count.
#include <cstdint>
#include <span>
#include <vector>

#include "scenario/design_spec.hpp"

namespace kokeilu::policy {

/// Each municipality's co-payment bill and unemployed persons, week by week, for the last kWeeks
/// weeks: part of a run's state (sim::RunState, checkpoints), recorded every week.
struct BillHistory {
  static constexpr int kWeeks = 104;  // window_weeks + lag_weeks at most (52 + 52)
  int recorded = 0;                   // weeks recorded, the latest last (at most kWeeks)
  std::vector<std::int64_t> copayment_cents;  // [slot * municipalities + m], slot = week % kWeeks
  std::vector<std::int64_t> unemployed;       // persons at the end of the week, same layout

  /// Records week `week` (the week after the last one recorded).
  void record(int week, std::span<const std::int64_t> copayment_by_municipality,
              std::span<const std::int64_t> unemployed_by_municipality);
  bool operator==(const BillHistory&) const = default;
};

/// EUR per unemployed person per week over the window_weeks ending lag_weeks before `week`, or
/// a negative number when the history does not reach that far back.
double bill_per_unemployed_eur(const scenario::MunicipalityResponseSpec& rule, const BillHistory& bills, int week,
                               std::size_t municipality, std::size_t municipalities);

/// The share by which the municipality raises its rehabilitative-work places (and the referral
/// rate to them) in `week`:
/// min(max_increase, elasticity x (bill / threshold - 1)) when the bill is above the threshold,
/// else 0; 0 when the rule is off or the history is too short.
double added_places_share(const scenario::MunicipalityResponseSpec& rule, const BillHistory& bills, int week,
                          std::size_t municipality, std::size_t municipalities);

}  // namespace kokeilu::policy
