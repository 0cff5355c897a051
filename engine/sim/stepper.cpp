#include "sim/stepper.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

namespace kokeilu::sim {

namespace {

/// The week's totals from the municipalities' counters (services::kWeekCounters): each
/// municipality's block of a counter in place, region-wide counters summed.
void write_totals(const std::vector<MunicipalityTotals>& by_municipality, WeekTotals& out) {
  out.reset(static_cast<int>(by_municipality.size()));
  const auto fields = out.counters();
  for (std::size_t m = 0; m < by_municipality.size(); ++m) {
    const auto counters = by_municipality[m].counters();
    for (std::size_t c = 0; c < counters.size(); ++c) {
      if (fields[c] == nullptr) continue;
      const bool region = services::kWeekCounters[c].scope == services::CounterScope::region;
      auto* into = fields[c]->data() + (region ? 0 : m * counters[c].size());
      for (std::size_t k = 0; k < counters[c].size(); ++k) into[k] += counters[c][k];
    }
  }
}

/// The statuses of jobseekers (searches_for_jobs), as bytes of the status column.
constexpr std::size_t kJobseekerStatusCount = [] {
  std::size_t n = 0;
  for (int s = 0; s < kStatusCount; ++s) n += searches_for_jobs(static_cast<Status>(s)) ? 1 : 0;
  return n;
}();
constexpr std::array<std::uint8_t, kJobseekerStatusCount> kJobseekerCodes = [] {
  std::array<std::uint8_t, kJobseekerStatusCount> codes{};
  std::size_t n = 0;
  for (int s = 0; s < kStatusCount; ++s)
    if (searches_for_jobs(static_cast<Status>(s))) codes[n++] = static_cast<std::uint8_t>(s);
  return codes;
}();

/// Bit 8 j + 7 set where byte j of `bytes` equals `code` (exact: no carry crosses a byte).
constexpr std::uint64_t bytes_equal(std::uint64_t bytes, std::uint8_t code) {
  constexpr std::uint64_t kLow7 = 0x7F7F7F7F7F7F7F7Full;
  const std::uint64_t x = bytes ^ (0x0101010101010101ull * code);  // 0 where equal
  return ~(((x & kLow7) + kLow7) | x | kLow7);
}

/// The persons first .. last - 1 who search for jobs: f(i) for each, in order. Eight status
/// bytes at a time (most persons do not search: about 11 %).
template <class F>
void for_each_jobseeker(const std::uint8_t* status, std::size_t first, std::size_t last, F&& f) {
  std::size_t i = first;
  for (; i + 8 <= last; i += 8) {
    std::uint64_t bytes;
    static_assert(std::endian::native == std::endian::little, "byte j of the word is person i + j");
    std::memcpy(&bytes, status + i, sizeof bytes);
    std::uint64_t found = 0;
    for (const std::uint8_t code : kJobseekerCodes) found |= bytes_equal(bytes, code);
    for (; found != 0; found &= found - 1) f(i + static_cast<std::size_t>(std::countr_zero(found)) / 8);
  }
  for (; i < last; ++i)
    if (searches_for_jobs(static_cast<Status>(status[i]))) f(i);
}

/// A run of persons of one municipality: the unit of parallel work.
struct Chunk {
  std::size_t begin = 0;
  std::size_t end = 0;
  int municipality = 0;
};

class ParallelStepper final : public Stepper {
 public:
  ParallelStepper(const scenario::ScenarioSpec& spec, std::vector<std::size_t> offsets, int threads,
                  std::size_t chunk_persons)
      : spec_(spec), tables_(spec.behaviour), arena_(threads) {
    for (std::size_t m = 0; m + 1 < offsets.size(); ++m)
      for (std::size_t b = offsets[m]; b < offsets[m + 1]; b += chunk_persons)
        chunks_.push_back({b, std::min(b + chunk_persons, offsets[m + 1]), static_cast<int>(m)});
    first_chunk_.assign(offsets.size(), chunks_.size());
    for (std::size_t c = chunks_.size(); c-- > 0;) first_chunk_[chunks_[c].municipality] = c;
    for (std::size_t m = offsets.size() - 1; m-- > 0;) first_chunk_[m] = std::min(first_chunk_[m], first_chunk_[m + 1]);
    candidates_.resize(offsets.size() - 1);
    chunk_effort_.resize(chunks_.size());
    chunk_totals_.resize(chunks_.size());
    chunk_requests_.resize(chunks_.size());
  }

