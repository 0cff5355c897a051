#pragma once
// Checkpoints: the complete state of a run at the start of a week, in an HDF5 file, so that a run
// can continue from it (`kokeilu run --from`, `--resume`) or a comparison branch from it
// (`kokeilu compare --from`) with the same bits as the uninterrupted run. Layout:
// docs/checkpoint.md.
//
// What a run carries from one week to the next is sim::RunState: every person column, the service
// queues, the municipalities' co-payment bills of recent weeks, the week. Nothing else carries
// over (weekly totals restart every week; random numbers are keyed by seed, person, week and
// purpose, not drawn from a stream with a position).
//
// A state belongs to the scenario history that produced it. The checkpoint keeps a fingerprint
// of that history, one hash per part of the scenario that shaped it; a run continues from it only
// if its own history up to that week has the same fingerprint.
//
// A checkpoint inside the reported period also holds what the run's sink was handed before it
// (the reported start's state, each week's totals, the statuses): the record. Continuing hands
// it to the new run's sink first, so the output file ends the same as the uninterrupted run's.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "population/people.hpp"
#include "scenario/spec.hpp"
#include "sim/run_sink.hpp"
#include "sim/simulation.hpp"

namespace kokeilu::io {

/// Version of the checkpoint layout; a reader refuses other versions.
inline constexpr std::int64_t kCheckpointFormatVersion = 3;  // 2: /bills; 3: the person column jobless_weeks

/// What shaped a state at the start of a week: one 64-bit hash per part of the scenario (region,
/// behaviour, benefits, baseline design, run: seed, history start and the persons ever; the
/// reported weeks' start and random stream if the week is inside the reported period; the pilot
/// design if it was in force before the week). A part that did not act is 0.
struct HistoryFingerprint {
  std::vector<std::pair<std::string, std::uint64_t>> parts;  // fixed order
  /// One hash of every part: what a checkpoint is known by.
  std::uint64_t combined() const;
  /// Names of the parts whose hashes differ, "region, behaviour".
  std::string differences(const HistoryFingerprint& other) const;
};

/// The fingerprint of the history that brings `spec` run with `seed` to the start of `week`
/// (counted from the history start) in random stream `replication`.
HistoryFingerprint history_fingerprint(const scenario::ScenarioSpec& spec, std::uint64_t seed, int week,
                                       std::uint32_t replication);

/// What a run's sink was handed before a state inside the reported period.
struct OutputRecord {
  population::People initial;                 // the state at the reported start
  std::vector<sim::WeekTotals> totals;        // each reported week before the state
  std::vector<std::uint8_t> statuses;         // those weeks, week-major [week][person]
  std::vector<std::pair<int, int>> blocks;    // (first week, weeks) of each block handed over
};

/// Passes a run to `inner` and keeps a record of it (for checkpoints inside the reported
/// period). Memory: one byte per person and reported week, beside the run's own.
class RecordingSink final : public sim::RunSink {
 public:
  explicit RecordingSink(sim::RunSink& inner) : inner_(inner) {}
  void begin(const sim::RunHeader& header, const population::People& initial) override;
  std::vector<std::uint8_t> trajectory(int first_week, int weeks, std::vector<std::uint8_t> block) override;
  void week(int week, const sim::WeekTotals& totals) override;
  void end(const population::People& final_state) override { inner_.end(final_state); }
  const OutputRecord& record() const { return record_; }

 private:
  sim::RunSink& inner_;
  OutputRecord record_;
  std::size_t persons_ = 0;
};

/// Begins `sink` with `header` and the record's initial state, then hands it the record's blocks
/// and weeks, as the interrupted run did.
void replay(const OutputRecord& record, const sim::RunHeader& header, sim::RunSink& sink);

/// What a checkpoint file says about itself (read without the state).
struct CheckpointHeader {
  int week = 0;               // the next week to simulate, counted from the history start
  std::string week_start;     // its first day, ISO
  int history_weeks = 0;      // of the scenario that wrote it
  std::uint64_t seed = 0;
  std::uint32_t replication = 0;
  std::int64_t persons = 0;
  std::string scenario_name;
  HistoryFingerprint fingerprint;
  bool has_record = false;
};

struct Checkpoint {
  CheckpointHeader header;
  sim::RunState state;
  std::optional<OutputRecord> record;  // when the state is inside the reported period
};

/// Writes checkpoints of one run to one path, each under a temporary name renamed over it when
/// complete: the path always holds a whole checkpoint (the last one written).
class CheckpointWriter {
 public:
  /// Checks the path now (its folder exists and is writable; an existing file is refused unless
  /// `force`). @throws InputError
  CheckpointWriter(std::filesystem::path path, bool force, const scenario::ScenarioSpec& spec, std::uint64_t seed,
                   std::uint32_t replication, std::string engine_version);
  /// Writes `state` and, when the state is inside the reported period, `record` (required then).
  /// @throws IoError, std::invalid_argument
  void write(const sim::RunState& state, const OutputRecord* record);
  const std::filesystem::path& path() const { return path_; }
  /// Weeks of the last checkpoint written, -1 before the first.
  int last_week() const { return last_week_; }

 private:
  std::filesystem::path path_;
  bool force_;
  const scenario::ScenarioSpec& spec_;
  std::uint64_t seed_;
  std::uint32_t replication_;
  std::string engine_version_;
  int last_week_ = -1;
};

/// Reads what a checkpoint says about itself. @throws InputError (missing, not an HDF5 file,
/// truncated, not a checkpoint, another format version)
CheckpointHeader read_checkpoint_header(const std::filesystem::path& path);

/// Reads a checkpoint and checks that `spec`, run with `seed` in stream `replication`, reaches its
/// state by the same history. @throws InputError (as read_checkpoint_header, or another history,
/// or damaged contents)
Checkpoint read_checkpoint(const std::filesystem::path& path, const scenario::ScenarioSpec& spec, std::uint64_t seed,
                           std::uint32_t replication);

/// What `kokeilu info CK.h5` prints. @throws InputError as read_checkpoint_header
std::string describe_checkpoint(const std::filesystem::path& path);

/// The week containing `date`, counted from the history start of `spec`.
/// @throws InputError if the date is outside the simulated weeks.
int checkpoint_week(const scenario::ScenarioSpec& spec, Date date);

}  // namespace kokeilu::io
