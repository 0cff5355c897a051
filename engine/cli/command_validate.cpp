// kokeilu validate FILE: load a file and everything it includes, check every value, describe it.
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "cli/session.hpp"
#include "core/calendar.hpp"
#include "scenario/load.hpp"
#include "sim/simulation.hpp"

namespace kokeilu::cli {

namespace {

int validate(const std::string& file) {
  const auto spec = loading([&] { return scenario::load_scenario(file); });
  std::cout << spec.source_file << ": valid\n"
            << "  scenario: " << spec.name << "\n"
            << "  period: " << format_date(spec.run.start) << " to " << format_date(spec.run.end) << " ("
            << Calendar(spec.run.start, spec.run.end).weeks() << " weeks), seed " << spec.run.seed << "\n"
            << "  persons: " << spec.total_persons() << " in " << spec.municipalities.size()
            << " municipalities, " << spec.markets.size() << " labour-market areas\n"
            << "  memory needed: about "
            << (sim::estimate_run_bytes(spec, sim::RunOptions{}.trajectory_block_weeks) >> 20) << " MiB\n";
  return 0;
}

}  // namespace

void add_validate_command(CommandLine& cli) {
  auto file = std::make_shared<std::string>();
  auto& command = cli.add("validate", "validate FILE", "check a scenario file (and every file it includes)",
                          "Loads FILE and every file it includes, checks every value, and prints a short\n"
                          "description. Errors name file:line:column and the key; exit status 2.",
                          [file] { return validate(*file); });
  command.add_option("FILE", *file, "the file to check")->required();
}

}  // namespace kokeilu::cli
