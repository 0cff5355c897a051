// Service-needs assessment as a service module (services/service_assessment.hpp): once per
// client relation, `weeks_after_entry` after it began, revealing a barrier with its probability;
// counted in module_events and `assessments`, paid by the organiser; `from` delays it.
#include <catch2/catch.hpp>

#include "services/module_hooks.hpp"
#include "services/service_assessment.hpp"
#include "support/small_scenario.hpp"

using namespace kokeilu;
using services::Assessment;

namespace {

population::People one_client(int client_since, bool barrier) {
  population::People p;
  p.resize(1);
  p.status[0] = static_cast<std::uint8_t>(Status::unemployed);
  p.client_flags[0] = population::kClient;
  p.client_since[0] = static_cast<std::uint16_t>(client_since);
  p.barrier[0] = barrier ? 1 : 0;
  return p;
}

constexpr std::size_t kAssessmentIndex = 0;  // its place in services/modules.hpp

}  // namespace

TEST_CASE("assessment module: once per relation, weeks_after_entry after it began", "[services][modules]") {
  REQUIRE(services::kModuleNames[kAssessmentIndex] == Assessment::kName);
  Assessment::Spec spec;
  spec.enabled = true;
  spec.weeks_after_entry = 4;
  spec.barrier_found_probability = 1.0;
  const auto plan = Assessment::plan(spec, Calendar(testing::date(2015, 1, 5), testing::date(2016, 1, 3)));
  auto p = one_client(10, true);
  services::ServiceDraws draws(1, 0, 0);
  int made = 0, first = -1;
  for (int week = 10; week < 30; ++week) {
    services::PersonWeek w{p, 0, week, draws};
    const auto events = Assessment::unemployed_week(plan, w);
    made += static_cast<int>(events);
    if (events != 0 && first < 0) first = week;
  }
  CHECK(made == 1);
  CHECK(first == 14);
  CHECK(services::has_flag(p, 0, population::kAssessed));
  CHECK(services::has_flag(p, 0, population::kBarrierKnown));
  // Not a client: never assessed.
  auto q = one_client(10, true);
  q.client_flags[0] = 0;
  services::PersonWeek w{q, 0, 20, draws};
  CHECK(Assessment::unemployed_week(plan, w) == 0);
}

TEST_CASE("assessment module: the kernel's hook counts, pays, and waits for `from`", "[services][modules]") {
  auto spec = testing::small_scenario(10, testing::date(2015, 12, 31));
  auto& design = spec.baseline_design;
  auto& assessment = design.module<Assessment>();
  assessment.enabled = true;
  assessment.weeks_after_entry = 0;
  assessment.cost_eur = 60;
  const Calendar calendar(testing::date(2015, 1, 5), testing::date(2016, 1, 3));
  assessment.from = testing::date(2015, 3, 2);  // week 8
  const auto plan = services::make_plan(design, spec, calendar, true);
  REQUIRE(plan.any_week_module);
  CHECK_FALSE(plan.any_effort_module);  // the assessment has no effort hook
  services::ServiceDraws draws(1, 0, 0);
  for (int week : {7, 8}) {
    CAPTURE(week);
    auto p = one_client(0, false);
    std::array<Cents, kPayerCount> cost{};
    services::ServiceTotals totals;
    services::module_unemployed_week(plan, p, 0, week, draws, cost, totals);
    const std::int64_t expected = week < 8 ? 0 : 1;
    CHECK(totals.assessments == expected);
    CHECK(totals.module_events[kAssessmentIndex] == expected);
    CHECK(cost[static_cast<int>(Payer::state)] == expected * 6000);
  }
}
