#include "core/calendar.hpp"

#include <charconv>
#include <stdexcept>

namespace kokeilu {

namespace {
using std::chrono::sys_days;

long days_between(Date from, Date to) {
  return static_cast<long>((sys_days{to} - sys_days{from}).count());
}

long floor_div(long a, long b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

bool parse_int(std::string_view text, int& out) {
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && ptr == text.data() + text.size();
}
}  // namespace

std::optional<Date> parse_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int y = 0, m = 0, d = 0;
  if (!parse_int(text.substr(0, 4), y) || !parse_int(text.substr(5, 2), m) ||
      !parse_int(text.substr(8, 2), d))
    return std::nullopt;
  Date date{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)},
            std::chrono::day{static_cast<unsigned>(d)}};
  if (!date.ok()) return std::nullopt;
  return date;
}

std::string format_date(Date date) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
  return buf;
}

Calendar::Calendar(Date start, Date end) : start_(start), end_(end) {
  const long span = days_between(start, end);
  if (span < 0) throw std::invalid_argument("calendar end is before its start");
  weeks_ = static_cast<int>(span / 7 + 1);
}

int Calendar::week_of(Date date) const {
  return static_cast<int>(floor_div(days_between(start_, date), 7));
}

Date Calendar::week_start(int week) const {
  return Date{sys_days{start_} + std::chrono::days{7L * week}};
}

int Calendar::year_of_week(int week) const { return static_cast<int>(week_start(week).year()); }

}  // namespace kokeilu
