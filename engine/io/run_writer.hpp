#pragma once
// Writes one run (`kokeilu run`) to an HDF5 file, schema in docs/hdf5-schema.md. The file is
// written under a temporary name in the same folder and renamed when end() completes it; if the
// writer is destroyed before that (an error, an interrupt), the temporary file is removed.
// HDF5 is called from the thread that calls the sink (one thread: Debian's HDF5 has one lock).
#include <filesystem>
#include <memory>
#include <string>

#include "sim/run_sink.hpp"

namespace kokeilu::io {

class RunFileWriter final : public sim::RunSink {
 public:
  /// @param force overwrite `output` if it exists (otherwise InputError, before any work).
  /// @throws InputError (exists, folder missing or not writable), IoError
  RunFileWriter(std::filesystem::path output, bool force, std::string engine_version, std::string git_revision);
  ~RunFileWriter() override;
  RunFileWriter(const RunFileWriter&) = delete;
  RunFileWriter& operator=(const RunFileWriter&) = delete;

  void begin(const sim::RunHeader& header, const population::People& initial) override;
  std::vector<std::uint8_t> trajectory(int first_week, int weeks, std::vector<std::uint8_t> block) override;
  void week(int week, const sim::WeekTotals& totals) override;
  void end(const population::People& final_state) override;

 private:
  /// Creates the trajectory dataset with chunks of `chunk_weeks` weeks if not yet (writer thread).
  void open_trajectory(int chunk_weeks);
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace kokeilu::io
