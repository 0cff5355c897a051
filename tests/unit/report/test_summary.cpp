#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include "report/summary.hpp"

using namespace kokeilu::report;

TEST_CASE("an area with nobody to activate shows no activation rate, not 0 %", "[report][summary]") {
  RunSummary summary;
  summary.last_week_start = "2013-08-26";
  summary.weeks = 52;
  AreaSummary everyone_employed{"Kokemäki", 1200, 1.0, 0.0, 0.0, std::numeric_limits<double>::quiet_NaN(), 0.0};
  summary.municipalities.push_back(everyone_employed);
  summary.region = everyone_employed;
  summary.region.name = "region";
  const auto text = format_summary(summary);
  CAPTURE(text);
  CHECK(text.find("Kokemäki    1,200") != std::string::npos);
  CHECK(text.find("n/a") != std::string::npos);
  CHECK(text.find("nan") == std::string::npos);
  CHECK(summary_json(summary).dump().find("\"activation_rate\": null") != std::string::npos);
}
