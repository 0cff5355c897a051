#pragma once
// One run of a small scenario into a CaptureSink, as the mechanism tests run it: two threads in
// chunks of 1,000 persons (results never depend on either), or the serial reference stepper.
#include <cstdint>

#include "sim/simulation.hpp"
#include "support/capture_sink.hpp"

namespace kokeilu::testing {

inline CaptureSink run_captured(const scenario::ScenarioSpec& spec, std::uint64_t seed, bool reference = false) {
  CaptureSink sink;
  sim::RunOptions options;
  options.threads = 2;
  options.chunk_persons = 1000;
  options.reference = reference;
  sim::Simulation(spec, seed).run(sink, options);
  return sink;
}

}  // namespace kokeilu::testing
