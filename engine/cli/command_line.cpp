#include "cli/command_line.hpp"
#include "core/edit_distance.hpp"

#include <algorithm>
#include <cctype>
#include <iostream>

#include <fmt/format.h>

namespace kokeilu::cli {

namespace {

/// "-o, --output" and the value's placeholder ("OUT.h5"), or "" for a flag.
std::string option_names(const CLI::Option& option) {
  std::vector<std::string> names;
  for (const auto& s : option.get_snames()) names.push_back("-" + s);
  for (const auto& l : option.get_lnames()) names.push_back("--" + l);
  if (names.empty()) return option.get_name();  // a positional argument
  return fmt::format("{}", fmt::join(names, ", "));
}

std::string option_value(const CLI::Option& option) {
  return option.get_type_size() == 0 || option.get_positional() ? "" : " " + option.get_type_name();
}

/// Name column, then the description; lines of a description after the first are indented.
std::string two_columns(const std::vector<std::pair<std::string, std::string>>& rows) {
  std::size_t width = 0;
  for (const auto& [left, right] : rows) width = std::max(width, left.size());
  std::string out;
  for (const auto& [left, right] : rows) {
    std::string text = right;
    for (std::size_t at = text.find('\n'); at != std::string::npos; at = text.find('\n', at + 1))
      text.insert(at + 1, std::string(width + 5, ' '));
    out += fmt::format("  {:<{}}   {}\n", left, width, text);
  }
  return out;
}

/// A command's --help: usage line, description, arguments, options.
class CommandHelp : public CLI::Formatter {
 public:
  explicit CommandHelp(std::string synopsis) : synopsis_(std::move(synopsis)) {}

  std::string make_help(const CLI::App* app, std::string, CLI::AppFormatMode) const override {
    std::string out = fmt::format("usage: kokeilu {}\n\n{}\n", synopsis_, app->get_description());
    std::vector<std::pair<std::string, std::string>> arguments, options;
    for (const CLI::Option* option : app->get_options()) {
      auto& rows = option->get_positional() ? arguments : options;
      rows.emplace_back(option_names(*option) + option_value(*option), option->get_description());
    }
    if (!arguments.empty()) out += "\narguments:\n" + two_columns(arguments);
    if (!options.empty()) out += "\noptions:\n" + two_columns(options);
    return out;
  }

 private:
  std::string synopsis_;
};


std::vector<std::string> option_spellings(const CLI::App& app) {
  std::vector<std::string> names;
  for (const CLI::Option* option : app.get_options()) {
    for (const auto& s : option->get_snames()) names.push_back("-" + s);
    for (const auto& l : option->get_lnames()) names.push_back("--" + l);
  }
  return names;
}

bool looks_like_option(const std::string& word) {
  return word.size() > 1 && word[0] == '-' && !(std::isdigit(static_cast<unsigned char>(word[1])) || word[1] == '.');
}

/// "unknown option --thread; did you mean --threads?" for the first word of `args` that names no
/// option of `app`, or "" when every option-like word is known.
std::string unknown_option(const CLI::App& app, const std::vector<std::string>& args) {
  const auto known = option_spellings(app);
  for (const auto& word : args) {
    if (word == "--") break;
    if (!looks_like_option(word)) continue;
    const std::string name = word.substr(0, word.find('='));
    if (std::find(known.begin(), known.end(), name) != known.end()) continue;
    const auto near = nearest(name, known);
    return "unknown option " + name + (near.empty() ? "" : "; did you mean " + near + "?");
  }
  return "";
}

}  // namespace

CLI::Validator within(long long min, long long max) {
  return CLI::Range(min, max).description("");
}

CLI::Validator non_negative() {
  return CLI::Validator(
      [](std::string& value) {
        return !value.empty() && value.find_first_not_of("0123456789") == std::string::npos
                   ? std::string()
                   : "expects a non-negative integer, got '" + value + "'";
      },
      "");
}

std::string nearest(const std::string& word, const std::vector<std::string>& candidates) {
  // "-x" is as near to "-h" as to "-o": a word that short gets no guess.
  const std::size_t limit = word.size() <= 3 ? 0 : std::max<std::size_t>(2, word.size() / 3);
  std::string best;
  std::size_t best_distance = limit + 1;
  for (const auto& candidate : candidates) {
    // A prefix ("--thread" of "--threads", "--repl" of "--replications") is the likeliest intent.
    const bool prefix = word.size() >= 3 && candidate.rfind(word, 0) == 0;
    const std::size_t distance = prefix ? 1 : edit_distance(word, candidate);
    if (distance < best_distance) best = candidate, best_distance = distance;
  }
  return best;
}

CommandLine::CommandLine(const std::string& version)
    : app_("Agent-based simulation of jobseekers under Finnish municipal employment pilots.", "kokeilu") {
  app_.set_help_flag("-h,--help", "show this help");
  app_.set_version_flag("--version", version, "show the version");
  app_.require_subcommand(0, 1);
  app_.formatter_fn([this](const CLI::App*, std::string, CLI::AppFormatMode) { return help(); });
}

CLI::App& CommandLine::add(const std::string& name, const std::string& synopsis, const std::string& summary,
                           const std::string& description, Action action) {
  CLI::App* command = app_.add_subcommand(name, description);
  command->set_help_flag("-h,--help", "show this help");
  command->formatter(std::make_shared<CommandHelp>(synopsis));
  commands_.push_back({command, summary, std::move(action)});
  return *command;
}

std::string CommandLine::help() const {
  std::vector<std::pair<std::string, std::string>> commands;
  for (const auto& command : commands_) commands.emplace_back(command.app->get_name(), command.summary);
  return fmt::format(
      "usage: kokeilu <command> [options]\n\n{}\n\ncommands:\n{}\n"
      "Run 'kokeilu <command> --help' for a command's options. Exit status: 0 success,\n"
      "1 engine failure, 2 bad input, 130 interrupted.\n",
      app_.get_description(), two_columns(commands));
}

int CommandLine::run(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) {
    std::cout << help();
    return 2;
  }
  std::vector<std::string> names;
  for (const auto& command : commands_) names.push_back(command.app->get_name());
  if (args[0] == "help") {
    if (args.size() > 1)
      for (const auto& command : commands_)
        if (command.app->get_name() == args[1]) return std::cout << command.app->help(), 0;
    std::cout << help();
    return 0;
  }
  if (!looks_like_option(args[0]) && std::find(names.begin(), names.end(), args[0]) == names.end()) {
    const auto near = nearest(args[0], names);
    throw UsageError("unknown command '" + args[0] + "'" + (near.empty() ? "" : "; did you mean '" + near + "'?") +
                     "\n(see 'kokeilu --help')");
  }

  try {
    app_.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    std::cout << app_.help();
    return 0;
  } catch (const CLI::CallForVersion& e) {
    std::cout << e.what() << "\n";
    return 0;
  } catch (const CLI::ParseError& e) {
    const auto chosen = app_.get_subcommands();
    const CLI::App& app = chosen.empty() ? app_ : *chosen.front();
    std::string message = unknown_option(app, args);
    if (message.empty()) message = e.what();
    const std::string command = chosen.empty() ? "" : chosen.front()->get_name() + " ";
    throw UsageError(message + "\n(see 'kokeilu " + command + "--help')");
  }
  for (const auto& command : commands_)
    if (command.app->parsed()) return command.action();
  std::cout << help();
  return 2;
}

}  // namespace kokeilu::cli
