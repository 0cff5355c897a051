#include "io/checkpoint.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <limits>
#include <span>
#include <sstream>
#include <type_traits>
#include <variant>

#include "core/calendar.hpp"
#include "core/errors.hpp"
#include "io/hdf5.hpp"
#include "io/output_file.hpp"
#include "io/schema.hpp"
#include "scenario/fields.hpp"

namespace kokeilu::io {

namespace {

// ---- the fingerprint: a canonical byte stream of the spec's values, hashed (FNV-1a 64) --------
// Descriptions are left out (they change nothing); every value the simulation reads is in.
// tests/unit/io/test_checkpoint.cpp checks the sizes of these structs: a field added to one of
// them fails that test until it is hashed here.

class Hasher {
 public:
  void bytes(const void* data, std::size_t size) {
    const auto* p = static_cast<const unsigned char*>(data);
    for (std::size_t i = 0; i < size; ++i) hash_ = (hash_ ^ p[i]) * 1099511628211ull;
  }
  template <class... T>
  void all(const T&... values) {
    (add(values), ...);
  }
  std::uint64_t value() const { return hash_; }

 private:
  template <class T>
  struct is_sequence : std::false_type {};
  template <class T>
  struct is_sequence<std::vector<T>> : std::true_type {};
  template <class T, std::size_t N>
  struct is_sequence<std::array<T, N>> : std::true_type {};

  template <class T>
  void add(const T& v);

