// The weekly counters are declared once (services/week_counters.hpp); these tests fail when a
// counter is kept, merged, reported or documented anywhere but through that list.
#include <catch2/catch.hpp>

#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>

#include "sim/kernel.hpp"
#include "sim/run_sink.hpp"

using namespace kokeilu;
using services::CounterScope;
using services::kWeekCounters;

namespace {

std::size_t declared_numbers() {
  std::size_t n = 0;
  for (const auto& c : kWeekCounters) n += static_cast<std::size_t>(c.width());
  return n;
}

/// Gives every number of every counter its own value.
void fill(sim::MunicipalityTotals& t, std::int64_t base) {
  std::int64_t v = base;
  for (auto span : t.counters())
    for (auto& x : span) x = v++;
}

}  // namespace

TEST_CASE("every number of a municipality's totals is a declared counter, once") {
  // A field added beside the list would not be merged, reset or reported: its bytes would show here.
  CHECK(sizeof(sim::MunicipalityTotals) == declared_numbers() * sizeof(std::int64_t));
  sim::MunicipalityTotals t;
  const auto spans = t.counters();
  std::set<const std::int64_t*> seen;
  for (std::size_t c = 0; c < spans.size(); ++c) {
    CAPTURE(kWeekCounters[c].name);
    CHECK(spans[c].size() == static_cast<std::size_t>(kWeekCounters[c].width()));
    for (auto& x : spans[c]) CHECK(seen.insert(&x).second);
  }
  CHECK(seen.size() == declared_numbers());
}

TEST_CASE("merging chunks adds every counter") {
  sim::MunicipalityTotals a, b;
  fill(a, 1);
  fill(b, 1000);
  a.add(b);
  std::int64_t v = 0;
  for (auto span : a.counters())
    for (auto x : span) {
      CHECK(x == (1 + v) + (1000 + v));
      ++v;
    }
}

TEST_CASE("a week's totals have one vector per reported counter, sized by its scope") {
  const int municipalities = 3;
  sim::WeekTotals t(municipalities);
  const auto fields = t.counters();
  for (std::size_t c = 0; c < fields.size(); ++c) {
    const auto& info = kWeekCounters[c];
    CAPTURE(info.name);
    REQUIRE((fields[c] != nullptr) == info.reported());
    if (!info.reported()) continue;
    const auto width = static_cast<std::size_t>(info.width());
    CHECK(fields[c]->size() == (info.scope == CounterScope::region ? width : width * municipalities));
  }
  SECTION("equality and addition see every counter") {
    for (std::size_t c = 0; c < fields.size(); ++c) {
      if (fields[c] == nullptr) continue;
      CAPTURE(kWeekCounters[c].name);
      const sim::WeekTotals zero(municipalities);
      sim::WeekTotals other(municipalities), sum(municipalities);
      CHECK(other == zero);
      other.counters()[c]->back() = 7;
      CHECK(other.first_difference(zero) == kWeekCounters[c].name);
      sum.add(other);
      CHECK(sum.counters()[c]->back() == 7);
    }
  }
}

TEST_CASE("docs/hdf5-schema.md documents every reported counter as declared") {
  std::ifstream file(KOKEILU_SOURCE_DIR "/docs/hdf5-schema.md");
  REQUIRE(file);
  std::map<std::string, std::string> documented;  // /weekly/<name> -> its table row
  for (std::string line; std::getline(file, line);) {
    const auto start = line.find("| `/weekly/");
    if (start != 0) continue;
    const auto end = line.find('`', 3);
    documented[line.substr(3, end - 3)] = line;
  }
  const std::map<std::string_view, std::string> letter{{"status", "S"}, {"benefit", "B"}, {"payer", "P"},
                                                       {"bracket", "D"}, {"service", "V"}, {"sector", "C"},
                                                       {"exit", "E"}, {"module", "U"}};
  std::set<std::string> expected_names{"/weekly/activation_rate"};  // derived from status_counts by the writer
  for (const auto& c : kWeekCounters) {
    if (!c.reported()) continue;
    CAPTURE(c.name);
    const std::string name = "/weekly/" + std::string(c.name) + (c.money() ? "_eur" : "");
    expected_names.insert(name);
    std::string shape = "[W";
    if (c.scope == CounterScope::municipality) shape += ", M";
    if (c.extent > 0) {
      REQUIRE(letter.count(c.axis) == 1);
      shape += ", " + letter.at(c.axis);
    }
    shape += "]";
    const std::string row = "| `" + name + "` | `" + shape + "` | " + (c.money() ? "float64" : "int64") + " | " +
                            std::string(c.meaning) + " |";
    REQUIRE(documented.count(name) == 1);
    CHECK(documented.at(name) == row);
  }
  for (const auto& [name, row] : documented) {
    CAPTURE(row);
    CHECK(expected_names.count(name) == 1);
  }
}
