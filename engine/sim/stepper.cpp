#include "sim/stepper.hpp"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

namespace kokeilu::sim {

namespace {

void write_totals(const std::vector<MunicipalityTotals>& by_municipality, WeekTotals& out) {
  out.reset(static_cast<int>(by_municipality.size()));
  constexpr std::size_t K = scenario::kServiceCount;
  for (std::size_t m = 0; m < by_municipality.size(); ++m) {
    const auto& t = by_municipality[m];
    const auto& sv = t.services;
    out.clients[m] = sv.clients;
    out.coached[m] = sv.coached;
    out.assessments[m] = sv.assessments;
    for (std::size_t k = 0; k < K; ++k) {
      out.referrals[m * K + k] = sv.referrals[k];
      out.service_starts[m * K + k] = sv.starts[k];
      out.pilot_service_starts[m * K + k] = sv.pilot_starts[k];
      out.wait_weeks[m * K + k] = sv.wait_weeks[k];
      out.waiting[m * K + k] = sv.waiting[k];
    }
    for (std::size_t e = 0; e < 4; ++e) out.rehabilitative_exits[m * 4 + e] = sv.rehabilitative_exits[e];
    for (std::size_t k = 0; k < scenario::kSectorCount; ++k)
      out.subsidised_by_sector[m * scenario::kSectorCount + k] = sv.subsidised_by_sector[k];
    for (int s = 0; s < kStatusCount; ++s) {
      out.status_counts[m * kStatusCount + s] = t.status_counts[s];
      out.ever_pilot_clients[m * kStatusCount + s] = sv.ever_pilot_clients[s];
    }
    out.pilot_entries[m] = sv.pilot_entries;
    out.long_term_unemployed[m] = t.long_term_unemployed;
    for (int b = 0; b < kBenefitCount; ++b) out.benefit_days[m * kBenefitCount + b] = t.benefit_days[b];
    out.copayment[m] = t.copayment;
    for (int k = 0; k < kPayerCount; ++k) out.cost[m * kPayerCount + k] = t.cost[k];
    for (int b = 0; b < scenario::kDurationBracketCount; ++b) {
      out.unemployed_at_risk[b] += t.unemployed_at_risk[b];
      out.found_job[b] += t.found_job[b];
      out.entered_service[b] += t.entered_service[b];
    }
    out.unemployed_spell_weeks += t.unemployed_spell_weeks;
  }
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
    chunk_effort_.resize(chunks_.size());
    chunk_totals_.resize(chunks_.size());
    chunk_requests_.resize(chunks_.size());
  }

  void step(WeekContext& ctx, population::People& people, ServiceQueues& queues, std::uint8_t* status_out,
            WeekTotals& totals) override {
    const TableRates rates{&tables_};
    const tbb::blocked_range<std::size_t> all_chunks(0, chunks_.size(), 1);
    arena_.execute([&] {
      // Phase 1: search effort of each chunk's jobseekers.
      tbb::parallel_for(all_chunks, [&](const tbb::blocked_range<std::size_t>& range) {
        for (std::size_t c = range.begin(); c != range.end(); ++c) {
          std::int64_t sum = 0;
          for (std::size_t i = chunks_[c].begin; i < chunks_[c].end; ++i)
            sum += search_effort_units(rates, people, i, ctx);
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
          for (std::size_t i = chunks_[c].begin; i < chunks_[c].end; ++i)
            status_out[i] = advance_person(rates, people, i, ctx, words, draws, requests, chunk_totals);
          chunk_totals_[c] = chunk_totals;
        }
      });
    });
    // Phase 4 (serial): admissions from the queues, in chunk (= person) order.
    std::vector<MunicipalityTotals> by_municipality(spec_.municipalities.size());
    coach_candidates_.clear();
    for (std::size_t c = 0; c < chunks_.size(); ++c) {
      by_municipality[chunks_[c].municipality].add(chunk_totals_[c]);
      queues.add(people, chunk_requests_[c].referrals);
      coach_candidates_.insert(coach_candidates_.end(), chunk_requests_[c].coach_candidates.begin(),
                               chunk_requests_[c].coach_candidates.end());
    }
    queues.admit(ctx, people, coach_candidates_, status_out, by_municipality);
    write_totals(by_municipality, totals);
  }

 private:
  const scenario::ScenarioSpec& spec_;
  HazardTables tables_;
  tbb::task_arena arena_;
  std::vector<Chunk> chunks_;
  std::vector<std::int64_t> chunk_effort_;
  std::vector<MunicipalityTotals> chunk_totals_;
  std::vector<services::ChunkRequests> chunk_requests_;
  std::vector<std::uint32_t> coach_candidates_;
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
    queues.admit(ctx, people, requests.coach_candidates, status_out, by_municipality);
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
