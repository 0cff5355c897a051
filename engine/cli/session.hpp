#pragma once
// What every command shares while it runs: Ctrl-C handling, reading input so that an interrupt
// ends it at once, and write failures that name the output file.
#include <atomic>
#include <string>

#include "core/errors.hpp"
#include "io/hdf5.hpp"

namespace kokeilu::cli {

/// Set by SIGINT/SIGTERM; the engine checks it between weeks (exit status 130).
extern std::atomic<bool> g_interrupted;
/// While input is read nothing has been written and the loader has no loop to check a flag in
/// (yaml-cpp parses on its own): an interrupt then ends the process at once.
extern std::atomic<bool> g_loading;

void install_signal_handlers();

/// `read()`, interruptible at any point (see g_loading).
template <typename F>
auto loading(F&& read) {
  struct Done {
    ~Done() { g_loading.store(false); }
  } done;
  g_loading.store(true);
  if (g_interrupted.load()) throw Interrupted();
  return read();
}

/// `write()`, with a failure to write (a full disk) naming the output file.
template <typename F>
auto writing(const std::string& output, F&& write) {
  try {
    return write();
  } catch (const IoError& e) {
    throw IoError("cannot write " + output + ": " + e.what());
  }
}

}  // namespace kokeilu::cli
