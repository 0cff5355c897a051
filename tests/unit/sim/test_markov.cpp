// Analytic check: with market effects off and constant hazards, the population is a Markov
// chain on (employed, unemployed, inactive) whose weekly transition matrix follows from the
// competing rates. Simulated shares must follow x_{t+1} = P^T x_t within 4 standard errors.
#include <catch2/catch.hpp>

#include <Eigen/Dense>
#include <cmath>

#include "sim/simulation.hpp"
#include "support/capture_sink.hpp"
#include "support/small_scenario.hpp"

using namespace kokeilu;

namespace {

/// Row `from`: probabilities of each state at the week's end, for competing rates to two states.
void fill_row(Eigen::Matrix3d& P, int from, int to_a, double rate_a, int to_b, double rate_b) {
  const double total = rate_a + rate_b;
  const double leave = 1.0 - std::exp(-total);
  P.row(from).setZero();
  P(from, from) = 1.0 - leave;
  P(from, to_a) += leave * rate_a / total;
  P(from, to_b) += leave * rate_b / total;
}

}  // namespace

TEST_CASE("constant hazards reproduce the Markov chain", "[sim][analytic]") {
  auto spec = testing::small_scenario(20000, testing::date(2016, 8, 28));  // 104 weeks
  auto& be = spec.behaviour;
  be.matching_enabled = false;
  const double job = 0.03, u_inactive = 0.006, separation = 0.004, e_inactive = 0.001,
               i_unemployed = 0.003, i_employed = 0.002;
  be.search_effort = testing::constant_hazard(job);
  be.unemployed_to_inactive = testing::constant_hazard(u_inactive);
  be.separation = testing::constant_hazard(separation);
  be.employed_to_inactive = testing::constant_hazard(e_inactive);
  be.inactive_to_unemployed = testing::constant_hazard(i_unemployed);
  be.inactive_to_employed = testing::constant_hazard(i_employed);
  be.retirement_age_years = 200;  // nobody retires during the test

  testing::CaptureSink sink;
  sim::RunOptions options;
  options.threads = 2;
  sim::Simulation(spec, 2024).run(sink, options);

  enum { E = 0, U = 1, I = 2 };
  Eigen::Matrix3d P;
  fill_row(P, E, U, separation, I, e_inactive);
  fill_row(P, U, E, job, I, u_inactive);
  fill_row(P, I, U, i_unemployed, E, i_employed);
  REQUIRE((P.rowwise().sum().array() - 1.0).abs().maxCoeff() < 1e-12);

  const auto count = [&](const std::vector<std::int64_t>& counts, Status s) {
    std::int64_t n = 0;
    for (int m = 0; m < 3; ++m) n += counts[static_cast<std::size_t>(m * kStatusCount + static_cast<int>(s))];
    return static_cast<double>(n);
  };
  const double n = static_cast<double>(sink.persons);
  std::vector<std::int64_t> initial(3 * kStatusCount, 0);
  for (std::size_t i = 0; i < sink.persons; ++i)
    initial[sink.initial_state.municipality[i] * kStatusCount + sink.initial_state.status[i]] += 1;
  Eigen::RowVector3d x(count(initial, Status::employed) / n, count(initial, Status::unemployed) / n,
                       count(initial, Status::inactive) / n);

  int checked = 0;
  double worst_z = 0;
  for (const auto& week : sink.totals) {
    x = x * P;  // expected shares at the end of this week
    const double simulated[3] = {count(week.status_counts, Status::employed) / n,
                                 count(week.status_counts, Status::unemployed) / n,
                                 count(week.status_counts, Status::inactive) / n};
    for (int s = 0; s < 3; ++s) {
      const double se = std::sqrt(x(s) * (1 - x(s)) / n);
      const double z = std::fabs(simulated[s] - x(s)) / se;
      worst_z = std::max(worst_z, z);
      CAPTURE(checked, s, simulated[s], x(s));
      REQUIRE(z < 4.0);
    }
    ++checked;
  }
  CHECK(checked == 104);
  // The chain moved away from the initial shares: the check is not vacuous.
  CHECK(std::fabs(x(U) - count(initial, Status::unemployed) / n) > 0.01);
  INFO("largest deviation: " << worst_z << " standard errors");
}
