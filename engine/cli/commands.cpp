#include "cli/commands.hpp"

namespace kokeilu::cli {

void add_builtin_commands(CommandLine& cli) {
  add_run_command(cli);
  add_compare_command(cli);
  add_sweep_command(cli);
  add_validate_command(cli);
  add_info_command(cli);
  add_calibrate_command(cli);
  add_service_effects_command(cli);
}

}  // namespace kokeilu::cli
