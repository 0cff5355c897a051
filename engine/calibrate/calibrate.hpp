#pragma once
// `kokeilu calibrate CALIBRATION.yaml`: fits a scenario's parameters to target statistics by the
// method of simulated moments. NLopt searches the parameters (each scaled to [0, 1]): a global
// derivative-free pass (CRS2 or DIRECT-L), then a local one (BOBYQA or Sbplx) from the best point
// found. Each evaluation is logged; --resume replays the log (the optimiser is deterministic, so
// it asks for the same points again and gets them from the log without a run) and goes on.
// Writes the fitted values as a settings overlay (OUT.yaml) and a fit report (OUT-fit.txt).
#include <atomic>
#include <iosfwd>
#include <string>

namespace kokeilu::calibrate {

struct CalibrateOptions {
  std::string calibration_file;
  int threads = 0;                               // 0 = one per core
  bool resume = false;                           // replay OUT-evaluations.tsv, then go on
  bool progress = false;                         // a line per evaluation on stderr
  const std::atomic<bool>* interrupt = nullptr;  // checked every simulated week
};

/// Runs the calibration and prints the fit report on `out`. Returns the exit status (0).
/// @throws ConfigError (bad calibration or scenario: nothing written), InputError (a log that
///         does not match the calibration on --resume), Interrupted, IoError
int run_calibration(const CalibrateOptions& options, std::ostream& out);

}  // namespace kokeilu::calibrate
