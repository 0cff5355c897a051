#pragma once
// Rehabilitative work activity (kuntouttava työtoiminta): a placed service with a status of its
// own (services/module.hpp, "A module with a status"), for those with a known barrier or a long
// spell (DOMAIN.md). The municipality organises it and pays the participant, the state
// compensates a part; a barrier may fall away during it. At the end a person goes on to
// training's or pay subsidy's queue, to an open job, or back to unemployment (counted by exit).
// A municipality responding to its co-payment bill raises its places and referrals
// (policy/municipality_response.hpp).
#include <cmath>
#include <span>
#include <string_view>
#include <vector>

#include "services/module_status.hpp"

namespace kokeilu::services {

/// Where a person goes at the end of rehabilitative work activity: the `exit` axis of the counter
/// `rehabilitative_exits` (io/schema.hpp names them).
enum RehabilitativeExit { kToTraining = 0, kToPaySubsidy = 1, kToOpenJob = 2, kToUnemployment = 3 };
inline constexpr int kRehabilitativeExitCount = 4;

struct RehabilitativeWork {
  static constexpr std::string_view kName = "rehabilitative_work";
  static constexpr scenario::Service kService = scenario::Service::rehabilitative_work;  // its code on the `service` axis
  static constexpr std::string_view kStatusName = "rehabilitative";  // its name on the `status` axis
  static constexpr std::string_view kAbout = kPlacedAbout;
  static constexpr Status kStatus = Status::rehabilitative;
  /// A municipality responding to its co-payment bill adds places and referrals here.
  static constexpr bool kRaisedByMunicipalityResponse = true;

  struct Spec : PlacedSpec {
    int days_per_week = 3;
    double barrier_resolved_rate_per_week = 0.01;  // a barrier falls away while in the activity
    double participant_eur_per_day = 9;            // paid to the participant (municipality)
    double state_compensation_eur_per_day = 10;    // state pays the municipality
    /// Where people go at the end: training, pay subsidy, open job; the rest back to unemployment.
    double to_training = 0.1, to_pay_subsidy = 0.1, to_open_job = 0.05;
  };

  static std::span<const scenario::Field<Spec>> fields() {
    using namespace scenario;
    using namespace scenario::yaml;
    using S = Spec;
    static const std::vector<Field<S>> table = placed_fields<S>({
        whole_field<S>("days_per_week", &S::days_per_week, 1, 7, "days", "days of activity a week"),
        number_field<S>("barrier_resolved_rate_per_week", &S::barrier_resolved_rate_per_week, kRatePerWeek,
                        "a barrier falls away while in the activity"),
        number_field<S>("participant_eur_per_day", &S::participant_eur_per_day, kEurosPerDay,
                        "paid to the participant (municipality)"),
        number_field<S>("state_compensation_eur_per_day", &S::state_compensation_eur_per_day, kEurosPerDay,
                        "the state pays the municipality"),
        number_field<S>("exits.to_training", &S::to_training, kProbability,
                        "at the end: to training's queue (the three shares sum to at most 1; the rest return to "
                        "unemployment)"),
        number_field<S>("exits.to_pay_subsidy", &S::to_pay_subsidy, kProbability,
                        "at the end: to pay subsidy's queue"),
        number_field<S>("exits.to_open_job", &S::to_open_job, kProbability, "at the end: to an open job"),
    });
    return {table.data(), table.size()};
  }

  /// The rest go back to unemployment, so the three exit shares may not exceed 1 together.
  static void check(const scenario::yaml::Node& node, const Spec& s) {
    using namespace scenario::yaml;
    if (node.kind == Node::Kind::null) return;
    if (const Node* exits = optional(node, "exits"))
      if (s.to_training + s.to_pay_subsidy + s.to_open_job > 1.0 + kShareSumTolerance)
        fail(*exits, "the exit shares sum to more than 1 (the rest return to unemployment)");
  }

  /// A place-week for a budget also pays the participant's allowance.
  static double cost_per_place_week_eur(const Spec& spec) {
    return spec.cost_eur_per_week + spec.participant_eur_per_day * spec.days_per_week;
  }

  struct Plan : PlacedPlan {
    Cents cost_per_week_with_allowance = 0;         // organiser's cost + participant's allowance
    Cents state_compensation_per_week = 0;
    double barrier_resolved_rate_per_week = 0.01;
    double to_training = 0.1, to_pay_subsidy = 0.1, to_open_job = 0.05;
  };

  static Plan plan(const Spec& spec) {
    Plan plan;
    static_cast<PlacedPlan&>(plan) = placed_plan(spec);
    plan.cost_per_week_with_allowance =
        cents_from_eur(spec.cost_eur_per_week + spec.participant_eur_per_day * spec.days_per_week);
    plan.state_compensation_per_week = cents_from_eur(spec.state_compensation_eur_per_day * spec.days_per_week);
    plan.barrier_resolved_rate_per_week = spec.barrier_resolved_rate_per_week;
    plan.to_training = spec.to_training;
    plan.to_pay_subsidy = spec.to_pay_subsidy;
    plan.to_open_job = spec.to_open_job;
    return plan;
  }

  /// For those with a known barrier or a long spell (DOMAIN.md), at any age.
  static bool eligible(const population::People& p, std::size_t i, int /*age_years*/) {
    return has_flag(p, i, population::kBarrierKnown) || p.spell_weeks[i] >= 52;
  }

  /// The benefit goes on, with the supplement; the municipality organises the activity and pays
  /// the participant, the state compensates a part. A barrier may fall away.
  template <class Week>
  static void week(const Plan& plan, Week& w) {
    w.pay_benefit_and_supplement();
    w.pay(Payer::municipality, plan.cost_per_week_with_allowance - plan.state_compensation_per_week);
    w.pay(Payer::state, plan.state_compensation_per_week);
    auto& p = w.people;
    if (!p.barrier[w.i]) return;
    const double rate = plan.barrier_resolved_rate_per_week;
    if (rate > 0 && uniform(w.draws.barrier, w.i) < -std::expm1(-rate)) {
      p.barrier[w.i] = 0;
      set_flag(p, w.i, population::kBarrierKnown, false);
    }
  }

  static StatusExits exits(const Plan& plan, double) { return dropout_exit(plan); }
  template <class Totals>
  static void left_early(Totals& totals) { totals.rehabilitative_exits[kToUnemployment] += 1; }

  /// Ended: to training or pay subsidy (their queues, where the person's plan has them), an open
  /// job, or back to unemployment.
  template <class End>
  static Status complete(const Plan& plan, End& end) {
    auto& exits = end.totals.rehabilitative_exits;
    const double u = uniform(end.draws.completion, end.i);
    if (u < plan.to_training) {
      exits[kToTraining] += 1;
      end.queue_for(scenario::Service::training);
    } else if (u < plan.to_training + plan.to_pay_subsidy) {
      exits[kToPaySubsidy] += 1;
      end.queue_for(scenario::Service::pay_subsidy);
    } else if (u < plan.to_training + plan.to_pay_subsidy + plan.to_open_job) {
      exits[kToOpenJob] += 1;
      return Status::employed;
    } else {
      exits[kToUnemployment] += 1;
    }
    return Status::unemployed;
  }
};

}  // namespace kokeilu::services
