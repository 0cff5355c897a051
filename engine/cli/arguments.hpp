#pragma once
// A small command-line parser: positional arguments and --options with values or flags.
// Unknown options and missing values are UsageErrors (exit status 2).
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/errors.hpp"

namespace kokeilu::cli {

class UsageError : public Error {
 public:
  using Error::Error;
};

class Arguments {
 public:
  /// @param value_options options that take a value (--threads 2 or --threads=2)
  /// @param flag_options options that take none (--force)
  /// @throws UsageError
  Arguments(const std::vector<std::string>& args, const std::set<std::string>& value_options,
            const std::set<std::string>& flag_options);

  const std::vector<std::string>& positional() const { return positional_; }
  bool flag(const std::string& name) const { return flags_.count(name) > 0; }
  std::optional<std::string> value(const std::string& name) const;
  /// The option's value as an integer in [min, max]; `fallback` when absent.
  /// @throws UsageError when malformed or out of range.
  long long integer(const std::string& name, long long fallback, long long min, long long max) const;
  std::optional<unsigned long long> unsigned_integer(const std::string& name) const;

 private:
  std::vector<std::string> positional_;
  std::set<std::string> flags_;
  std::map<std::string, std::string> values_;
};

}  // namespace kokeilu::cli
