#pragma once
// Tables and numbers for a terminal: columns aligned by what the eye sees (UTF-8 code points,
// so "Kokemäki" lines up with "Pori"), money with thousands separators.
#include <string>
#include <string_view>
#include <vector>

namespace kokeilu::report {

/// Columns a UTF-8 string takes on a terminal: its code points (every name Kokeilu prints is in a
/// Latin script; no double-width characters).
std::size_t display_width(std::string_view utf8);

/// `value` rounded to `decimals`, digits grouped by thousands with ','; a '+' before positive
/// values when `sign` ("+1,234,567", "-5,175", "0"). NaN is "n/a".
std::string grouped(double value, int decimals = 0, bool sign = false);

enum class Align { left, right };

/// Rows of cells; each column as wide as its widest cell, cells separated by `gap` spaces,
/// every line `indent` spaces in and without trailing blanks.
class TextTable {
 public:
  explicit TextTable(std::vector<Align> columns, int indent = 0, int gap = 2)
      : align_(std::move(columns)), indent_(indent), gap_(gap) {}
  /// @throws std::invalid_argument when the row has more cells than the table has columns
  void add_row(std::vector<std::string> cells);
  std::string format() const;

 private:
  std::vector<Align> align_;
  int indent_;
  int gap_;
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace kokeilu::report
