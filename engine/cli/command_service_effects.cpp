// kokeilu service-effects SCENARIO: employment per extra start of each service, year by year,
// against the literature's bands (the logic is engine/calibrate/service_effects.hpp).
#include <iostream>
#include <memory>

#include "calibrate/service_effects.hpp"
#include "cli/commands.hpp"
#include "cli/session.hpp"

namespace kokeilu::cli {

void add_service_effects_command(CommandLine& cli) {
  auto options = std::make_shared<calibrate::ServiceEffectsOptions>();
  auto& command = cli.add(
      "service-effects", "service-effects SCENARIO [options]",
      "employment per extra start of each service, year by year, against the literature",
      "Raises each service's places (and its referral rate, so that the places fill) by SHARE for\n"
      "the first year of SCENARIO's run, on the same random streams, and prints the extra open\n"
      "employment per extra start, year by year, against the literature's bands (DOMAIN.md:\n"
      "training <= 0 in year 1 and +3..+8 pp in year 2; coaching 0..+3 pp; rehabilitative work\n"
      "about 0). Exit status 0 when every band holds, 1 otherwise.",
      [options] {
        options->interrupt = &g_interrupted;
        return calibrate::run_service_effects(*options, std::cout);
      });
  command.add_option("SCENARIO", options->scenario_file, "scenario file (without a pilot design)")->required();
  command.add_option("--replications", options->replications, "runs per variant (default 4)")
      ->type_name("R")
      ->check(within(1, 1000));
  command.add_option("--years", options->years, "years of the profile (default 3; the run must last that long)")
      ->type_name("Y")
      ->check(within(1, 50));
  command.add_option("--extra", options->extra_places_share, "extra places, a share of the baseline's, 0.01 to 10 (default 1: doubled)")
      ->type_name("SHARE")
      ->check(CLI::Range(0.01, 10.0).description(""));  // no range text in the placeholder
  command.add_option("--service", options->services, "measure only this service (repeatable; default: all)")
      ->type_name("NAME");
  command.add_option("--threads", options->threads, "worker threads (default: one per core)")
      ->type_name("N")
      ->check(within(1, 1024));
}

}  // namespace kokeilu::cli
