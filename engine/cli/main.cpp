// The `kokeilu` command: the commands are in command_*.cpp (listed in commands.cpp).
// Exit status: 0 success; 1 failure of the engine or the machine; 2 bad input (scenario, file,
// usage); 130 interrupted. An output file exists only if the run completed.
#include <csignal>
#include <iostream>

#include "cli/command_line.hpp"
#include "cli/commands.hpp"
#include "cli/session.hpp"
#include "core/errors.hpp"
#include "io/hdf5.hpp"

int main(int argc, char** argv) {
  using namespace kokeilu;
  io::h5::skip_library_cleanup_at_exit();
  // A file-size limit (ulimit -f) makes a write fail with EFBIG instead of killing the process
  // before it can remove its temporary file.
  std::signal(SIGXFSZ, SIG_IGN);
  cli::install_signal_handlers();
  try {
    cli::CommandLine command_line(std::string("kokeilu ") + KOKEILU_VERSION + " (" + KOKEILU_GIT_REVISION + ")");
    cli::add_builtin_commands(command_line);
    return command_line.run(argc, argv);
  } catch (const cli::UsageError& e) {
    std::cerr << "kokeilu: " << e.what() << "\n";
    return 2;
  } catch (const ConfigError& e) {
    std::cerr << "kokeilu: error: " << e.what() << "\n";
    return 2;
  } catch (const InputError& e) {
    std::cerr << "kokeilu: error: " << e.what() << "\n";
    return 2;
  } catch (const Interrupted&) {
    std::cerr << "\nkokeilu: interrupted; no output file was written\n";
    return 130;
  } catch (const std::exception& e) {
    std::cerr << "kokeilu: failed: " << e.what() << "\n";
    return 1;
  }
}
