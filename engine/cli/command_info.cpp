// kokeilu info OUT.h5: describe an output file.
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "io/describe.hpp"

namespace kokeilu::cli {

void add_info_command(CommandLine& cli) {
  auto file = std::make_shared<std::string>();
  auto& command = cli.add("info", "info OUT.h5", "describe an output file",
                          "Describes a Kokeilu output file: schema and engine versions, scenario, seed, dates, datasets.",
                          [file] {
                            std::cout << io::describe_file(*file);
                            return 0;
                          });
  command.add_option("OUT.h5", *file, "a file written by kokeilu run or kokeilu compare")->required();
}

}  // namespace kokeilu::cli
