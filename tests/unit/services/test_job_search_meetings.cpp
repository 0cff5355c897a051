// The Nordic model's job-search meetings (services/service_job_search_meetings.hpp), a service
// module: its schedule, its effect on job search, its cost, its start by date, and the shipped
// designs that use it.
#include <catch2/catch.hpp>

#include <cmath>

#include "scenario/load.hpp"
#include "services/plan.hpp"
#include "services/service_job_search_meetings.hpp"
#include "sim/simulation.hpp"
#include "support/capture_sink.hpp"
#include "support/run_captured.hpp"
#include "support/small_scenario.hpp"

using namespace kokeilu;
using services::JobSearchMeetings;

namespace {

JobSearchMeetings::Spec& meetings_of(scenario::DesignSpec& design) {
  return std::get<JobSearchMeetings::Spec>(design.modules);
}

services::ModulePerson client(int weeks_as_client) {
  services::ModulePerson person;
  person.status = Status::unemployed;
  person.client = true;
  person.weeks_as_client = weeks_as_client;
  return person;
}

testing::CaptureSink run(const scenario::ScenarioSpec& spec) { return testing::run_captured(spec, 77); }

std::int64_t found_jobs(const testing::CaptureSink& sink, int from_week, int to_week) {
  std::int64_t found = 0;
  for (int w = from_week; w < to_week; ++w)
    for (auto x : sink.totals[static_cast<std::size_t>(w)].found_job) found += x;
  return found;
}

std::int64_t unemployed_weeks(const testing::CaptureSink& sink, int from_week, int to_week) {
  std::int64_t weeks = 0;
  for (int w = from_week; w < to_week; ++w) {
    const auto& counts = sink.totals[static_cast<std::size_t>(w)].status_counts;
    for (std::size_t k = static_cast<std::size_t>(Status::unemployed); k < counts.size(); k += kStatusCount) weeks += counts[k];
  }
  return weeks;
}

}  // namespace

TEST_CASE("meetings: the first week of the relation, then every 2 weeks for 3 months", "[services][nordic]") {
  JobSearchMeetings::Spec spec;
  spec.enabled = true;
  const auto plan = JobSearchMeetings::plan(spec, Calendar(testing::date(2022, 1, 3), testing::date(2023, 1, 1)));
  int meetings = 0;
  for (int w = 0; w < 60; ++w) {
    const auto held = JobSearchMeetings::unemployed_week(plan, client(w));
    CHECK(held == ((w < 13 && w % 2 == 0) ? 1 : 0));
    meetings += static_cast<int>(held);
  }
  CHECK(meetings == 7);  // weeks 0, 2, ..., 12
  auto outsider = client(0);
  outsider.client = false;
  CHECK(JobSearchMeetings::unemployed_week(plan, outsider) == 0);
}

TEST_CASE("meetings raise job search in the first 3 months, applications for the whole spell", "[services][nordic]") {
  JobSearchMeetings::Spec spec;
  spec.enabled = true;
  spec.meeting_search_effort_multiplier = 1.2;
  spec.search_effort_per_application = 0.01;
  const auto plan = JobSearchMeetings::plan(spec, Calendar(testing::date(2022, 1, 3), testing::date(2023, 1, 1)));
  CHECK(JobSearchMeetings::effort_multiplier(plan, client(3)) == Approx(1.2 * 1.04));
  CHECK(JobSearchMeetings::effort_multiplier(plan, client(13)) == Approx(1.04));
  auto trainee = client(3);
  trainee.status = Status::training;
  CHECK(JobSearchMeetings::effort_multiplier(plan, trainee) == 1.0);
}

TEST_CASE("`from:` starts the meetings on their day: nothing changes before it", "[services][nordic]") {
  auto spec = testing::small_scenario(2000, testing::date(2016, 12, 31));
  spec.behaviour.matching_enabled = false;  // job finding follows effort directly
  const auto without = run(spec);
  auto& meetings = meetings_of(spec.baseline_design);
  meetings.enabled = true;
  meetings.from = testing::date(2015, 9, 7);
  meetings.meeting_search_effort_multiplier = 1.5;
  meetings.cost_eur_per_meeting = 100;
  const auto with = run(spec);
  const Calendar calendar(spec.run.start, spec.run.end);
  const int from_week = calendar.week_of(*meetings.from);
  REQUIRE(from_week > 10);
  // Before the day, the same bits.
  for (int w = 0; w < from_week; ++w) {
    CAPTURE(w);
    REQUIRE(with.totals[static_cast<std::size_t>(w)].status_counts == without.totals[static_cast<std::size_t>(w)].status_counts);
    REQUIRE(with.totals[static_cast<std::size_t>(w)].cost == without.totals[static_cast<std::size_t>(w)].cost);
  }
  // After it, shorter unemployment (more job search in a relation's first weeks), and meetings
  // paid by the TE office's payer (the state). Not "more jobs found": with matching off and the
  // small scenario's high base rate, nearly every spell ends in a job with or without meetings,
  // so the count of jobs found is bound by the inflow (+0.3 % measured); the weeks out of work
  // are what meetings shorten.
  INFO("jobs found " << found_jobs(with, from_week, with.weeks) << " with, " << found_jobs(without, from_week, without.weeks) << " without");
  CHECK(static_cast<double>(unemployed_weeks(with, from_week, with.weeks)) <
        static_cast<double>(unemployed_weeks(without, from_week, without.weeks)) * 0.97);
  std::int64_t state_with = 0, state_without = 0;
  for (int w = from_week; w < with.weeks; ++w)
    for (std::size_t m = 0; m < 3; ++m) {
      state_with += with.totals[static_cast<std::size_t>(w)].cost[m * kPayerCount + static_cast<int>(Payer::state)];
      state_without += without.totals[static_cast<std::size_t>(w)].cost[m * kPayerCount + static_cast<int>(Payer::state)];
    }
  CHECK(state_with != state_without);
  // The module's own counter (by municipality and module): meetings only from the day, none
  // without the module.
  constexpr std::size_t kMeetings = 1;  // its place in services/modules.hpp
  REQUIRE(services::kModuleNames[kMeetings] == JobSearchMeetings::kName);
  auto meetings_in = [&](const auto& result, int first, int last) {
    std::int64_t held = 0;
    for (int w = first; w < last; ++w) {
      const auto& events = result.totals[static_cast<std::size_t>(w)].module_events;
      for (std::size_t k = kMeetings; k < events.size(); k += services::kModuleCount) held += events[k];
    }
    return held;
  };
  CHECK(meetings_in(with, 0, from_week) == 0);
  CHECK(meetings_in(with, from_week, with.weeks) > 100);
  CHECK(meetings_in(without, 0, without.weeks) == 0);
}

TEST_CASE("the TE office's baseline switches to the Nordic model on 2.5.2022: the 2020-2022 pilot inherits it",
          "[services][nordic][scenario]") {
  const auto designs = std::filesystem::path(KOKEILU_SOURCE_DIR) / "scenarios/designs";
  for (const char* name : {"baseline-te-office.yaml", "pilot-2020-2022.yaml"}) {
    CAPTURE(name);
    auto design = scenario::load_design(designs / name);
    const auto& meetings = meetings_of(design);
    CHECK(meetings.enabled);
    REQUIRE(meetings.from.has_value());
    CHECK(*meetings.from == testing::date(2022, 5, 2));
    CHECK(meetings.first_meeting_days == 5);
    CHECK(meetings.meeting_interval_weeks == 2);
    CHECK(meetings.intensive_weeks == 13);
    CHECK(meetings.applications_per_month == 4);
  }
}
