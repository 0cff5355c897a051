// parallel::run_tasks in a team of one (the MPI side is tested end to end by the
// compare/sweep/calibrate mpi-* ctests): results are taken in task order whatever order they
// finish in, finished results wait within the bound, failures come back to the caller.
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <stdexcept>
#include <thread>

#include "parallel/bytes.hpp"
#include "parallel/tasks.hpp"

namespace kokeilu::parallel {

namespace {

Bytes number(std::size_t i) {
  Packer packed;
  packed.put<std::uint64_t>(i);
  return packed.take();
}

}  // namespace

TEST_CASE("tasks finished out of order are taken in order, holding no more than asked", "[parallel]") {
  auto team = Team::alone();
  constexpr std::size_t kTasks = 40, kHeld = 2, kWorkers = 4;
  std::atomic<std::size_t> next{0}, finished{0}, taken{0}, most_ahead{0};
  std::vector<std::size_t> order;
  const auto work = [&](std::span<const std::size_t> mine, const Done& done) {
    REQUIRE(mine.size() == kTasks);
    tbb::task_arena arena(static_cast<int>(kWorkers));
    arena.execute([&] {
      tbb::parallel_for(0, static_cast<int>(kWorkers), [&](int worker) {
        for (std::size_t k; (k = next.fetch_add(1)) < mine.size();) {
          // Worker 0 is slow: the others' later tasks finish first and must wait.
          std::this_thread::sleep_for(std::chrono::microseconds(worker == 0 ? 5000 : 100));
          done(mine[k], number(mine[k]));
          // Counted after the hand-over, then compared with what was taken, in that order (one
          // expression would leave the order of the two reads unsequenced) and signed: another
          // worker's result may be taken before that worker counts it, so `taken` can be ahead.
          const auto handed_over = static_cast<std::ptrdiff_t>(finished.fetch_add(1) + 1);
          const std::ptrdiff_t signed_ahead = handed_over - static_cast<std::ptrdiff_t>(taken.load());
          const std::size_t ahead = signed_ahead > 0 ? static_cast<std::size_t>(signed_ahead) : 0;
          for (std::size_t seen = most_ahead.load(); ahead > seen && !most_ahead.compare_exchange_weak(seen, ahead);) {
          }
        }
      }, tbb::simple_partitioner());
    });
  };
  run_tasks(*team, kTasks, kHeld, work, [&](std::size_t task, Bytes bytes) {
    Unpacker in(bytes);
    CHECK(in.get<std::uint64_t>() == task);
    CHECK(in.done());
    order.push_back(task);
    ++taken;
  });
  REQUIRE(order.size() == kTasks);
  CHECK(std::is_sorted(order.begin(), order.end()));
  // Finished and not yet taken: the ones held, the one waited for, one taken but not yet counted
  // by take, and a margin per worker. Without the bound the fast workers run far ahead.
  CHECK(most_ahead.load() <= kHeld + 1 + kWorkers);
}

TEST_CASE("a failing task's error reaches the caller, and so does one of take", "[parallel]") {
  auto team = Team::alone();
  const auto work = [](std::span<const std::size_t> mine, const Done& done) {
    for (const auto task : mine) {
      if (task == 3) throw std::runtime_error("task 3 failed");
      done(task, number(task));
    }
  };
  std::size_t taken = 0;
  CHECK_THROWS_WITH(run_tasks(*team, 6, 1, work, [&](std::size_t, Bytes) { ++taken; }), "task 3 failed");
  CHECK(taken <= 3);
  const auto fine = [](std::span<const std::size_t> mine, const Done& done) {
    for (const auto task : mine) done(task, number(task));
  };
  CHECK_THROWS_WITH(run_tasks(*team, 6, 1, fine,
                              [](std::size_t task, Bytes) {
                                if (task == 2) throw std::runtime_error("cannot write task 2");
                              }),
                    "cannot write task 2");
  // Work that forgets a task is a bug, said so rather than a hang.
  const auto forgetful = [](std::span<const std::size_t> mine, const Done& done) {
    for (const auto task : mine)
      if (task != 1) done(task, number(task));
  };
  CHECK_THROWS_AS(run_tasks(*team, 3, 4, forgetful, [](std::size_t, Bytes) {}), std::logic_error);
}

TEST_CASE("numbers and vectors come back as their bits", "[parallel]") {
  Packer packed;
  packed.put<int>(-7);
  packed.put_vector(std::vector<double>{1.5, std::nan(""), -0.0});
  packed.put_vector(std::vector<std::uint8_t>{});
  const auto bytes = packed.take();
  Unpacker in(bytes);
  CHECK(in.get<int>() == -7);
  const auto values = in.get_vector<double>();
  REQUIRE(values.size() == 3);
  CHECK(values[0] == 1.5);
  CHECK(std::isnan(values[1]));
  CHECK(std::signbit(values[2]));
  CHECK(in.get_vector<std::uint8_t>().empty());
  CHECK(in.done());
  CHECK_THROWS(in.get<int>());
  Bytes cut(bytes.begin(), bytes.begin() + 10);
  Unpacker short_one(cut);
  short_one.get<int>();
  CHECK_THROWS(short_one.get_vector<double>());
}

}  // namespace kokeilu::parallel
