#include "report/text_table.hpp"

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
  std::string digits = fmt::format("{:.{}f}", std::fabs(value), decimals);
  if (std::stod(digits) == 0) return digits;  // no "-0" nor "+0"
  const std::size_t integer_end = digits.find('.') == std::string::npos ? digits.size() : digits.find('.');
  for (std::size_t at = integer_end; at > 3; at -= 3) digits.insert(at - 3, ",");
  return (value < 0 ? "-" : sign ? "+" : "") + digits;
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