  std::uint64_t hash_ = 14695981039346656037ull;
};

void hash_fields(Hasher& h, const scenario::HazardSpec& v) { h.all(v.intercept, v.covariates, v.duration); }
void hash_fields(Hasher& h, const scenario::AgeShare& v) { h.all(v.min_age, v.max_age, v.share); }
void hash_fields(Hasher& h, const scenario::SpellShare& v) { h.all(v.min_weeks, v.max_weeks, v.share); }
void hash_fields(Hasher& h, const scenario::MunicipalitySpec& v) {
  h.all(v.name, v.market, v.working_age_persons, v.initial_status_shares, v.age_shares, v.education_shares,
        v.female_share, v.foreign_language_share, v.barrier_share, v.fund_member_share, v.initial_spell_shares,
        v.initial_benefit_shares, v.entrants_per_year, v.entrants_by_year);
}
void hash_fields(Hasher& h, const scenario::VacancyPoint& v) { h.all(v.from, v.vacancies); }
void hash_fields(Hasher& h, const scenario::MarketSpec& v) {
  h.all(v.name, v.matching_efficiency, v.search_elasticity, v.vacancies);
}
void hash_fields(Hasher& h, const scenario::BehaviourSpec& v) {
  // The calibration targets and tolerance are read by `kokeilu calibrate` only.
  h.all(v.matching_enabled, v.search_effort, v.separation, v.employed_to_inactive, v.unemployed_to_inactive,
        v.inactive_to_unemployed, v.inactive_to_employed, v.retirement_age_years);
}
void hash_fields(Hasher& h, const scenario::CopaymentTier& v) { h.all(v.after_days, v.municipal_share); }
void hash_fields(Hasher& h, const scenario::BenefitRegime& v) {
  h.all(v.from, v.earnings_related_max_days_short_history, v.earnings_related_max_days_long_history,
        v.earnings_related_max_days_age_58, v.copayment_tiers);
}
void hash_fields(Hasher& h, const scenario::DailyAmount& v) { h.all(v.from, v.eur_per_day); }
void hash_fields(Hasher& h, const scenario::BenefitSpec& v) {
  h.all(v.regimes, v.basic_daily_amount, v.earnings_related_daily_eur, v.employment_condition_weeks,
        v.benefit_days_per_week);
}
void hash_fields(Hasher& h, const scenario::TargetPredicate& v) { h.all(v.kind, v.threshold, v.benefits, v.children); }
void hash_fields(Hasher& h, const scenario::DurationWeeks& v) { h.all(v.min, v.max); }
/// The modules' settings, by their field tables (services/modules.hpp), in list order: a
/// module's new key, or a new module, is hashed without a line here.
template <class Spec>
void hash_by_fields(Hasher& h, const Spec& spec, std::span<const scenario::Field<Spec>> fields) {
  using Custom = typename scenario::Field<Spec>::Custom;
  for (const auto& field : fields)
    std::visit(
        [&](auto member) {
          if constexpr (!std::is_same_v<decltype(member), Custom>) h.all(spec.*member);
        },
        field.member);
}
template <class Modules, class Specs>
void hash_module_specs(Hasher& h, const Specs& v) {
  services::for_each_in<Modules>([&](auto module, auto index) {
    using Module = typename decltype(module)::type;
    using Spec = typename Module::Spec;
    const Spec& spec = std::get<decltype(index)::value>(v);
    hash_by_fields<Spec>(h, spec, Module::fields());
  });
  (void)h, (void)v;
}
/// The placed services with a status, then the events and relations.
void hash_fields(Hasher& h, const services::StatusSpecs& v) { hash_module_specs<services::StatusModules>(h, v); }
void hash_fields(Hasher& h, const services::ModuleSpecs& v) { hash_module_specs<services::ServiceModules>(h, v); }
void hash_fields(Hasher& h, const scenario::StaffSpec& v) { h.all(v.stated, v.coaches, v.moved_from_te_office); }
void hash_fields(Hasher& h, const scenario::BudgetSpec& v) { h.all(v.stated, v.services_eur_per_year); }
void hash_fields(Hasher& h, const scenario::MunicipalityResponseSpec& v) {
  h.all(v.enabled, v.window_weeks, v.lag_weeks, v.threshold_eur_per_unemployed_week, v.elasticity, v.max_increase);
}
void hash_fields(Hasher& h, const scenario::DesignSpec& v) {
  h.all(v.name, v.organiser, v.start, v.end, v.target, v.stock_at_start, v.inflow, v.on_transfer, v.priority, v.area,
        v.referral_by_spell, v.supplement_eur_per_day, v.placed, v.modules, v.staff, v.budget, v.municipality_response);
}

template <class T>
void Hasher::add(const T& v) {
  if constexpr (std::is_arithmetic_v<T> || std::is_enum_v<T>) {
    bytes(&v, sizeof v);
  } else if constexpr (std::is_same_v<T, std::string>) {
    add(v.size());
    bytes(v.data(), v.size());
  } else if constexpr (std::is_same_v<T, Date>) {
    add(static_cast<std::int64_t>(std::chrono::sys_days{v}.time_since_epoch().count()));
  } else if constexpr (is_sequence<T>::value) {
    add(v.size());
    for (const auto& e : v) add(e);
  } else if constexpr (requires { v.has_value(); }) {
    add(v.has_value());
    if (v) add(*v);
  } else if constexpr (requires { v.first; v.second; }) {
    add(v.first);
    add(v.second);
  } else {
    hash_fields(*this, v);
  }
}

template <class... T>
std::uint64_t hash_of(const T&... values) {
  Hasher h;
  h.all(values...);
  return h.value();
}

std::string hex(std::uint64_t value) {
  std::ostringstream s;
  s << std::hex;
  s.width(16);
  s.fill('0');
  s << value;
  return s.str();
}

std::uint64_t from_hex(const std::string& text) {
  std::uint64_t value = 0;
  std::istringstream s(text);
  s >> std::hex >> value;
  return value;
}

// ---- person columns --------------------------------------------------------------------------

void write_people(hid_t group, const population::People& people) {
  people.for_each_named_column([&](const char* name, const auto& column) { h5::write_dataset(group, name, column); });
}

/// @throws InputError if a column is missing or has the wrong length (IoError from HDF5 is
/// turned into InputError by the caller).
population::People read_people(hid_t group, std::size_t persons, const std::string& where) {
  population::People people;
  people.for_each_named_column([&](const char* name, auto& column) {
    using T = typename std::decay_t<decltype(column)>::value_type;
    if (!h5::exists(group, name)) throw InputError(where + " has no person column `" + name + "`");
    column = h5::read_dataset<T>(group, name);
    if (column.size() != persons)
      throw InputError(where + " column `" + name + "` has " + std::to_string(column.size()) + " persons, not " +
                       std::to_string(persons));
  });
  return people;
}

constexpr const char* kKind = "kokeilu-checkpoint";

int history_weeks_of(const scenario::ScenarioSpec& spec) {
  return Calendar(spec.run.history_start, spec.run.end).week_of(spec.run.start);
}

/// Turns HDF5 failures while reading a checkpoint into bad input naming the file.
template <class F>
auto reading(const std::filesystem::path& path, F&& read) {
  try {
    return read();
  } catch (const IoError& e) {
    throw InputError("cannot read checkpoint " + path.string() + " (damaged or truncated?): " + e.what());
  }
}

}  // namespace

// ---- fingerprint ---------------------------------------------------------------------------------

std::uint64_t HistoryFingerprint::combined() const {
  Hasher h;
  for (const auto& [name, hash] : parts) h.all(name, hash);
  return h.value();
}

std::string HistoryFingerprint::differences(const HistoryFingerprint& other) const {
  std::string names;
  for (const auto& [name, hash] : parts) {
    const auto it = std::find_if(other.parts.begin(), other.parts.end(), [&](const auto& p) { return p.first == name; });
    if (it == other.parts.end() || it->second != hash) names += (names.empty() ? "" : ", ") + name;
  }
  return names.empty() ? "the parts are named differently" : names;
}

HistoryFingerprint history_fingerprint(const scenario::ScenarioSpec& spec, std::uint64_t seed, int week,
                                       std::uint32_t replication) {
  const Calendar calendar(spec.run.history_start, spec.run.end);
  const int history = calendar.week_of(spec.run.start);
  // The pilot acts from its first week in force (never in the history) to its last.
  std::uint64_t pilot = 0;
  if (const auto& design = spec.pilot_design) {
    int first = design->start ? std::max(0, calendar.week_of(*design->start)) : 0;
    first = std::max(first, history);
    const int last = design->end ? calendar.week_of(*design->end) : std::numeric_limits<int>::max();
    if (first < week && first <= last) pilot = hash_of(*design);
  }
  HistoryFingerprint f;
  f.parts = {
      {"region", hash_of(spec.markets, spec.municipalities, spec.population_date)},
      {"behaviour", hash_of(spec.behaviour)},
      {"benefits", hash_of(spec.benefits)},
      {"baseline design", hash_of(spec.baseline_design)},
      // The persons ever in the run: those at the history start and every year's entrants to the
      // end year (the store's size and order).
      {"seed, history start or persons", hash_of(seed, spec.run.history_start, spec.total_persons_ever())},
      {"reported start or replication", week > history ? hash_of(spec.run.start, replication) : 0},
      {"pilot design", pilot},
  };
  return f;
}

int checkpoint_week(const scenario::ScenarioSpec& spec, Date date) {
  const Calendar calendar(spec.run.history_start, spec.run.end);
  const int week = calendar.week_of(date);
  if (week < 0 || week >= calendar.weeks())
    throw InputError("checkpoint date " + format_date(date) + " is outside the simulated weeks (" +
                     format_date(spec.run.history_start) + " to " + format_date(spec.run.end) + ")");
  return week;
}

// ---- recording and replaying a run's output ------------------------------------------------------

void RecordingSink::begin(const sim::RunHeader& header, const population::People& initial) {
  record_.initial = initial;
  persons_ = initial.size();
  inner_.begin(header, initial);
}

std::vector<std::uint8_t> RecordingSink::trajectory(int first_week, int weeks, std::vector<std::uint8_t> block) {
  const auto bytes = persons_ * static_cast<std::size_t>(weeks);
  record_.statuses.insert(record_.statuses.end(), block.begin(), block.begin() + static_cast<std::ptrdiff_t>(bytes));
  record_.blocks.emplace_back(first_week, weeks);
  return inner_.trajectory(first_week, weeks, std::move(block));
}

void RecordingSink::week(int week, const sim::WeekTotals& totals) {
  record_.totals.push_back(totals);
  inner_.week(week, totals);
}

void replay(const OutputRecord& record, const sim::RunHeader& header, sim::RunSink& sink) {
  sink.begin(header, record.initial);
  const std::size_t persons = record.initial.size();
  std::vector<std::uint8_t> block;
  for (const auto& [first, weeks] : record.blocks) {
    const auto from = record.statuses.begin() + static_cast<std::ptrdiff_t>(persons * static_cast<std::size_t>(first));
    block.assign(from, from + static_cast<std::ptrdiff_t>(persons * static_cast<std::size_t>(weeks)));
    block = sink.trajectory(first, weeks, std::move(block));
  }
  for (std::size_t w = 0; w < record.totals.size(); ++w) sink.week(static_cast<int>(w), record.totals[w]);
}

// ---- writing -------------------------------------------------------------------------------------

CheckpointWriter::CheckpointWriter(std::filesystem::path path, bool force, const scenario::ScenarioSpec& spec,
                                   std::uint64_t seed, std::uint32_t replication, std::string engine_version)
    : path_(std::move(path)), force_(force), spec_(spec), seed_(seed), replication_(replication),
      engine_version_(std::move(engine_version)) {
  try {
    OutputFile check(path_, force_);  // creates nothing
  } catch (const InputError& e) {
    throw InputError(std::string("checkpoint: ") + e.what());
  }
}

void CheckpointWriter::write(const sim::RunState& state, const OutputRecord* record) {
  const int history = history_weeks_of(spec_);
  const bool reported = state.week > history;
  if (reported && record == nullptr)
    throw std::invalid_argument("CheckpointWriter::write: a state inside the reported period needs its record");
  // The first checkpoint of a run may replace a file only with --force; later ones replace the
  // run's own earlier checkpoint.
  OutputFile output(path_, force_ || last_week_ >= 0);
  auto file = h5::create_file(output.temporary());
  const std::size_t persons = state.people.size();

  auto meta = h5::create_group(file, "checkpoint");
  const Calendar calendar(spec_.run.history_start, spec_.run.end);
  h5::write_attribute(meta, "kind", kKind);
  h5::write_attribute(meta, "format_version", kCheckpointFormatVersion);
  h5::write_attribute(meta, "engine_version", engine_version_);
  h5::write_attribute(meta, "created_utc", utc_now());
  h5::write_attribute(meta, "scenario_name", spec_.name);
  h5::write_attribute(meta, "week", state.week);
  h5::write_attribute(meta, "week_start", format_date(calendar.week_start(state.week)));
  h5::write_attribute(meta, "history_start_date", format_date(spec_.run.history_start));
  h5::write_attribute(meta, "history_weeks", history);
  h5::write_attribute(meta, "seed", seed_);
  h5::write_attribute(meta, "replication", static_cast<std::int64_t>(replication_));
  h5::write_attribute(meta, "persons", static_cast<std::int64_t>(persons));
  h5::write_attribute(meta, "municipalities", static_cast<std::int64_t>(spec_.municipalities.size()));
  const auto fingerprint = history_fingerprint(spec_, seed_, state.week, replication_);
  h5::write_attribute(meta, "history_hash", hex(fingerprint.combined()));
  std::vector<std::string> part_names, part_hashes;
  for (const auto& [name, hash] : fingerprint.parts) {
    part_names.push_back(name);
    part_hashes.push_back(hex(hash));
  }
  h5::write_attribute(meta, "history_parts", part_names);
  h5::write_attribute(meta, "history_part_hashes", part_hashes);
  h5::write_string_scalar(meta, "scenario_yaml", spec_.resolved_text);

  write_people(h5::create_group(file, "people"), state.people);

  // Queues: every queue's persons one after the other; queue q is persons[offsets[q], offsets[q+1]).
  const auto queues = h5::create_group(file, "queues");
  std::vector<std::int64_t> offsets{0}, members;
  for (const auto& queue : state.queues.all()) {
    members.insert(members.end(), queue.begin(), queue.end());
    offsets.push_back(static_cast<std::int64_t>(members.size()));
  }
  h5::write_dataset(queues, "offsets", offsets);
  h5::write_dataset(queues, "persons", members);

  // The municipalities' co-payment bills of recent weeks (policy/municipality_response.hpp).
  const auto bills = h5::create_group(file, "bills");
  h5::write_attribute(bills, "recorded_weeks", state.bills.recorded);
  h5::write_dataset(bills, "copayment_cents", state.bills.copayment_cents);
  h5::write_dataset(bills, "unemployed", state.bills.unemployed);

  if (reported) {
    const auto reported_weeks = static_cast<std::size_t>(state.week - history);
    if (record->totals.size() != reported_weeks || record->statuses.size() != reported_weeks * persons ||
        record->initial.size() != persons)
      throw std::invalid_argument("CheckpointWriter::write: the record does not hold the weeks before the state");
    const auto group = h5::create_group(file, "record");
    write_people(h5::create_group(group, "initial"), record->initial);
    const auto weekly = h5::create_group(group, "weekly");
    // Every reported counter of services::kWeekCounters, by its name.
    for (std::size_t c = 0; c < services::kWeekCounterCount; ++c) {
      if (sim::WeekTotals().counters()[c] == nullptr) continue;  // internal to the step
      std::vector<std::int64_t> values;
      for (const auto& t : record->totals) values.insert(values.end(), t.counters()[c]->begin(), t.counters()[c]->end());
      const auto per_week = reported_weeks == 0 ? 0 : values.size() / reported_weeks;
      h5::write_dataset<std::int64_t>(weekly, std::string(services::kWeekCounters[c].name),
                                      std::span<const std::int64_t>(values),
                                      {static_cast<hsize_t>(reported_weeks), static_cast<hsize_t>(per_week)});
    }
    h5::write_dataset<std::uint8_t>(group, "statuses", std::span<const std::uint8_t>(record->statuses),
                                    {static_cast<hsize_t>(reported_weeks), static_cast<hsize_t>(persons)});
    std::vector<std::int32_t> blocks;
    for (const auto& [first, weeks] : record->blocks) {
      blocks.push_back(first);
      blocks.push_back(weeks);
    }
    h5::write_dataset<std::int32_t>(group, "blocks", std::span<const std::int32_t>(blocks),
                                    {static_cast<hsize_t>(record->blocks.size()), 2});
  }
  // Written last: its presence means the file is whole.
  h5::write_attribute(meta, "complete", 1);
  meta.reset();
  h5::close_file(file, output.temporary().string());
  output.commit();
  last_week_ = state.week;
}

// ---- reading ---------------------------------------------------------------------------------------

CheckpointHeader read_checkpoint_header(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) throw InputError("checkpoint " + path.string() + " does not exist");
  if (!h5::is_hdf5_file(path))
    throw InputError("checkpoint " + path.string() + " is not a Kokeilu checkpoint (not an HDF5 file, or truncated)");
  return reading(path, [&] {
    const auto file = h5::open_file(path);
    if (!h5::exists(file, "checkpoint") || !h5::has_attribute(h5::open_group(file, "checkpoint"), "kind"))
      throw InputError("checkpoint " + path.string() +
                       " is not a Kokeilu checkpoint (an HDF5 file without /checkpoint; an output file?)");
    const auto meta = h5::open_group(file, "checkpoint");
    if (h5::read_string_attribute(meta, "kind") != kKind)
      throw InputError("checkpoint " + path.string() + " is not a Kokeilu checkpoint (/checkpoint kind is `" +
                       h5::read_string_attribute(meta, "kind") + "`)");
    if (!h5::has_attribute(meta, "complete"))
      throw InputError("checkpoint " + path.string() + " is incomplete (its writer stopped before the end)");
    if (const auto version = h5::read_int_attribute(meta, "format_version"); version != kCheckpointFormatVersion)
      throw InputError("checkpoint " + path.string() + " has format version " + std::to_string(version) +
                       "; this engine reads version " + std::to_string(kCheckpointFormatVersion));
    CheckpointHeader header;
    header.week = static_cast<int>(h5::read_int_attribute(meta, "week"));
    header.week_start = h5::read_string_attribute(meta, "week_start");
    header.history_weeks = static_cast<int>(h5::read_int_attribute(meta, "history_weeks"));
    header.seed = h5::read_uint_attribute(meta, "seed");
    header.replication = static_cast<std::uint32_t>(h5::read_int_attribute(meta, "replication"));
    header.persons = h5::read_int_attribute(meta, "persons");
    header.scenario_name = h5::read_string_attribute(meta, "scenario_name");
    const auto names = h5::read_string_array_attribute(meta, "history_parts");
    const auto hashes = h5::read_string_array_attribute(meta, "history_part_hashes");
    if (names.size() != hashes.size()) throw InputError("checkpoint " + path.string() + " has a damaged fingerprint");
    for (std::size_t i = 0; i < names.size(); ++i) header.fingerprint.parts.emplace_back(names[i], from_hex(hashes[i]));
    header.has_record = h5::exists(file, "record");
    return header;
  });
}

