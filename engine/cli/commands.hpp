#pragma once
// Every command of `kokeilu`. Adding one: a `command_NAME.cpp` defining `add_NAME_command`,
// declared here, called in add_builtin_commands (commands.cpp) and listed in CMakeLists.txt.
#include "cli/command_line.hpp"

namespace kokeilu::cli {

void add_run_command(CommandLine& cli);
void add_compare_command(CommandLine& cli);
void add_validate_command(CommandLine& cli);
void add_info_command(CommandLine& cli);
void add_calibrate_command(CommandLine& cli);
void add_sweep_command(CommandLine& cli);
void add_service_effects_command(CommandLine& cli);

/// All of the above, in the order `kokeilu --help` lists them.
void add_builtin_commands(CommandLine& cli);

}  // namespace kokeilu::cli
