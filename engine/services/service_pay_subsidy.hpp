#pragma once
// Pay-subsidised work (palkkatuki): a placed service with a status of its own (services/module.hpp,
// "A module with a status"). A subsidised job is a job: wages, no benefit, and its weeks count
// towards a new earnings-related entitlement; the state pays the employer the subsidy. It ends
// when its weeks run out (no drop-out), in an open job with the sector's probability.
//
// The rules of 2015 - mid-2023 (DOMAIN.md): 30 % of the pay cost for up to 6 months for those
// unemployed under a year, 40 % for up to 12 months after 12 months of unemployment, 50 % for up
// to 24 months after 24 months or with a disability (here: a known barrier); associations (third
// sector) up to 100 %. Capped per month.
#include <algorithm>
#include <array>
#include <span>
#include <string_view>
#include <vector>

#include "random/distributions.hpp"
#include "services/module_status.hpp"

namespace kokeilu::services {

struct SubsidyTerms {
  double rate = 0;        // share of the employer's pay cost
  int max_weeks = 0;      // longest subsidy
};

SubsidyTerms subsidy_terms(int spell_weeks, bool barrier_known, scenario::Sector sector);

struct PaySubsidy {
  static constexpr std::string_view kName = "pay_subsidy";
  static constexpr scenario::Service kService = scenario::Service::pay_subsidy;  // its code on the `service` axis
  static constexpr std::string_view kStatusName = "subsidised_job";  // its name on the `status` axis
  static constexpr std::string_view kAbout = kPlacedAbout;
  static constexpr Status kStatus = Status::subsidised_job;

  struct Spec : PlacedSpec {
    std::array<double, scenario::kSectorCount> sector_shares{0.5, 0.3, 0.2};
    double monthly_pay_cost_eur = 2500;            // employer's pay cost, for the subsidy
    double monthly_cap_eur = 1400;                 // (rule 2015) cap of the subsidy
    std::array<double, scenario::kSectorCount> open_job_after{0.35, 0.15, 0.10};  // probability at the end
  };

  static std::span<const scenario::Field<Spec>> fields() {
    using namespace scenario;
    using namespace scenario::yaml;
    using S = Spec;
    static const std::vector<Field<S>> table = placed_fields<S>({
        by_sector_field<S>("sector_shares", &S::sector_shares, true, "employer sector of a subsidised job"),
        number_field<S>("monthly_pay_cost_eur", &S::monthly_pay_cost_eur, kEurosPerMonth,
                        "employer's pay cost, for the subsidy"),
        number_field<S>("monthly_cap_eur", &S::monthly_cap_eur, kEurosPerMonth, "cap of the subsidy (rule 2015)"),
        by_sector_field<S>("open_job_after", &S::open_job_after, false,
                           "probability of an open job at the end, by sector (sectors not named keep theirs)"),
    });
    return {table.data(), table.size()};
  }

  /// A place-week for a budget also pays the subsidy at its highest rate, 50 % of the pay cost
  /// within the monthly cap, so that a budget never buys more places than it can pay for (a
  /// month is 52/12 weeks, as the step pays it).
  static double cost_per_place_week_eur(const Spec& spec) {
    return spec.cost_eur_per_week + std::min(spec.monthly_pay_cost_eur * 0.5, spec.monthly_cap_eur) * 12.0 / 52.0;
  }

  struct Plan : PlacedPlan {
    std::array<double, scenario::kSectorCount> sector_shares{};
    double monthly_pay_cost_eur = 2500;
    double monthly_cap_eur = 1400;
    std::array<double, scenario::kSectorCount> open_job_after{};
  };

  static Plan plan(const Spec& spec) {
    Plan plan;
    static_cast<PlacedPlan&>(plan) = placed_plan(spec);
    plan.sector_shares = spec.sector_shares;
    plan.monthly_pay_cost_eur = spec.monthly_pay_cost_eur;
    plan.monthly_cap_eur = spec.monthly_cap_eur;
    plan.open_job_after = spec.open_job_after;
    return plan;
  }

  /// On admission: the employer's sector, and the terms of the person's spell (which may cut the
  /// drawn length short). Returns the weeks of the placement.
  static int admitted(const Plan& plan, population::People& p, std::size_t i, int weeks,
                      const random::Block& words) {
    const auto sector = static_cast<scenario::Sector>(random::categorical(words[1], plan.sector_shares));
    const auto terms = subsidy_terms(p.spell_weeks[i], has_flag(p, i, population::kBarrierKnown), sector);
    p.sector[i] = static_cast<std::uint8_t>(sector);
    p.subsidy_percent[i] = static_cast<std::uint8_t>(terms.rate * 100.0 + 0.5);
    return std::min(weeks, terms.max_weeks);
  }

  /// A week in the status, counted by the employer's sector.
  template <class Totals>
  static void count_held(Totals& totals, const population::People& p, std::size_t i) {
    totals.subsidised_by_sector[p.sector[i]] += 1;
  }

  /// A job: wages, no benefit; it counts towards a new earnings-related entitlement. The state
  /// pays the employer the subsidy.
  template <class Week>
  static void week(const Plan& plan, Week& w) {
    w.count_work_week();
    const double monthly = std::min(plan.monthly_pay_cost_eur * w.people.subsidy_percent[w.i] / 100.0,
                                    plan.monthly_cap_eur);
    w.pay(Payer::state, cents_from_eur(monthly * 12.0 / 52.0));
  }

  /// No drop-out: it ends when its weeks run out, in an open job by the sector's probability.
  template <class End>
  static Status complete(const Plan& plan, End& end) {
    return open_job_or_unemployment(plan.open_job_after[end.people.sector[end.i]], end.draws, end.i);
  }
};

/// Subsidy paid per week (state), cents.
Cents weekly_subsidy(const PaySubsidy::Spec& spec, const SubsidyTerms& terms);

}  // namespace kokeilu::services
