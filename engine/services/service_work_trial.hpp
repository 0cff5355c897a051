#pragma once
// Work trial (työkokeilu): a placed service with a status of its own (services/module.hpp, "A
// module with a status"). The participant is paid the benefit and the supplement, the state pays
// the organiser; a person may drop out, and at the end finds an open job with a probability.
#include <span>
#include <string_view>
#include <vector>

#include "services/module_status.hpp"

namespace kokeilu::services {

struct WorkTrial {
  static constexpr std::string_view kName = "work_trial";
  static constexpr scenario::Service kService = scenario::Service::work_trial;  // its code on the `service` axis
  static constexpr std::string_view kAbout = kPlacedAbout;
  static constexpr Status kStatus = Status::work_trial;

  struct Spec : PlacedSpec {
    double open_job_after = 0.1;
  };

  static std::span<const scenario::Field<Spec>> fields() {
    using namespace scenario;
    using namespace scenario::yaml;
    static const std::vector<Field<Spec>> table = placed_fields<Spec>(
        {number_field<Spec>("open_job_after", &Spec::open_job_after, kProbability,
                            "probability of an open job at the end")});
    return {table.data(), table.size()};
  }

  struct Plan : PlacedPlan {
    double open_job_after = 0.1;
  };

  static Plan plan(const Spec& spec) {
    Plan plan;
    static_cast<PlacedPlan&>(plan) = placed_plan(spec);
    plan.open_job_after = spec.open_job_after;
    return plan;
  }

  /// The benefit goes on, with the supplement; the state pays the organiser.
  template <class Week>
  static void week(const Plan& plan, Week& w) {
    w.pay_benefit_and_supplement();
    w.pay(Payer::state, plan.cost_per_week);
  }

  static StatusExits exits(const Plan& plan, double) { return dropout_exit(plan); }

  template <class End>
  static Status complete(const Plan& plan, End& end) {
    return open_job_or_unemployment(plan.open_job_after, end.draws, end.i);
  }
};

}  // namespace kokeilu::services
