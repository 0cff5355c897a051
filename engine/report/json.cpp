#include "report/json.hpp"

#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

namespace kokeilu::report {

namespace {

std::string quoted(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) out += fmt::format("\\u{:04x}", static_cast<int>(c));
        else out += c;  // UTF-8 passes through
    }
  }
  return out + "\"";
}

}  // namespace

Json Json::object() {
  Json j;
  j.kind_ = Kind::object;
  return j;
}

Json Json::array() {
  Json j;
  j.kind_ = Kind::array;
  return j;
}

Json Json::string(std::string_view text) {
  Json j;
  j.scalar_ = quoted(text);
  return j;
}

Json Json::number(double value) {
  Json j;
  // Shortest text that reads back as the same double.
  j.scalar_ = std::isfinite(value) ? fmt::format("{}", value) : "null";
  return j;
}

Json Json::integer(std::int64_t value) {
  Json j;
  j.scalar_ = std::to_string(value);
  return j;
}

Json Json::unsigned_integer(std::uint64_t value) {
  Json j;
  j.scalar_ = std::to_string(value);
  return j;
}

Json Json::boolean(bool value) {
  Json j;
  j.scalar_ = value ? "true" : "false";
  return j;
}

Json Json::null() {
  Json j;
  j.scalar_ = "null";
  return j;
}

Json& Json::set(std::string_view key, Json value) {
  if (kind_ != Kind::object) throw std::logic_error("Json::set on a value that is not an object");
  members_.emplace_back(std::string(key), std::move(value));
  return *this;
}

Json& Json::push(Json value) {
  if (kind_ != Kind::array) throw std::logic_error("Json::push on a value that is not an array");
  members_.emplace_back(std::string(), std::move(value));
  return *this;
}

std::string Json::dump() const {
  std::string out;
  dump(out, 0);
  return out + "\n";
}

void Json::dump(std::string& out, int depth) const {
  if (kind_ == Kind::scalar) {
    out += scalar_;
    return;
  }
  const bool is_object = kind_ == Kind::object;
  out += is_object ? '{' : '[';
  const std::string indent(static_cast<std::size_t>(2 * (depth + 1)), ' ');
  for (std::size_t i = 0; i < members_.size(); ++i) {
    out += (i ? ",\n" : "\n") + indent;
    if (is_object) out += quoted(members_[i].first) + ": ";
    members_[i].second.dump(out, depth + 1);
  }
  if (!members_.empty()) out += "\n" + std::string(static_cast<std::size_t>(2 * depth), ' ');
  out += is_object ? '}' : ']';
}

}  // namespace kokeilu::report
