#include "parallel/tasks.hpp"

#include <condition_variable>
#include <exception>
#include <map>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>

namespace kokeilu::parallel {

void run_tasks(Team& team, std::size_t count, std::size_t held,
               const std::function<void(std::span<const std::size_t>, const Done&)>& work,
               const std::function<void(std::size_t, Bytes)>& take, std::size_t per_owner) {
  std::vector<std::size_t> mine;
  for (std::size_t i = 0; i < count; ++i)
    if (team.owns(i, per_owner)) mine.push_back(i);

  // This rank's finished results, until the calling thread takes or sends them in order.
  std::mutex mutex;
  std::condition_variable changed;
  std::map<std::size_t, Bytes> finished;
  std::size_t next = 0;  // mine[next] is the result the calling thread waits for
  std::exception_ptr failure;
  bool work_over = false, stop = false;

  const Done done = [&](std::size_t task, Bytes result) {
    std::unique_lock lock(mutex);
    // The result waited for always gets in: the calling thread can go on, nothing deadlocks.
    changed.wait(lock, [&] { return stop || finished.size() < held || (next < mine.size() && mine[next] == task); });
    if (stop) throw Stopped{};
    finished.emplace(task, std::move(result));
    changed.notify_all();
  };
  // The work gets a thread of its own: the calling thread is the one that talks MPI.
  std::thread worker([&] {
    std::exception_ptr caught;
    try {
      work(mine, done);
    } catch (const Stopped&) {
    } catch (...) {
      caught = std::current_exception();
    }
    const std::lock_guard lock(mutex);
    if (caught && !failure) failure = caught;
    work_over = true;
    changed.notify_all();
  });
  const auto check = [&] {
    const std::lock_guard lock(mutex);
    if (failure) std::rethrow_exception(failure);
  };
  const auto next_of_mine = [&] {
    std::unique_lock lock(mutex);
    const std::size_t task = mine[next];
    changed.wait(lock, [&] { return failure || work_over || finished.count(task) != 0; });
    if (failure) std::rethrow_exception(failure);
    const auto at = finished.find(task);
    if (at == finished.end()) throw std::logic_error("run_tasks: the work ended without task " + std::to_string(task));
    Bytes result = std::move(at->second);
    finished.erase(at);
    ++next;
    changed.notify_all();
    return result;
  };

  try {
    if (team.leader()) {
      for (std::size_t i = 0; i < count; ++i)
        take(i, team.owns(i, per_owner) ? next_of_mine() : team.receive_from(team.owner_of(i, per_owner), check));
    } else {
      for (std::size_t k = 0; k < mine.size(); ++k) team.send_to_leader(next_of_mine(), check);
    }
  } catch (...) {
    {
      const std::lock_guard lock(mutex);
      stop = true;
      changed.notify_all();
    }
    worker.join();
    throw;
  }
  worker.join();
  if (failure) std::rethrow_exception(failure);
}

}  // namespace kokeilu::parallel