std::string describe_checkpoint(const std::filesystem::path& path) {
  const auto header = read_checkpoint_header(path);
  std::ostringstream out;
  out << path.string() << ": Kokeilu checkpoint, format version " << kCheckpointFormatVersion << "\n"
      << "  scenario:      " << header.scenario_name << " (seed " << header.seed << ", replication "
      << header.replication << ")\n"
      << "  state at:      " << header.week_start << " (week " << header.week << " from the history start; "
      << header.history_weeks << " weeks of history)\n"
      << "  persons:       " << header.persons << "\n"
      << "  output so far: "
      << (header.has_record ? std::to_string(header.week - header.history_weeks) + " reported weeks (/record)"
                            : std::string("none (the state is in the history)"))
      << "\n  history hash:  " << hex(header.fingerprint.combined()) << "\n";
  for (const auto& [name, hash] : header.fingerprint.parts) out << "    " << name << ": " << hex(hash) << "\n";
  return out.str();
}

Checkpoint read_checkpoint(const std::filesystem::path& path, const scenario::ScenarioSpec& spec, std::uint64_t seed,
                           std::uint32_t replication) {
  Checkpoint checkpoint;
  checkpoint.header = read_checkpoint_header(path);
  const auto& header = checkpoint.header;
  const auto expected = history_fingerprint(spec, seed, header.week, replication);
  if (expected.combined() != header.fingerprint.combined())
    throw InputError("checkpoint " + path.string() + " (scenario `" + header.scenario_name + "`, seed " +
                     std::to_string(header.seed) + ", at " + header.week_start +
                     ") belongs to another scenario history: its " + expected.differences(header.fingerprint) +
                     " differ from this run's");
  const int history = history_weeks_of(spec);
  const auto persons = static_cast<std::size_t>(header.persons);
  const std::string where = "checkpoint " + path.string();
  if (header.persons != spec.total_persons_ever())
    throw InputError(where + " holds " + std::to_string(header.persons) + " persons; this run has " +
                     std::to_string(spec.total_persons_ever()));
  return reading(path, [&] {
    const auto file = h5::open_file(path);
    checkpoint.state.people = read_people(h5::open_group(file, "people"), persons, where);
    checkpoint.state.week = header.week;

    const auto queues = h5::open_group(file, "queues");
    const auto offsets = h5::read_dataset<std::int64_t>(queues, "offsets");
    const auto members = h5::read_dataset<std::int64_t>(queues, "persons");
    const std::size_t queue_count = spec.municipalities.size() * scenario::kServiceCount;
    if (offsets.size() != queue_count + 1 || offsets.front() != 0 ||
        offsets.back() != static_cast<std::int64_t>(members.size()) || !std::is_sorted(offsets.begin(), offsets.end()))
      throw InputError(where + " has damaged queues (/queues/offsets)");
    std::vector<std::vector<std::uint32_t>> waiting(queue_count);
    for (std::size_t q = 0; q < queue_count; ++q)
      for (auto k = offsets[q]; k < offsets[q + 1]; ++k) {
        const auto person = members[static_cast<std::size_t>(k)];
        if (person < 0 || static_cast<std::size_t>(person) >= persons)
          throw InputError(where + " has damaged queues (a person index out of range)");
        waiting[q].push_back(static_cast<std::uint32_t>(person));
      }
    checkpoint.state.queues = sim::ServiceQueues(spec.municipalities.size(), std::move(waiting));

    const auto bills = h5::open_group(file, "bills");
    auto& history_of_bills = checkpoint.state.bills;
    history_of_bills.recorded = static_cast<int>(h5::read_int_attribute(bills, "recorded_weeks"));
    history_of_bills.copayment_cents = h5::read_dataset<std::int64_t>(bills, "copayment_cents");
    history_of_bills.unemployed = h5::read_dataset<std::int64_t>(bills, "unemployed");
    const std::size_t slots = spec.municipalities.size() * policy::BillHistory::kWeeks;
    if (history_of_bills.recorded < 0 || history_of_bills.recorded > policy::BillHistory::kWeeks ||
        history_of_bills.copayment_cents.size() != history_of_bills.unemployed.size() ||
        (history_of_bills.recorded > 0 && history_of_bills.copayment_cents.size() != slots))
      throw InputError(where + " has damaged co-payment bills (/bills)");

    if (header.week > history) {
      if (!header.has_record) throw InputError(where + " lies in the reported period but holds no record of it");
      const auto group = h5::open_group(file, "record");
      const auto reported_weeks = static_cast<std::size_t>(header.week - history);
      OutputRecord record;
      record.initial = read_people(h5::open_group(group, "initial"), persons, where + " record");
      const auto weekly = h5::open_group(group, "weekly");
      record.totals.assign(reported_weeks, sim::WeekTotals(static_cast<int>(spec.municipalities.size())));
      for (std::size_t c = 0; c < services::kWeekCounterCount; ++c) {
        if (record.totals.front().counters()[c] == nullptr) continue;
        const std::string name(services::kWeekCounters[c].name);
        if (!h5::exists(weekly, name)) throw InputError(where + " record has no weekly `" + name + "`");
        const auto values = h5::read_dataset<std::int64_t>(weekly, name);
        const std::size_t per_week = record.totals.front().counters()[c]->size();
        if (values.size() != per_week * reported_weeks)
          throw InputError(where + " record of weekly `" + name + "` has the wrong size");
        for (std::size_t w = 0; w < reported_weeks; ++w)
          std::copy_n(values.begin() + static_cast<std::ptrdiff_t>(w * per_week), per_week,
                      record.totals[w].counters()[c]->begin());
      }
      record.statuses = h5::read_dataset<std::uint8_t>(group, "statuses");
      if (record.statuses.size() != reported_weeks * persons)
        throw InputError(where + " record of statuses has the wrong size");
      const auto blocks = h5::read_dataset<std::int32_t>(group, "blocks");
      int next = 0;
      for (std::size_t b = 0; b + 1 < blocks.size(); b += 2) {
        if (blocks[b] != next || blocks[b + 1] <= 0) throw InputError(where + " record has damaged blocks");
        record.blocks.emplace_back(blocks[b], blocks[b + 1]);
        next += blocks[b + 1];
      }
      if (next != static_cast<int>(reported_weeks) || blocks.size() % 2 != 0)
        throw InputError(where + " record's blocks do not cover its weeks");
      checkpoint.record = std::move(record);
    }
    return std::move(checkpoint);
  });
}

}  // namespace kokeilu::io
