#include "parallel/team.hpp"

#include <cstdlib>

#ifdef KOKEILU_WITH_MPI
#include <mpi.h>

#include <cstdint>
#include <stdexcept>
#endif

namespace kokeilu::parallel {

namespace {

class Solo final : public Team {
 public:
  int rank() const override { return 0; }
  int size() const override { return 1; }
  bool everyone(bool mine) override { return mine; }
  std::vector<std::vector<double>> gather(const std::vector<double>& mine) override { return {mine}; }
  void abort(int) override {}
};

#ifdef KOKEILU_WITH_MPI
/// Started by an MPI launcher: Open MPI's mpirun, or Slurm's srun through PMI/PMIx.
bool launched_by_mpi() {
  for (const char* variable : {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_RANK", "PMI_SIZE"})
    if (std::getenv(variable) != nullptr) return true;
  return false;
}

void check(int status, const char* what) {
  if (status != MPI_SUCCESS) {
    char text[MPI_MAX_ERROR_STRING];
    int length = 0;
    MPI_Error_string(status, text, &length);
    throw std::runtime_error(std::string("MPI: ") + what + ": " + std::string(text, static_cast<std::size_t>(length)));
  }
}

class MpiTeam final : public Team {
 public:
  MpiTeam() {
    int provided = 0;
    // Only the main thread calls MPI (the runs' threads do not).
    check(MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided), "cannot start");
    MPI_Comm_set_errhandler(MPI_COMM_WORLD, MPI_ERRORS_RETURN);
    check(MPI_Comm_rank(MPI_COMM_WORLD, &rank_), "rank");
    check(MPI_Comm_size(MPI_COMM_WORLD, &size_), "size");
  }
  ~MpiTeam() override { MPI_Finalize(); }
  int rank() const override { return rank_; }
  int size() const override { return size_; }

  bool everyone(bool mine) override {
    int in = mine ? 1 : 0, out = 0;
    check(MPI_Allreduce(&in, &out, 1, MPI_INT, MPI_LAND, MPI_COMM_WORLD), "cannot agree");
    return out != 0;
  }

  std::vector<std::vector<double>> gather(const std::vector<double>& mine) override {
    const auto count = static_cast<std::int64_t>(mine.size());
    std::vector<std::int64_t> counts(rank_ == 0 ? static_cast<std::size_t>(size_) : 0);
    check(MPI_Gather(&count, 1, MPI_INT64_T, counts.data(), 1, MPI_INT64_T, 0, MPI_COMM_WORLD), "cannot gather sizes");
    // Point to point rather than MPI_Gatherv: its counts are ints, a rank's results may not be.
    constexpr int kTag = 17;
    constexpr std::int64_t kPiece = 1 << 26;  // doubles per message (512 MiB)
    if (rank_ != 0) {
      for (std::int64_t at = 0; at < count; at += kPiece)
        check(MPI_Send(mine.data() + at, static_cast<int>(std::min(kPiece, count - at)), MPI_DOUBLE, 0, kTag,
                       MPI_COMM_WORLD),
              "cannot send results");
      return {};
    }
    std::vector<std::vector<double>> all(static_cast<std::size_t>(size_));
    all[0] = mine;
    for (int r = 1; r < size_; ++r) {
      auto& theirs = all[static_cast<std::size_t>(r)];
      const std::int64_t n = counts[static_cast<std::size_t>(r)];
      theirs.resize(static_cast<std::size_t>(n));
      for (std::int64_t at = 0; at < n; at += kPiece)
        check(MPI_Recv(theirs.data() + at, static_cast<int>(std::min(kPiece, n - at)), MPI_DOUBLE, r, kTag,
                       MPI_COMM_WORLD, MPI_STATUS_IGNORE),
              "cannot receive results");
    }
    return all;
  }

  void abort(int status) override { MPI_Abort(MPI_COMM_WORLD, status); }

 private:
  int rank_ = 0, size_ = 1;
};
#endif

}  // namespace

std::unique_ptr<Team> Team::join() {
#ifdef KOKEILU_WITH_MPI
  if (launched_by_mpi()) return std::make_unique<MpiTeam>();
#endif
  return std::make_unique<Solo>();
}

int ranks_from_environment() {
  for (const char* variable : {"OMPI_COMM_WORLD_SIZE", "PMIX_SIZE", "PMI_SIZE"})
    if (const char* value = std::getenv(variable)) {
      const int ranks = std::atoi(value);
      if (ranks > 1) return ranks;
    }
  return 1;
}

bool built_with_mpi() {
#ifdef KOKEILU_WITH_MPI
  return true;
#else
  return false;
#endif
}

}  // namespace kokeilu::parallel
