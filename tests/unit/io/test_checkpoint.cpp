// Checkpoints: a run continued from one gives the same bits as the uninterrupted run (statuses,
// weekly totals, final state), wherever the checkpoint lies (history, reported start, inside the
// reported period, during the pilot); a checkpoint of another history, or a file that is not a
// whole checkpoint, is refused with a message.
#include <catch2/catch.hpp>

#include <cstring>
#include <fstream>

#include "core/calendar.hpp"
#include "core/errors.hpp"
#include "io/checkpoint.hpp"
#include "io/hdf5.hpp"
#include "sim/simulation.hpp"
#include "support/capture_sink.hpp"
#include "support/designs.hpp"
#include "support/small_scenario.hpp"
#include "support/temp_folder.hpp"

using namespace kokeilu;
using Catch::Matchers::Contains;

namespace {

/// A small region with a history, every service in the baseline (so queues carry over) and a
/// pilot from 2015-01-05 to 2015-09-27.
scenario::ScenarioSpec busy_scenario() {
  auto spec = testing::small_scenario(800, testing::date(2015, 12, 31));
  spec.run.history_start = testing::date(2014, 3, 3);  // 26 weeks before 2014-09-01
  for (auto& m : spec.municipalities) m.entrants_per_year = 10;
  auto& d = spec.baseline_design;
  d.module<services::Assessment>().enabled = true;
  d.module<services::Coach>().enabled = true;
  d.module<services::Coach>().coaches_per_10000_persons = 20;
  for (auto* s : {static_cast<scenario::PlacedServiceSpec*>(&d.module<services::Training>()),
                  static_cast<scenario::PlacedServiceSpec*>(&d.module<services::RehabilitativeWork>()),
                  static_cast<scenario::PlacedServiceSpec*>(&d.module<services::PaySubsidy>()),
                  static_cast<scenario::PlacedServiceSpec*>(&d.module<services::WorkTrial>())}) {
    s->enabled = true;
    s->places_per_10000_persons = 20;  // scarce: people wait in the queues
    s->referral_rate_per_week = 0.05;
    s->duration = {4, 30};
  }
  auto pilot = d;
  pilot.name = "pilot";
  pilot.priority = scenario::PriorityRule::closest_to_labour_market_first;
  pilot.target = testing::leaf(scenario::TargetPredicate::Kind::spell_weeks_at_least, 26);
  pilot.module<services::Coach>().coaches_per_10000_persons = 60;
  pilot.start = testing::date(2015, 1, 5);
  pilot.end = testing::date(2015, 9, 27);
  spec.pilot_design = pilot;
  return spec;
}

constexpr std::uint64_t kSeed = 4242;

sim::RunOptions options() {
  sim::RunOptions o;
  o.threads = 2;
  o.chunk_persons = 300;
  o.trajectory_block_weeks = 13;
  return o;
}

bool same_people(const population::People& a, const population::People& b) {
  bool same = a.size() == b.size();
  a.for_each_named_column([&](const char* name, const auto& column) {
    b.for_each_named_column([&](const char* other, const auto& other_column) {
      if (std::strcmp(name, other) != 0) return;
      const auto bytes = column.size() * sizeof(column[0]);
      same = same && other_column.size() * sizeof(other_column[0]) == bytes &&
             std::memcmp(column.data(), other_column.data(), bytes) == 0;
    });
  });
  return same;
}

bool same_totals(const std::vector<sim::WeekTotals>& a, const std::vector<sim::WeekTotals>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t w = 0; w < a.size(); ++w)
    if (a[w] != b[w]) return false;  // every counter
  return true;
}

/// Runs `spec` uninterrupted, writing a checkpoint before week `week` to `path`.
testing::CaptureSink run_with_checkpoint(const scenario::ScenarioSpec& spec, int week,
                                         const std::filesystem::path& path) {
  testing::CaptureSink capture;
  io::RecordingSink recording(capture);
  io::CheckpointWriter writer(path, false, spec, kSeed, 0, "test");
  auto o = options();
  o.checkpoint_due = [week](int w) { return w == week; };
  o.write_checkpoint = [&](const sim::RunState& state) { writer.write(state, &recording.record()); };
  sim::Simulation(spec, kSeed).run(recording, o);
  REQUIRE(writer.last_week() == week);
  return capture;
}

/// Continues `spec` from the checkpoint at `path`.
testing::CaptureSink continue_from(const scenario::ScenarioSpec& spec, const std::filesystem::path& path) {
  auto checkpoint = io::read_checkpoint(path, spec, kSeed, 0);
  testing::CaptureSink capture;
  sim::Simulation simulation(spec, std::move(checkpoint.state), kSeed);
  if (checkpoint.record) io::replay(*checkpoint.record, simulation.header(options()), capture);
  simulation.run(capture, options());
  return capture;
}

