#pragma once
// The processes a command's runs are spread over: one (the plain case) or the ranks of an MPI
// job (`mpirun -n K kokeilu ...`, `srun kokeilu ...`). This is the only MPI-aware part of the
// engine; built without MPI (KOKEILU_MPI=OFF) every team has one member.
//
// Work is shared out by index (task i to rank i % size), results are gathered to rank 0, which
// alone writes the output: every task is a pure function of its index, so the file is the same
// bits whatever the number of ranks.
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

namespace kokeilu::parallel {

class Team {
 public:
  /// The team this process belongs to: the MPI job when started by an MPI launcher (and built
  /// with MPI), otherwise a team of one. MPI is started here and finished when the team is
  /// destroyed; make one per process.
  static std::unique_ptr<Team> join();
  virtual ~Team() = default;

  virtual int rank() const = 0;
  virtual int size() const = 0;
  bool leader() const { return rank() == 0; }
  /// Whether task `index` is this rank's.
  bool owns(std::size_t index) const { return static_cast<int>(index % static_cast<std::size_t>(size())) == rank(); }

  /// Collective: true on every rank when `mine` is true on every rank.
  virtual bool everyone(bool mine) = 0;
  /// Collective: each rank's `mine` in rank order, on rank 0; empty elsewhere.
  virtual std::vector<std::vector<double>> gather(const std::vector<double>& mine) = 0;
  /// Ends every rank of the job at once with exit status `status` (after this rank printed
  /// why). Returns only in a team of one.
  virtual void abort(int status) = 0;
};

/// True when this build can run as an MPI job.
bool built_with_mpi();

/// The ranks of the MPI job this process was started in, from the launcher's environment
/// (mpirun, srun), without starting MPI; 1 when not started by a launcher.
int ranks_from_environment();

}  // namespace kokeilu::parallel
