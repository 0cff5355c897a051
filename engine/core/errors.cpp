#include "core/errors.hpp"

#include <sstream>

namespace kokeilu {

namespace {
std::string format_config_error(const SourceLocation& where, const std::string& key_path,
                                const std::string& message) {
  std::ostringstream text;
  text << (where.file.empty() ? std::string("<input>") : where.file);
  if (where.line > 0) {
    text << ':' << where.line;
    if (where.column > 0) text << ':' << where.column;
  }
  text << ": ";
  if (!key_path.empty()) text << key_path << ": ";
  text << message;
  return text.str();
}
}  // namespace

ConfigError::ConfigError(SourceLocation where, std::string key_path, std::string message)
    : Error(format_config_error(where, key_path, message)),
      where_(std::move(where)),
      key_path_(std::move(key_path)),
      message_(std::move(message)) {}

}  // namespace kokeilu
