#include <catch2/catch.hpp>

#include "core/calendar.hpp"

using namespace kokeilu;

TEST_CASE("dates parse and format as ISO", "[core][calendar]") {
  const auto d = parse_date("2012-09-03");
  REQUIRE(d.has_value());
  CHECK(format_date(*d) == "2012-09-03");
  CHECK(parse_date("2016-02-29").has_value());  // leap year
  const char* bad = GENERATE("2015-02-29", "2015-13-01", "2015-1-01", "15-01-01", "2015/01/01",
                             "2015-01-0x", "", "2015-00-10");
  CAPTURE(bad);
  CHECK_FALSE(parse_date(bad).has_value());
}

TEST_CASE("weeks map to dates and back", "[core][calendar]") {
  const Calendar cal(*parse_date("2012-09-03"), *parse_date("2016-12-31"));
  // 2012-09-03 .. 2016-12-31 is 1580 days: weeks starting on days 0, 7, ..., 1575.
  CHECK(cal.weeks() == 226);
  CHECK(format_date(cal.week_start(0)) == "2012-09-03");
  CHECK(format_date(cal.week_start(1)) == "2012-09-10");
  CHECK(format_date(cal.week_start(225)) == "2016-12-26");
  CHECK(cal.week_of(*parse_date("2012-09-09")) == 0);
  CHECK(cal.week_of(*parse_date("2012-09-10")) == 1);
  CHECK(cal.week_of(*parse_date("2012-09-02")) == -1);  // before the start
  CHECK(cal.week_of(*parse_date("2015-01-01")) == 121);
  CHECK(cal.year_of_week(121) == 2014);                  // week 121 starts 2014-12-29
  for (int w : {0, 17, 121, 225}) CHECK(cal.week_of(cal.week_start(w)) == w);
}

TEST_CASE("a one-day calendar has one week: an end before the start is refused", "[core][calendar]") {
  CHECK(Calendar(*parse_date("2020-01-01"), *parse_date("2020-01-01")).weeks() == 1);
  CHECK_THROWS_AS(Calendar(*parse_date("2020-01-02"), *parse_date("2020-01-01")), std::invalid_argument);
}
