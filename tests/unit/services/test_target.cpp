// Each design's target predicate picks exactly the right people from a hand-built population.
#include <catch2/catch.hpp>

#include "policy/target.hpp"
#include "support/designs.hpp"

using namespace kokeilu;
using Kind = scenario::TargetPredicate::Kind;

namespace {

struct Person {
  const char* name;
  Status status;
  int age;
  int spell_weeks;
  int earnings_related_days;
  int subsidy_days;
  Benefit benefit;
  bool foreign;
};

// The hand-built population: each row is one kind of jobseeker the designs tell apart.
const Person kPeople[] = {
    {"young, fresh, earnings-related", Status::unemployed, 24, 3, 15, 0, Benefit::earnings_related, false},
    {"30, LTU 60 weeks, subsidy", Status::unemployed, 30, 60, 300, 0, Benefit::labour_market_subsidy, false},
    {"45, 20 weeks, 520 benefit days", Status::unemployed, 45, 20, 400, 120, Benefit::labour_market_subsidy, false},
    {"40, 10 weeks, basic allowance", Status::unemployed, 40, 10, 50, 0, Benefit::basic_allowance, false},
    {"50, 8 weeks, earnings-related, foreign", Status::unemployed, 50, 8, 40, 0, Benefit::earnings_related, true},
    {"35, 30 weeks, earnings-related", Status::unemployed, 35, 30, 150, 0, Benefit::earnings_related, false},
    {"employed 28-year-old", Status::employed, 28, 100, 0, 0, Benefit::none, false},
};

population::People build() {
  population::People p;
  p.resize(std::size(kPeople));
  for (std::size_t i = 0; i < std::size(kPeople); ++i) {
    const auto& x = kPeople[i];
    p.status[i] = static_cast<std::uint8_t>(x.status);
    p.birth_year[i] = static_cast<std::uint16_t>(2020 - x.age);
    p.spell_weeks[i] = static_cast<std::uint16_t>(x.spell_weeks);
    p.earnings_related_days[i] = static_cast<std::uint16_t>(x.earnings_related_days);
    p.subsidy_days[i] = static_cast<std::uint16_t>(x.subsidy_days);
    p.benefit[i] = static_cast<std::uint8_t>(x.benefit);
    p.foreign_language[i] = x.foreign;
  }
  return p;
}

std::vector<int> picked(const scenario::TargetPredicate& predicate) {
  const auto p = build();
  std::vector<int> out;
  for (std::size_t i = 0; i < p.size(); ++i)
    if (policy::matches(predicate, p, i, 2020 - p.birth_year[i])) out.push_back(static_cast<int>(i));
  return out;
}

}  // namespace

TEST_CASE("2012-2015 pilot: 500 benefit days or 12 months without a break", "[services][target]") {
  const auto target = testing::any_of({testing::leaf(Kind::benefit_days_at_least, 500),
                                       testing::leaf(Kind::spell_weeks_at_least, 52)});
  CHECK(picked(target) == std::vector<int>{1, 2});
}

TEST_CASE("2020-2022 pilot: under 30, Kela benefits, foreign-language speakers", "[services][target]") {
  const auto target = testing::any_of({testing::leaf(Kind::age_under, 30),
                                       testing::benefit_in({Benefit::basic_allowance, Benefit::labour_market_subsidy}),
                                       testing::leaf(Kind::foreign_language)});
  // The employed 28-year-old meets "under 30" too: entry also requires unemployment, which the
  // client rule checks (services::update_client), not the predicate.
  CHECK(picked(target) == std::vector<int>{0, 1, 2, 3, 4, 6});
}

TEST_CASE("Pirkanmaa pilot: without earnings-related allowance", "[services][target]") {
  const auto target = testing::benefit_in({Benefit::basic_allowance, Benefit::labour_market_subsidy});
  CHECK(picked(target) == std::vector<int>{1, 2, 3});
}

TEST_CASE("all combines: everyone is everyone", "[services][target]") {
  const auto target = testing::all_of({testing::leaf(Kind::age_at_least, 35), testing::leaf(Kind::spell_weeks_at_least, 20)});
  CHECK(picked(target) == std::vector<int>{2, 5});
  CHECK(picked(testing::leaf(Kind::everyone)).size() == std::size(kPeople));
  CHECK(picked(testing::leaf(Kind::subsidy_days_at_least, 100)) == std::vector<int>{2});
}
