#pragma once
// Self-motivated study on unemployment benefit (omaehtoinen opiskelu työttömyysetuudella): a
// placed service with a status of its own (services/module.hpp, "A module with a status"). By
// the law an unemployed jobseeker aged 25 or over whose need for education the TE office has
// judged studies full time for a qualification and keeps the unemployment benefit, for up to 24
// months. It counts as an activating service (is_activating_service): the student is not
// unemployed. Modelled like training, on the same hooks: the benefit goes on WITHOUT the
// supplement, the education system pays the studies (no course cost to the organiser by
// default), job search goes on at a reduced effort (lock-in), a student may drop out back to
// unemployment, and completion raises employability, perhaps with a qualification.
//
// Off unless a design names it (with places and a referral rate); the TE office's design
// (scenarios/designs/baseline-te-office.yaml) does, with the national volume (approx.), and the
// pilot designs inherit it. Its defaults are approximations (approx.), not fitted:
// docs/calibration.md, "What the activation rate lacks".
// The age condition (25 or over in the year of referral, the engine's age) is the referral hook
// `eligible`. Left out: the TE office's judgement of a need for education (any eligible client
// may be referred).
#include <span>
#include <string_view>
#include <vector>

#include "services/module_status.hpp"

namespace kokeilu::services {

struct SelfMotivatedStudy {
  static constexpr std::string_view kName = "self_motivated_study";
  static constexpr scenario::Service kService = scenario::Service::self_motivated_study;  // its code on the `service` axis
  static constexpr std::string_view kAbout =
      "A placed service: scarce places filled from a queue by the design's priority rule. Self-motivated "
      "study on unemployment benefit (law: aged 25 or over, up to 24 months): the benefit goes on without "
      "the supplement, the education system pays the studies. Off unless a design names it; defaults "
      "approx. (a year or more of study, lock-in, drop-out, a training-like gain at completion).";
  static constexpr Status kStatus = Status::self_motivated_study;

  struct Spec : PlacedSpec {
    Spec() {
      duration = {26, 104};              // weeks (approx.: 6-24 months, mean 15; the law's cap 24 months)
      dropout_rate_per_week = 0.005;     // approx.: about 28 % leave before the end at the mean stay
    }
    double lock_in_search_multiplier = 0.2;    // approx.: full-time study, less search than training's 0.3
    double employability_gain = 0.2;           // approx.: added to employability on completion
    double qualification_probability = 0.5;    // approx.: completion gives a qualification
  };

  /// The law's age (rule): referred from the calendar year a person turns 25 (the engine's age,
  /// year - birth_year, as in the hazards).
  static constexpr int kMinAgeYears = 25;

  static std::span<const scenario::Field<Spec>> fields() {
    using namespace scenario;
    using namespace scenario::yaml;
    using S = Spec;
    static const std::vector<Field<S>> table = placed_fields<S>({
        number_field<S>("lock_in_search_multiplier", &S::lock_in_search_multiplier, kMultiplier,
                        "job search while studying, share of normal (approx.)"),
        number_field<S>("employability_gain", &S::employability_gain, kMultiplier,
                        "added to employability on completion (approx.)"),
        number_field<S>("qualification_probability", &S::qualification_probability, kProbability,
                        "completion gives a qualification (approx.)"),
    });
    return {table.data(), table.size()};
  }

  struct Plan : PlacedPlan {
    double lock_in_search_multiplier = 0.2;
    double employability_gain = 0.2;
    double qualification_probability = 0.5;
  };

  static Plan plan(const Spec& spec) {
    Plan plan;
    static_cast<PlacedPlan&>(plan) = placed_plan(spec);
    plan.lock_in_search_multiplier = spec.lock_in_search_multiplier;
    plan.employability_gain = spec.employability_gain;
    plan.qualification_probability = spec.qualification_probability;
    return plan;
  }

  /// Aged 25 or over (rule), whatever the spell and the assessment ask besides.
  static bool eligible(const population::People&, std::size_t, int age_years) { return age_years >= kMinAgeYears; }

  /// A student searches for jobs, at this share of the effort.
  static double search_effort_multiplier(const Plan& plan) { return plan.lock_in_search_multiplier; }

  /// The benefit goes on without the supplement; the organiser pays `cost_eur_per_week` (0 by
  /// default: the education system pays the studies).
  template <class Week>
  static void week(const Plan& plan, Week& w) {
    w.pay_benefit();
    w.pay(Payer::state, plan.cost_per_week);
  }

  /// Lock-in: a job found competes with dropping out.
  static StatusExits exits(const Plan& plan, double job_rate) { return lock_in_exits(plan, job_rate); }

  /// Completed: back to job search with higher employability, perhaps a qualification. The gain
  /// fades out of work by training's `employability_decay_per_week` (which fades any gain).
  template <class End>
  static Status complete(const Plan& plan, End& end) {
    return complete_study(plan.employability_gain, plan.qualification_probability, end.people, end.i, end.draws);
  }
};

}  // namespace kokeilu::services
