#pragma once
// Scenarios speak in dates; the simulation steps in weeks. Week w of a run covers the seven
// days starting at start + 7w. Dates are std::chrono civil dates (proleptic Gregorian).
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace kokeilu {

using Date = std::chrono::year_month_day;

/// Parses "YYYY-MM-DD"; nullopt when malformed or not a real date (2015-02-30).
std::optional<Date> parse_date(std::string_view text);
/// "YYYY-MM-DD".
std::string format_date(Date date);

/// Maps dates to week indexes of one run and back.
class Calendar {
 public:
  /// @param start first day of week 0; @param end last day simulated (inclusive).
  /// @throws std::invalid_argument if end is before start.
  Calendar(Date start, Date end);

  Date start() const { return start_; }
  Date end() const { return end_; }
  /// Number of weeks simulated: every week that starts on or before `end`.
  int weeks() const { return weeks_; }

  /// The week containing `date` (negative before the start; may be >= weeks() after the end).
  int week_of(Date date) const;
  /// First day of week `week`.
  Date week_start(int week) const;
  /// Calendar year in which week `week` starts.
  int year_of_week(int week) const;

 private:
  Date start_;
  Date end_;
  int weeks_;
};

}  // namespace kokeilu
