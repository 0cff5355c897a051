#pragma once
// One exception hierarchy for the engine. The CLI maps each kind to an exit status:
// ConfigError and InputError -> 2 (the user's input is wrong), everything else -> 1.
#include <stdexcept>
#include <string>

namespace kokeilu {

/// Base of every error the engine throws on purpose.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Where in a configuration file something is. Line and column are 1-based (yaml-cpp's are 0-based).
struct SourceLocation {
  std::string file;
  int line = 0;    // 0 = unknown
  int column = 0;  // 0 = unknown
};

/// A scenario file is wrong: names file, line, column and the key path.
/// what() reads "file:line:col: key.path: message".
class ConfigError : public Error {
 public:
  ConfigError(SourceLocation where, std::string key_path, std::string message);
  const SourceLocation& where() const { return where_; }
  const std::string& key_path() const { return key_path_; }
  const std::string& message() const { return message_; }

 private:
  SourceLocation where_;
  std::string key_path_;
  std::string message_;
};

/// Input that is not a configuration file is wrong or unusable (an output file that exists,
/// an HDF5 file of another schema, a population that does not fit in memory).
class InputError : public Error {
 public:
  using Error::Error;
};

/// An HDF5 call failed; the message names the object path.
class IoError : public Error {
 public:
  using Error::Error;
};

/// The run was interrupted (SIGINT/SIGTERM); nothing complete-looking is left behind.
class Interrupted : public Error {
 public:
  Interrupted() : Error("interrupted") {}
};

}  // namespace kokeilu