  void step(WeekContext& ctx, population::People& people, ServiceQueues& queues, std::uint8_t* status_out,
            WeekTotals& totals) override {
    const TableRates rates{&tables_};
    const tbb::blocked_range<std::size_t> all_chunks(0, chunks_.size(), 1);
    ctx.effort_units.resize(people.size());
    arena_.execute([&] {
      // Phase 1: search effort of each chunk's jobseekers, kept for their transitions in phase 3.
      tbb::parallel_for(all_chunks, [&](const tbb::blocked_range<std::size_t>& range) {
        for (std::size_t c = range.begin(); c != range.end(); ++c) {
          std::int64_t sum = 0;
          for_each_jobseeker(people.status.data(), chunks_[c].begin, chunks_[c].end, [&](std::size_t i) {
            ctx.effort_units[i] = search_effort_units(rates, people, i, ctx);
            sum += ctx.effort_units[i];
          });
          chunk_effort_[c] = sum;
        }
      });
    });
    // Phase 2: each market's matching rate from its total effort (cheap, serial).
    std::vector<std::int64_t> market_effort(spec_.markets.size(), 0);
    for (std::size_t c = 0; c < chunks_.size(); ++c)
      market_effort[ctx.market_of_municipality[chunks_[c].municipality]] += chunk_effort_[c];
    clear_markets(spec_, market_effort, ctx);
    // Phase 3: transitions.
    arena_.execute([&] {
      tbb::parallel_for(all_chunks, [&](const tbb::blocked_range<std::size_t>& range) {
        for (std::size_t c = range.begin(); c != range.end(); ++c) {
          MunicipalityTotals chunk_totals;
          auto words = transition_words(ctx);
          services::ServiceDraws draws(ctx.seed, ctx.week, ctx.stream);
          auto& requests = chunk_requests_[c];
          requests.clear();
          QuietWeeks quiet(tables_, people, ctx);
          // The quiet weeks a Philox batch at a time, then the others of the batch in order.
          constexpr std::size_t kBatch = random::kDenseBatchPersons;
          for (std::size_t first = chunks_[c].begin; first < chunks_[c].end;) {
            const std::size_t last = std::min(chunks_[c].end, (first / kBatch + 1) * kBatch);
            for (std::uint32_t loud = quiet.batch(first, last, words, status_out); loud != 0; loud &= loud - 1) {
              const std::size_t i = first + static_cast<std::size_t>(std::countr_zero(loud));
              status_out[i] = advance_person(rates, people, i, ctx, words, draws, requests, chunk_totals);
            }
            first = last;
          }
          quiet.add_to(chunk_totals);
          chunk_totals_[c] = chunk_totals;
        }
      });
    });
    // Phase 4: admissions from the queues, each municipality's in its chunk (= person) order.
    // Municipalities share no queue, person or total, so they run in parallel.
    by_municipality_.assign(spec_.municipalities.size(), MunicipalityTotals{});
    arena_.execute([&] {
      tbb::parallel_for(tbb::blocked_range<std::size_t>(0, by_municipality_.size(), 1),
                        [&](const tbb::blocked_range<std::size_t>& range) {
        for (std::size_t m = range.begin(); m != range.end(); ++m) {
          auto& candidates = candidates_[m];
          candidates.clear();
          for (std::size_t c = first_chunk_[m]; c < first_chunk_[m + 1]; ++c) {
            by_municipality_[m].add(chunk_totals_[c]);
            queues.add(people, chunk_requests_[c].referrals);
            candidates.insert(candidates.end(), chunk_requests_[c].candidates.begin(),
                              chunk_requests_[c].candidates.end());
          }
          queues.admit_municipality(ctx, people, m, candidates, status_out, by_municipality_[m]);
        }
      });
    });
    write_totals(by_municipality_, totals);
  }

 private:
  const scenario::ScenarioSpec& spec_;
  HazardTables tables_;
  tbb::task_arena arena_;
  std::vector<Chunk> chunks_;
  std::vector<std::int64_t> chunk_effort_;
  std::vector<MunicipalityTotals> chunk_totals_;
  std::vector<services::ChunkRequests> chunk_requests_;
  std::vector<std::size_t> first_chunk_;  // municipality m's chunks: [first_chunk_[m], first_chunk_[m + 1])
  std::vector<MunicipalityTotals> by_municipality_;
  std::vector<std::vector<std::uint32_t>> candidates_;  // for the modules' places, by municipality
};

class ReferenceStepper final : public Stepper {
 public:
  explicit ReferenceStepper(const scenario::ScenarioSpec& spec) : spec_(spec) {}

  void step(WeekContext& ctx, population::People& people, ServiceQueues& queues, std::uint8_t* status_out,
            WeekTotals& totals) override {
    const DirectRates rates{&spec_.behaviour};
    std::vector<std::int64_t> market_effort(spec_.markets.size(), 0);
    for (std::size_t i = 0; i < people.size(); ++i)
      market_effort[ctx.market_of_municipality[people.municipality[i]]] +=
          search_effort_units(rates, people, i, ctx);
    clear_markets(spec_, market_effort, ctx);
    std::vector<MunicipalityTotals> by_municipality(spec_.municipalities.size());
    auto words = transition_words(ctx);
    services::ServiceDraws draws(ctx.seed, ctx.week, ctx.stream);
    services::ChunkRequests requests;
    for (std::size_t i = 0; i < people.size(); ++i)
      status_out[i] = advance_person(rates, people, i, ctx, words, draws, requests, by_municipality[people.municipality[i]]);
    queues.add(people, requests.referrals);
    queues.admit(ctx, people, requests.candidates, status_out, by_municipality);
    write_totals(by_municipality, totals);
  }

 private:
  const scenario::ScenarioSpec& spec_;
};

}  // namespace

std::unique_ptr<Stepper> make_parallel_stepper(const scenario::ScenarioSpec& spec,
                                               std::vector<std::size_t> municipality_offsets,
                                               int threads, std::size_t chunk_persons) {
  return std::make_unique<ParallelStepper>(spec, std::move(municipality_offsets), threads, chunk_persons);
}

std::unique_ptr<Stepper> make_reference_stepper(const scenario::ScenarioSpec& spec) {
  return std::make_unique<ReferenceStepper>(spec);
}

}  // namespace kokeilu::sim
