#include "io/trajectory_pipeline.hpp"

#include "io/hdf5.hpp"

namespace kokeilu::io {

TrajectoryPipeline::TrajectoryPipeline(WriteBlock write)
    : write_(std::move(write)), thread_([this] { run(); }) {}

TrajectoryPipeline::~TrajectoryPipeline() { stop(); }

std::vector<std::uint8_t> TrajectoryPipeline::submit(int first_week, int weeks, std::vector<std::uint8_t> block) {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [this] { return (!pending_ && !busy_) || error_; });
  if (error_) std::rethrow_exception(error_);
  std::vector<std::uint8_t> next = std::move(finished_);
  // Returned at its size, with the last block but one in it: the simulation writes every
  // person's status of every week, so clearing it would only make it zero-fill it again.
  if (next.capacity() == 0) next.reserve(block.size());
  pending_ = Job{first_week, weeks, std::move(block), {}};
  changed_.notify_all();
  return next;
}

void TrajectoryPipeline::post(std::function<void()> task) {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [this] { return (!pending_ && !busy_) || error_; });
  if (error_) std::rethrow_exception(error_);
  pending_ = Job{0, 0, {}, std::move(task)};
  changed_.notify_all();
}

void TrajectoryPipeline::rethrow_if_failed() {
  const std::lock_guard lock(mutex_);
  if (error_) std::rethrow_exception(error_);
}

void TrajectoryPipeline::finish() {
  {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [this] { return (!pending_ && !busy_) || error_; });
  }
  stop();
  const std::lock_guard lock(mutex_);
  if (error_) std::rethrow_exception(error_);
}

void TrajectoryPipeline::stop() noexcept {
  {
    const std::lock_guard lock(mutex_);
    stopping_ = true;
    changed_.notify_all();
  }
  if (thread_.joinable()) thread_.join();
}

void TrajectoryPipeline::run() {
  h5::quiet_errors_on_this_thread();
  std::unique_lock lock(mutex_);
  for (;;) {
    changed_.wait(lock, [this] { return pending_.has_value() || stopping_; });
    // Stopping wins over a pending job only after an error or when the owner gives up (the
    // destructor): finish() waits for the queue to drain before it stops.
    if (stopping_) return;
    Job job = std::move(*pending_);
    pending_.reset();
    busy_ = true;
    lock.unlock();
    std::exception_ptr error;
    try {
      if (job.task) job.task();
      else write_(job.first_week, job.weeks, job.block);
    } catch (...) {
      error = std::current_exception();
    }
    lock.lock();
    busy_ = false;
    if (error && !error_) error_ = error;
    if (!job.task) finished_ = std::move(job.block);
    changed_.notify_all();
  }
}

}  // namespace kokeilu::io
