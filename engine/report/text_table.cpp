#include "report/text_table.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

namespace kokeilu::report {

std::size_t display_width(std::string_view utf8) {
  std::size_t width = 0;
  for (const char c : utf8)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++width;  // not a continuation byte
  return width;
}

std::string grouped(double value, int decimals, bool sign) {
  if (std::isnan(value)) return "n/a";
  const std::string digits = fmt::format("{:.{}f}", std::fabs(value), decimals);
  const bool zero = digits.find_first_not_of("0.") == std::string::npos;  // no "-0" nor "+0"
  std::string out = zero ? "" : value < 0 ? "-" : sign ? "+" : "";
  const std::size_t integer_digits = std::min(digits.find('.'), digits.size());
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && i < integer_digits && (integer_digits - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

void TextTable::add_row(std::vector<std::string> cells) {
  if (cells.size() > align_.size())
    throw std::invalid_argument(fmt::format("table row of {} cells, {} columns", cells.size(), align_.size()));
  rows_.push_back(std::move(cells));
}

std::string TextTable::format() const {
  std::vector<std::size_t> widths(align_.size(), 0);
  for (const auto& row : rows_)
    for (std::size_t c = 0; c < row.size(); ++c) widths[c] = std::max(widths[c], display_width(row[c]));
  std::string out;
  for (const auto& row : rows_) {
    std::string line(static_cast<std::size_t>(indent_), ' ');
    for (std::size_t c = 0; c < row.size(); ++c) {
      const std::string padding(widths[c] - display_width(row[c]), ' ');
      if (c > 0) line += std::string(static_cast<std::size_t>(gap_), ' ');
      line += align_[c] == Align::left ? row[c] + padding : padding + row[c];
    }
    line.erase(line.find_last_not_of(' ') + 1);
    out += line + "\n";
  }
  return out;
}

}  // namespace kokeilu::report
