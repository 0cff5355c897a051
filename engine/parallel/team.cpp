#include "parallel/team.hpp"

#include "core/errors.hpp"

#include <cstdio>
#include <cstdlib>
#include <stdexcept>

#ifdef KOKEILU_WITH_MPI
#include <mpi.h>

#include <algorithm>
#include <chrono>
#include <thread>
#endif

namespace kokeilu::parallel {

namespace {

class Solo final : public Team {
 public:
  int rank() const override { return 0; }
  int size() const override { return 1; }
  bool everyone(bool mine) override { return mine; }
  void broadcast(Bytes&) override {}
  void send_to_leader(const Bytes&, const std::function<void()>&) override {
    throw std::logic_error("a team of one has no one to send to");
  }
  Bytes receive_from(int, const std::function<void()>&) override {
    throw std::logic_error("a team of one has no one to receive from");
  }
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

  void broadcast(Bytes& bytes) override {
    // Point to point, polled: a rank waiting for rank 0 sleeps instead of spinning on a core
    // the runs of another rank may need.
    if (rank_ != 0) {
      bytes = receive(0, kBroadcastTag, [] {});
      return;
    }
    for (int r = 1; r < size_; ++r) send(bytes, r, kBroadcastTag, [] {});
  }

  void send_to_leader(const Bytes& bytes, const std::function<void()>& waiting) override {
    send(bytes, 0, kResultTag, waiting);
  }

  Bytes receive_from(int from, const std::function<void()>& waiting) override {
    return receive(from, kResultTag, waiting);
  }

  void abort(int status) override { MPI_Abort(MPI_COMM_WORLD, status); }

 private:
  static constexpr int kResultTag = 18, kBroadcastTag = 19;
  static constexpr std::uint64_t kPiece = std::uint64_t{1} << 30;  // bytes per message: counts are ints

  /// Waits for `request` without spinning (Open MPI's blocking calls keep a core busy).
  static void wait(MPI_Request& request, const std::function<void()>& waiting, const char* what) {
    for (;;) {
      int done = 0;
      check(MPI_Test(&request, &done, MPI_STATUS_IGNORE), what);
      if (done != 0) return;
      waiting();
      std::this_thread::sleep_for(std::chrono::microseconds(500));
    }
  }

  static void send(const Bytes& bytes, int to, int tag, const std::function<void()>& waiting) {
    const std::uint64_t size = bytes.size();
    MPI_Request request = MPI_REQUEST_NULL;
    check(MPI_Isend(&size, 1, MPI_UINT64_T, to, tag, MPI_COMM_WORLD, &request), "cannot send results");
    wait(request, waiting, "cannot send results");
    for (std::uint64_t at = 0; at < size; at += kPiece) {
      check(MPI_Isend(bytes.data() + at, static_cast<int>(std::min(kPiece, size - at)), MPI_BYTE, to, tag,
                      MPI_COMM_WORLD, &request),
            "cannot send results");
      wait(request, waiting, "cannot send results");
    }
  }

  static Bytes receive(int from, int tag, const std::function<void()>& waiting) {
    std::uint64_t size = 0;
    MPI_Request request = MPI_REQUEST_NULL;
    check(MPI_Irecv(&size, 1, MPI_UINT64_T, from, tag, MPI_COMM_WORLD, &request), "cannot receive results");
    wait(request, waiting, "cannot receive results");
    Bytes bytes(size);
    for (std::uint64_t at = 0; at < size; at += kPiece) {
      check(MPI_Irecv(bytes.data() + at, static_cast<int>(std::min(kPiece, size - at)), MPI_BYTE, from, tag,
                      MPI_COMM_WORLD, &request),
            "cannot receive results");
      wait(request, waiting, "cannot receive results");
    }
    return bytes;
  }

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

std::unique_ptr<Team> Team::alone() { return std::make_unique<Solo>(); }

void end_job_after(Team& team, const std::exception& failure) {
  if (team.size() == 1) return;
  // The other ranks may be waiting for this one's results: end them all now.
  const bool interrupted = dynamic_cast<const Interrupted*>(&failure) != nullptr;
  std::fprintf(stderr, "kokeilu: rank %d of %d %s: %s; ending every rank, no output file is written\n", team.rank(),
               team.size(), interrupted ? "interrupted" : "failed", failure.what());
  std::fflush(stderr);
  team.abort(interrupted ? 130 : 1);
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
