#pragma once
// One background thread that writes trajectory blocks while the simulation fills the next one.
// Two buffers are swapped: the simulation hands over block A and gets back block B, which the
// writer has finished with (waiting for it if the writer is behind). So at most one block is
// being written while one is being filled, and memory stays at two blocks.
// All HDF5 calls of the trajectory happen on this thread; the owner must not call HDF5 between
// start() and finish(). RunFileWriter compresses whole-chunk blocks (and the initial person
// columns) itself, on the run's threads, and post()s only their writes: so the thread mostly
// waits, and a run takes no more cores than its --threads. Only a part block (a checkpoint's)
// comes through submit() raw and is compressed here, by HDF5's filter.
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace kokeilu::io {

class TrajectoryPipeline {
 public:
  /// Writes statuses at the end of weeks first_week .. first_week + weeks - 1 (week-major block).
  using WriteBlock = std::function<void(int first_week, int weeks, const std::vector<std::uint8_t>& block)>;

  explicit TrajectoryPipeline(WriteBlock write);
  /// Stops the thread without rethrowing (the owner is being destroyed after an error).
  ~TrajectoryPipeline();
  TrajectoryPipeline(const TrajectoryPipeline&) = delete;
  TrajectoryPipeline& operator=(const TrajectoryPipeline&) = delete;

  /// Queues a block and returns a buffer for the next one: the block written before (its
  /// contents stale), or the first time an empty one with room for a block.
  /// @throws whatever an earlier write threw
  std::vector<std::uint8_t> submit(int first_week, int weeks, std::vector<std::uint8_t> block);
  /// Queues other HDF5 work to run on the writer thread, in order with the blocks (the initial
  /// population, written while the simulation starts). @throws whatever an earlier write threw
  void post(std::function<void()> task);
  /// @throws whatever an earlier write threw (without waiting for the current one)
  void rethrow_if_failed();
  /// Waits for the last block and stops the thread. @throws whatever a write threw
  void finish();

 private:
  struct Job {
    int first_week = 0;
    int weeks = 0;
    std::vector<std::uint8_t> block;
    std::function<void()> task;  // set: run this instead of writing a block
  };
  void run();
  void stop() noexcept;

  WriteBlock write_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::optional<Job> pending_;  // handed over, not yet taken by the thread
  bool busy_ = false;           // the thread is writing a job
  bool stopping_ = false;
  std::vector<std::uint8_t> finished_;  // the buffer of the last job written, for reuse
  std::exception_ptr error_;
  std::thread thread_;  // last: started after the members it uses
};

}  // namespace kokeilu::io
