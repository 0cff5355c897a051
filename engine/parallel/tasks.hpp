#pragma once
// Tasks 0 .. count-1 spread over a team's ranks, their results handed to rank 0 in task order:
// the one way `kokeilu compare`, `sweep` and `calibrate` share their runs out. Task i is rank
// (i / per_owner) % size's (Team::owner_of: per_owner 1 deals them out one by one; a comparison
// whose replications run their own histories keeps a replication's arms on one rank); each rank runs its own tasks as it likes (in parallel over its threads), and the
// results travel to rank 0, which takes them one after another in task order, so that what it
// writes does not depend on how many ranks there are or in which order the tasks finish.
//
// Memory stays bounded: a rank holds at most `held` finished results that rank 0 has not taken
// (besides the one rank 0 waits for); a task that finishes beyond that waits before handing its
// result over. With one rank nothing is copied between processes; results still go through
// `take` in task order.
#include <cstddef>
#include <functional>
#include <span>
#include <vector>

#include "parallel/team.hpp"

namespace kokeilu::parallel {

/// Hands a finished task's result over: (task, result). Thread-safe; may wait (see above).
using Done = std::function<void(std::size_t, Bytes)>;

/// Collective over `team`. `work(mine, done)` runs on each rank (on a thread of its own) with the
/// rank's tasks in increasing order; it must start them in that order (several may be in flight;
/// any order will do when `held` is at least their number) and call `done` once for each. `take(task, result)` is called on rank 0 only, from the calling
/// thread, for every task in order. When `work` or `take` throws (or a message cannot travel),
/// run_tasks rethrows on that rank once its work has stopped; the caller ends the job
/// (Team::abort), since the other ranks may be waiting for it.
void run_tasks(Team& team, std::size_t count, std::size_t held,
               const std::function<void(std::span<const std::size_t>, const Done&)>& work,
               const std::function<void(std::size_t, Bytes)>& take, std::size_t per_owner = 1);

/// Raised inside `work` by `done` when the ranks' work stops because something else failed.
struct Stopped {};

}  // namespace kokeilu::parallel