int week_of(const scenario::ScenarioSpec& spec, Date date) { return io::checkpoint_week(spec, date); }

}  // namespace

TEST_CASE("a run continued from a checkpoint gives the uninterrupted run's bits", "[io][checkpoint]") {
  const auto spec = busy_scenario();
  testing::CaptureSink plain;
  sim::Simulation(spec, kSeed).run(plain, options());
  const int history = week_of(spec, spec.run.start);
  REQUIRE(history == 26);
  const int week = GENERATE_COPY(5, history, history + 7, week_of(spec, testing::date(2015, 3, 2)));
  CAPTURE(week);
  testing::TempFolder folder;
  const auto path = folder / "ck.h5";
  const auto with_checkpoint = run_with_checkpoint(spec, week, path);
  const auto continued = continue_from(spec, path);

  // Writing a checkpoint changes nothing; continuing from it gives the same statuses, totals and
  // final state, and (with the record) the same reported weeks before it too.
  for (const auto* run : {&with_checkpoint, &continued}) {
    CHECK(run->statuses == plain.statuses);
    CHECK(same_totals(run->totals, plain.totals));
    CHECK(same_people(run->initial_state, plain.initial_state));
    CHECK(same_people(run->final_state, plain.final_state));
    CHECK(run->ended);
  }
  // Not vacuous: the queues were not empty at the checkpoint, and statuses changed after it.
  const auto checkpoint = io::read_checkpoint(path, spec, kSeed, 0);
  std::size_t waiting = 0;
  for (const auto& queue : checkpoint.state.queues.all()) waiting += queue.size();
  if (week >= history) CHECK(waiting > 0);
  CHECK_FALSE(same_people(checkpoint.state.people, plain.final_state));
  CHECK(folder.files() == std::vector<std::string>{"ck.h5"});  // no temporary file left
}

TEST_CASE("a checkpoint of another history is refused, naming what differs", "[io][checkpoint]") {
  const auto spec = busy_scenario();
  testing::TempFolder folder;
  const auto path = folder / "ck.h5";
  const int before_pilot = week_of(spec, testing::date(2014, 11, 3));
  run_with_checkpoint(spec, before_pilot, path);

  auto other = spec;
  SECTION("another seed") {
    CHECK_THROWS_WITH(io::read_checkpoint(path, spec, kSeed + 1, 0), Contains("another scenario history") && Contains("seed"));
  }
  SECTION("another behaviour") {
    other.behaviour.separation.intercept += 0.1;
    CHECK_THROWS_WITH(io::read_checkpoint(path, other, kSeed, 0), Contains("behaviour"));
  }
  SECTION("another region") {
    other.municipalities[1].barrier_share = 0.2;
    CHECK_THROWS_WITH(io::read_checkpoint(path, other, kSeed, 0), Contains("region"));
  }
  SECTION("another baseline design") {
    other.baseline_design.module<services::Training>().places_per_10000_persons = 21;
    CHECK_THROWS_WITH(io::read_checkpoint(path, other, kSeed, 0), Contains("baseline design"));
  }
  SECTION("another replication, inside the reported period") {
    CHECK_THROWS_WITH(io::read_checkpoint(path, spec, kSeed, 1), Contains("replication"));
  }
  SECTION("a pilot that has not started yet is not part of the history") {
    other.pilot_design.reset();
    CHECK_NOTHROW(io::read_checkpoint(path, other, kSeed, 0));
    other.pilot_design = spec.pilot_design;
    other.pilot_design->module<services::Coach>().coaches_per_10000_persons = 1;
    CHECK_NOTHROW(io::read_checkpoint(path, other, kSeed, 0));
  }
  SECTION("a pilot in force before the checkpoint is") {
    const int during_pilot = week_of(spec, testing::date(2015, 3, 2));
    run_with_checkpoint(spec, during_pilot, folder / "pilot.h5");
    other.pilot_design->module<services::Coach>().coaches_per_10000_persons = 1;
    CHECK_THROWS_WITH(io::read_checkpoint(folder / "pilot.h5", other, kSeed, 0), Contains("pilot design"));
    other.pilot_design.reset();
    CHECK_THROWS_WITH(io::read_checkpoint(folder / "pilot.h5", other, kSeed, 0), Contains("pilot design"));
  }
  SECTION("a run to a later end year holds more persons") {
    other.run.end = testing::date(2016, 6, 30);
    CHECK_THROWS_WITH(io::read_checkpoint(path, other, kSeed, 0), Contains("seed, history start or persons"));
  }
}

