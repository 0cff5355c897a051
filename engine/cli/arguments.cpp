#include "cli/arguments.hpp"

#include <charconv>

namespace kokeilu::cli {

Arguments::Arguments(const std::vector<std::string>& args, const std::set<std::string>& value_options,
                     const std::set<std::string>& flag_options) {
  for (std::size_t k = 0; k < args.size(); ++k) {
    const std::string& arg = args[k];
    if (arg.size() < 2 || arg.rfind("-", 0) != 0 || arg == "-") {
      positional_.push_back(arg);
      continue;
    }
    std::string name = arg, inline_value;
    bool has_inline = false;
    if (const auto eq = arg.find('='); eq != std::string::npos) {
      name = arg.substr(0, eq);
      inline_value = arg.substr(eq + 1);
      has_inline = true;
    }
    if (flag_options.count(name)) {
      if (has_inline) throw UsageError("option " + name + " takes no value");
      flags_.insert(name);
    } else if (value_options.count(name)) {
      if (has_inline) values_[name] = inline_value;
      else if (k + 1 < args.size()) values_[name] = args[++k];
      else throw UsageError("option " + name + " needs a value");
    } else {
      throw UsageError("unknown option " + name);
    }
  }
}

std::optional<std::string> Arguments::value(const std::string& name) const {
  const auto it = values_.find(name);
  if (it == values_.end()) return std::nullopt;
  return it->second;
}

long long Arguments::integer(const std::string& name, long long fallback, long long min, long long max) const {
  const auto text = value(name);
  if (!text) return fallback;
  long long v = 0;
  auto [ptr, ec] = std::from_chars(text->data(), text->data() + text->size(), v);
  if (ec != std::errc() || ptr != text->data() + text->size())
    throw UsageError(name + " expects an integer, got '" + *text + "'");
  if (v < min || v > max)
    throw UsageError(name + " must be between " + std::to_string(min) + " and " + std::to_string(max));
  return v;
}

std::optional<unsigned long long> Arguments::unsigned_integer(const std::string& name) const {
  const auto text = value(name);
  if (!text) return std::nullopt;
  unsigned long long v = 0;
  auto [ptr, ec] = std::from_chars(text->data(), text->data() + text->size(), v);
  if (ec != std::errc() || ptr != text->data() + text->size() || text->empty())
    throw UsageError(name + " expects a non-negative integer, got '" + *text + "'");
  return v;
}

}  // namespace kokeilu::cli
