#pragma once
// The processes a command's runs are spread over: one (the plain case) or the ranks of an MPI
// job (`mpirun -n K kokeilu ...`, `srun kokeilu ...`). This is the only MPI-aware part of the
// engine; built without MPI (KOKEILU_MPI=OFF) every team has one member.
//
// Work is shared out by index (task i to rank i % size) and results travel to rank 0, which
// alone writes the output (parallel/tasks.hpp): every task is a pure function of its index, so
// the file is the same bits whatever the number of ranks.
#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace kokeilu::parallel {

/// A task's result on its way between ranks.
using Bytes = std::vector<std::uint8_t>;

/// The rank of `ranks` that runs task `index` when tasks are dealt out round robin in runs of
/// `per_owner` consecutive ones: tasks 0 .. per_owner-1 to rank 0, the next run to rank 1, ...
inline int task_owner(std::size_t index, std::size_t per_owner, int ranks) {
  return static_cast<int>(index / per_owner % static_cast<std::size_t>(ranks));
}

class Team {
 public:
  /// The team this process belongs to: the MPI job when started by an MPI launcher (and built
  /// with MPI), otherwise a team of one. MPI is started here and finished when the team is
  /// destroyed; make one per process.
  static std::unique_ptr<Team> join();
  /// A team of one, whatever the launcher (the comparisons inside a sweep's point).
  static std::unique_ptr<Team> alone();
  virtual ~Team() = default;

  virtual int rank() const = 0;
  virtual int size() const = 0;
  bool leader() const { return rank() == 0; }
  /// The rank that runs task `index` (task_owner).
  int owner_of(std::size_t index, std::size_t per_owner = 1) const { return task_owner(index, per_owner, size()); }
  /// Whether task `index` is this rank's.
  bool owns(std::size_t index, std::size_t per_owner = 1) const { return owner_of(index, per_owner) == rank(); }

  /// Collective: true on every rank when `mine` is true on every rank.
  virtual bool everyone(bool mine) = 0;
  /// Collective: rank 0's `bytes` on every rank (replaces theirs).
  virtual void broadcast(Bytes& bytes) = 0;
  /// Sends `bytes` to rank 0 (not from rank 0); returns when rank 0 has them. Messages from one
  /// rank arrive in the order they are sent. While waiting, calls `waiting` every millisecond
  /// or so (it may throw to give up).
  virtual void send_to_leader(const Bytes& bytes, const std::function<void()>& waiting) = 0;
  /// On rank 0: the next message rank `from` sent it; waits as send_to_leader does.
  virtual Bytes receive_from(int from, const std::function<void()>& waiting) = 0;
  /// Ends every rank of the job at once with exit status `status` (after this rank printed
  /// why). Returns only in a team of one.
  virtual void abort(int status) = 0;
};

/// After `failure` on this rank of a job of several ranks: says so on stderr (naming the rank
/// and that no output file is written) and ends every rank (exit status 130 when interrupted,
/// else 1). Returns only in a team of one: the caller then rethrows.
void end_job_after(Team& team, const std::exception& failure);

/// The exit status of the ranks but rank 0 when the job stops on input every rank rejects (or
/// that rank 0 refuses): 0, so that the launcher, which ends the whole job at the first non-zero
/// status, lets rank 0 say why; the job's status is rank 0's (2).
inline constexpr int kOtherRanksOnBadInput = 0;

/// True when this build can run as an MPI job.
bool built_with_mpi();

/// The ranks of the MPI job this process was started in, from the launcher's environment
/// (mpirun, srun), without starting MPI; 1 when not started by a launcher.
int ranks_from_environment();

}  // namespace kokeilu::parallel
