#pragma once
// Labour-market training (työvoimakoulutus): a placed service with a status of its own
// (services/module.hpp, "A module with a status"). A trainee is paid the benefit and the
// supplement; job search goes on at a reduced effort (lock-in), so job finding and dropping out
// compete at the week's end. On completion employability rises, perhaps with a qualification;
// the gain fades in later weeks out of work.
#include <span>
#include <string_view>
#include <vector>

#include "services/module_status.hpp"

namespace kokeilu::services {

struct Training {
  static constexpr std::string_view kName = "training";
  static constexpr scenario::Service kService = scenario::Service::training;  // its code on the `service` axis
  static constexpr std::string_view kAbout = kPlacedAbout;
  static constexpr Status kStatus = Status::training;

  struct Spec : PlacedSpec {
    double lock_in_search_multiplier = 0.3;    // job search while in training, share of normal
    double employability_gain = 0.25;          // added to employability on completion
    double employability_decay_per_week = 0;   // share of the gain lost per week out of work
    double qualification_probability = 0.5;    // completion gives a qualification
  };

  static std::span<const scenario::Field<Spec>> fields() {
    using namespace scenario;
    using namespace scenario::yaml;
    using S = Spec;
    static const std::vector<Field<S>> table = placed_fields<S>({
        number_field<S>("lock_in_search_multiplier", &S::lock_in_search_multiplier, kMultiplier,
                        "job search while in training, share of normal"),
        number_field<S>("employability_gain", &S::employability_gain, kMultiplier,
                        "added to employability on completion"),
        number_field<S>("employability_decay_per_week", &S::employability_decay_per_week, kProbability,
                        "share of the gain lost per week out of work"),
        number_field<S>("qualification_probability", &S::qualification_probability, kProbability,
                        "completion gives a qualification"),
    });
    return {table.data(), table.size()};
  }

  struct Plan : PlacedPlan {
    double lock_in_search_multiplier = 0.3;
    double employability_gain = 0.25;
    double employability_decay_per_week = 0;
    double qualification_probability = 0.5;
  };

  static Plan plan(const Spec& spec) {
    Plan plan;
    static_cast<PlacedPlan&>(plan) = placed_plan(spec);
    plan.lock_in_search_multiplier = spec.lock_in_search_multiplier;
    plan.employability_gain = spec.employability_gain;
    plan.employability_decay_per_week = spec.employability_decay_per_week;
    plan.qualification_probability = spec.qualification_probability;
    return plan;
  }

  /// A trainee searches for jobs, at this share of the effort.
  static double search_effort_multiplier(const Plan& plan) { return plan.lock_in_search_multiplier; }

  /// The benefit goes on, with the supplement; the state pays the course.
  template <class Week>
  static void week(const Plan& plan, Week& w) {
    w.pay_benefit_and_supplement();
    w.pay(Payer::state, plan.cost_per_week);
  }

  /// Lock-in: a job found competes with dropping out.
  static StatusExits exits(const Plan& plan, double job_rate) { return lock_in_exits(plan, job_rate); }

  /// Completed: back to job search with higher employability, perhaps a qualification.
  template <class End>
  static Status complete(const Plan& plan, End& end) {
    return complete_study(plan.employability_gain, plan.qualification_probability, end.people, end.i, end.draws);
  }

  /// The gain fades in a week that ends out of work (towards the average of 1): skills go out of
  /// date in unemployment, not in a job. For anyone, by the rules of their organiser's plan.
  static void out_of_work_week(const Plan& plan, population::People& p, std::size_t i) {
    const double decay = plan.employability_decay_per_week;
    if (decay > 0 && p.employability[i] > 1.0f)
      p.employability[i] = static_cast<float>(1.0 + (p.employability[i] - 1.0) * (1.0 - decay));
  }
};

}  // namespace kokeilu::services
