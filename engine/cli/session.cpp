#include "cli/session.hpp"

#include <unistd.h>

#include <csignal>

namespace kokeilu::cli {

std::atomic<bool> g_interrupted{false};
std::atomic<bool> g_loading{false};

namespace {

extern "C" void on_signal(int) {
  if (g_loading.load()) {
    static constexpr char kMessage[] = "\nkokeilu: interrupted while reading the input; no output file was written\n";
    [[maybe_unused]] const auto written = ::write(STDERR_FILENO, kMessage, sizeof kMessage - 1);
    ::_exit(130);
  }
  g_interrupted.store(true);
}

}  // namespace

void install_signal_handlers() {
  struct sigaction action {};
  action.sa_handler = on_signal;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

}  // namespace kokeilu::cli
