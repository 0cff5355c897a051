#pragma once
// A small JSON writer for the machine-readable summaries (`kokeilu run --json`, `compare --json`):
// objects and arrays built in order, strings escaped, NaN and infinities written as null.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kokeilu::report {

class Json {
 public:
  static Json object();
  static Json array();
  static Json string(std::string_view text);
  static Json number(double value);  // null when not finite
  static Json integer(std::int64_t value);
  static Json unsigned_integer(std::uint64_t value);
  static Json boolean(bool value);
  static Json null();

  /// Adds a member to an object (keys in the order added).
  Json& set(std::string_view key, Json value);
  /// Appends to an array.
  Json& push(Json value);

  /// The text, indented by two spaces per level.
  std::string dump() const;

 private:
  enum class Kind { object, array, scalar };
  Kind kind_ = Kind::scalar;
  std::string scalar_;                                 // the JSON text of a scalar
  std::vector<std::pair<std::string, Json>> members_;  // object: key and value; array: "" and value
  void dump(std::string& out, int depth) const;
};

}  // namespace kokeilu::report