TEST_CASE("files that are not whole checkpoints are refused", "[io][checkpoint]") {
  const auto spec = busy_scenario();
  testing::TempFolder folder;
  const auto path = folder / "ck.h5";
  run_with_checkpoint(spec, 30, path);

  CHECK_THROWS_WITH(io::read_checkpoint(folder / "missing.h5", spec, kSeed, 0), Contains("does not exist"));
  const auto text = folder.write("text.h5", "not hdf5 at all\n");
  CHECK_THROWS_WITH(io::read_checkpoint(text, spec, kSeed, 0), Contains("not a Kokeilu checkpoint"));
  {
    auto file = io::h5::create_file(folder / "other.h5");
    io::h5::create_group(file, "meta");
  }
  CHECK_THROWS_WITH(io::read_checkpoint(folder / "other.h5", spec, kSeed, 0), Contains("not a Kokeilu checkpoint"));

  // Truncated at several points: refused, never a crash.
  const auto size = std::filesystem::file_size(path);
  std::vector<char> bytes(size);
  std::ifstream(path, std::ios::binary).read(bytes.data(), static_cast<std::streamsize>(size));
  for (const double fraction : {0.001, 0.3, 0.7, 0.99}) {
    CAPTURE(fraction);
    const auto cut = folder / "cut.h5";
    std::ofstream(cut, std::ios::binary | std::ios::trunc)
        .write(bytes.data(), static_cast<std::streamsize>(static_cast<double>(size) * fraction));
    CHECK_THROWS_AS(io::read_checkpoint(cut, spec, kSeed, 0), InputError);
  }
}

TEST_CASE("the fingerprint knows every field of the scenario structs", "[io][checkpoint]") {
  // A field added to one of these structs changes its size: hash it in io/checkpoint.cpp
  // (hash_fields), or say there why it shapes no state, then update the size here.
  using namespace scenario;
  CHECK(sizeof(HazardSpec) == 136);
  CHECK(sizeof(AgeShare) == 16);
  CHECK(sizeof(SpellShare) == 16);
  CHECK(sizeof(MunicipalitySpec) - sizeof(MunicipalitySpec::initial_status_shares) == 216);  // one share per status
  CHECK(sizeof(VacancyPoint) == 16);
  CHECK(sizeof(MarketSpec) == 72);
  CHECK(sizeof(BehaviourSpec) == 864);
  CHECK(sizeof(CopaymentTier) == 16);
  CHECK(sizeof(BenefitRegime) == 40);
  CHECK(sizeof(DailyAmount) == 16);
  CHECK(sizeof(BenefitSpec) == 64);
  CHECK(sizeof(TargetPredicate) == 40);
  CHECK(sizeof(DurationWeeks) == 8);
  CHECK(sizeof(StaffSpec) == 24);
  CHECK(sizeof(BudgetSpec) == 16);
  CHECK(sizeof(MunicipalityResponseSpec) == 40);
  // The service modules' settings (DesignSpec::placed, the placed services with a status, and
  // DesignSpec::modules, the others) are hashed by their field tables (services/modules.hpp),
  // whatever their size: measured without them (an empty tuple still takes a padded word).
  // ScenarioSpec holds two designs.
  constexpr auto size_of = []<class Tuple>(std::type_identity<Tuple>) {
    return std::is_empty_v<Tuple> ? alignof(DesignSpec) : sizeof(Tuple);
  };
  constexpr std::size_t modules =
      size_of(std::type_identity<services::ModuleSpecs>{}) + size_of(std::type_identity<services::StatusSpecs>{});
  CHECK(sizeof(DesignSpec) - modules == 296);
  CHECK(sizeof(RunSpec) == 24);
  CHECK(sizeof(ScenarioSpec) - 2 * modules == 1736);
}

TEST_CASE("a run whose municipalities respond to their bill continues from a checkpoint with the same bits",
          "[io][checkpoint][capacity]") {
  // The response reads the co-payment bills of recent weeks (RunState::bills): a checkpoint
  // must carry them, or the continued run responds to an empty history.
  auto spec = busy_scenario();
  auto& rule = spec.baseline_design.municipality_response;
  rule = {true, 4, 2, 0.5, 1.0, 1.0};
  spec.pilot_design->municipality_response = rule;
  testing::CaptureSink plain;
  sim::Simulation(spec, kSeed).run(plain, options());
  const int week = week_of(spec, testing::date(2015, 3, 2));
  testing::TempFolder folder;
  const auto path = folder / "ck.h5";
  run_with_checkpoint(spec, week, path);
  const auto continued = continue_from(spec, path);
  CHECK(continued.statuses == plain.statuses);
  CHECK(same_totals(continued.totals, plain.totals));
  CHECK(same_people(continued.final_state, plain.final_state));
  // Not vacuous: the rule acted, and the checkpoint held a full window of bills.
  auto off = spec;
  off.baseline_design.municipality_response.enabled = false;
  off.pilot_design->municipality_response.enabled = false;
  testing::CaptureSink without;
  sim::Simulation(off, kSeed).run(without, options());
  CHECK(without.statuses != plain.statuses);
  CHECK(io::read_checkpoint(path, spec, kSeed, 0).state.bills.recorded >= 6);
}
