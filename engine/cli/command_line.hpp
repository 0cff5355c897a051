#pragma once
// The `kokeilu` command line: a registry of commands on CLI11. Each command lives in its own
// `command_NAME.cpp` with one `add_NAME_command(CommandLine&)` that declares its options and its
// action; `add_builtin_commands` (commands.cpp) lists them in the order --help shows them.
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "core/errors.hpp"

namespace kokeilu::cli {

/// A mistake on the command line: exit status 2.
class UsageError : public Error {
 public:
  using Error::Error;
};

/// What a command does once its options are parsed; returns the exit status.
using Action = std::function<int()>;

class CommandLine {
 public:
  /// @param version printed by `kokeilu --version`
  explicit CommandLine(const std::string& version);

  /// Declares `kokeilu NAME`. Its --help starts with "usage: kokeilu SYNOPSIS", then
  /// `description` (several paragraphs may follow); the command list shows `summary`.
  /// Declare options on the returned app; `action` runs when the command is chosen.
  CLI::App& add(const std::string& name, const std::string& synopsis, const std::string& summary,
                const std::string& description, Action action);

  /// Parses `argv`, runs the chosen command and returns its exit status. --help prints help
  /// (status 0); no command prints the command list (status 2).
  /// @throws UsageError for an unknown command or option (with the nearest valid one
  ///   suggested), a missing or malformed value; whatever the command's action throws.
  int run(int argc, char** argv);

  /// The help text of the whole command line (the command list).
  std::string help() const;

 private:
  struct Command {
    CLI::App* app;
    std::string summary;
    Action action;
  };
  CLI::App app_;
  std::vector<Command> commands_;
};

/// Accepts integers in [min, max]; says so when another value is given. (CLI11's own Range would
/// also append its range to the option's placeholder in --help.)
CLI::Validator within(long long min, long long max);

/// Accepts non-negative integers only (CLI11 reads "-1" into an unsigned integer as 2^64 - 1).
CLI::Validator non_negative();

/// The nearest of `candidates` to a mistyped `word` (edit distance at most a third of its length,
/// at least 2; none for words of three characters or fewer), or "" when none is near.
std::string nearest(const std::string& word, const std::vector<std::string>& candidates);

}  // namespace kokeilu::cli
