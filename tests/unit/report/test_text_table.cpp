#include <catch2/catch.hpp>

#include <cmath>
#include <sstream>

#include "report/text_table.hpp"

using namespace kokeilu::report;

TEST_CASE("display width counts what a terminal shows, not bytes", "[report][table]") {
  CHECK(display_width("Pori") == 4);
  CHECK(std::string("Kokemäki").size() == 9);
  CHECK(display_width("Kokemäki") == 8);
  CHECK(display_width("Säkylä, Eura") == 12);
  CHECK(display_width("") == 0);
}

TEST_CASE("numbers are grouped by thousands", "[report][table]") {
  CHECK(grouped(0) == "0");
  CHECK(grouped(999) == "999");
  CHECK(grouped(1000) == "1,000");
  CHECK(grouped(1234567.4) == "1,234,567");
  CHECK(grouped(-5175) == "-5,175");
  CHECK(grouped(-0.2) == "0");
  CHECK(grouped(0.2, 0, true) == "0");
  CHECK(grouped(1466, 0, true) == "+1,466");
  CHECK(grouped(-123456.789, 2) == "-123,456.79");
  CHECK(grouped(0.123, 3, true) == "+0.123");
  CHECK(grouped(std::nan("")) == "n/a");
}

TEST_CASE("columns align by display width", "[report][table]") {
  TextTable table({Align::left, Align::right}, 2);
  table.add_row({"area", "persons"});
  table.add_row({"Kokemäki", "7,000"});
  table.add_row({"Pori", "85,000"});
  table.add_row({"Satakunta"});
  const std::string text = table.format();
  CAPTURE(text);
  std::istringstream lines(text);
  std::vector<std::string> rows;
  for (std::string line; std::getline(lines, line);) rows.push_back(line);
  REQUIRE(rows.size() == 4);
  CHECK(rows[0] == "  area       persons");
  CHECK(rows[1] == "  Kokemäki     7,000");
  CHECK(rows[2] == "  Pori        85,000");
  CHECK(rows[3] == "  Satakunta");  // no trailing blanks
  for (std::size_t r = 0; r < 3; ++r) CHECK(display_width(rows[r]) == display_width(rows[0]));
  CHECK_THROWS_AS(table.add_row({"a", "b", "c"}), std::invalid_argument);
}
