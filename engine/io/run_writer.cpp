#include "io/run_writer.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <optional>

#include "core/calendar.hpp"
#include "core/errors.hpp"
#include "core/measures.hpp"
#include "io/hdf5.hpp"
#include "io/output_file.hpp"
#include "io/schema.hpp"
#include "io/trajectory.hpp"
#include "io/trajectory_pipeline.hpp"

namespace kokeilu::io {

namespace {

template <class T>
void write_weekly(hid_t group, const std::string& name, const std::vector<T>& values, std::vector<hsize_t> dims,
                  const std::vector<std::string>& axes, const char* unit, const scenario::ScenarioSpec& spec) {
  h5::write_dataset<T>(group, name, std::span<const T>(values), dims);
  const auto dataset = h5::open_dataset(group, name);
  write_axes(dataset, axes, spec);
  h5::write_attribute(dataset, "unit", unit);
}

}  // namespace

struct RunFileWriter::State {
  // Declared in the order of their lifetimes: the pipeline (last) stops before the datasets
  // close, the datasets before the file, the file before the temporary file is removed.
  OutputFile output;
  std::string engine_version;
  std::string git_revision;
  h5::File file;
  h5::Group meta;
  const scenario::ScenarioSpec* spec = nullptr;
  int weeks = 0;
  std::size_t persons = 0;
  int threads = 1;  // the run's: the trajectory is compressed on as many
  std::vector<sim::WeekTotals> totals;  // by week; written in end(), they are small
  std::optional<TrajectoryDataset> trajectory;  // used only by the pipeline's thread
  // The trajectory's chunk shape (fixed by the first block, as the dataset's), on the caller's thread.
  std::optional<TrajectoryCompressor> compressor;
  int trajectory_weeks_written = 0;
  bool ended = false;
  std::unique_ptr<TrajectoryPipeline> pipeline;

  State(std::filesystem::path path, bool force, std::string engine, std::string git)
      : output(std::move(path), force), engine_version(std::move(engine)), git_revision(std::move(git)) {}
};

RunFileWriter::RunFileWriter(std::filesystem::path output, bool force, std::string engine_version,
                             std::string git_revision)
    : state_(std::make_unique<State>(std::move(output), force, std::move(engine_version), std::move(git_revision))) {
  // Create the temporary file now: a folder we cannot write to fails before the simulation.
  // The folder was checked (OutputFile): a failure now is the machine's (a full disk), an IoError.
  state_->file = h5::create_file(state_->output.temporary());
}

RunFileWriter::~RunFileWriter() {
  if (state_ == nullptr) return;
  // Stop the writer thread before closing what it writes to; errors are moot now.
  state_->pipeline.reset();
  state_->trajectory.reset();
  state_->meta.reset();
  state_->file.reset();
}

void RunFileWriter::begin(const sim::RunHeader& header, const population::People& initial) {
  auto& s = *state_;
  if (s.spec != nullptr) throw std::logic_error("RunFileWriter::begin called twice");
  if (header.spec == nullptr) throw std::invalid_argument("RunHeader without a scenario");
  s.spec = header.spec;
  s.weeks = header.weeks;
  s.persons = initial.size();
  s.threads = header.threads;
  const auto& spec = *header.spec;

  s.meta = h5::create_group(s.file, "meta");
  h5::write_attribute(s.meta, "schema_version", kSchemaVersion);
  h5::write_attribute(s.meta, "kind", "run");
  h5::write_attribute(s.meta, "engine_version", s.engine_version);
  h5::write_attribute(s.meta, "git_revision", s.git_revision);
  h5::write_attribute(s.meta, "seed", header.seed);
  h5::write_attribute(s.meta, "replication", static_cast<std::int64_t>(header.replication));
  h5::write_attribute(s.meta, "arm", header.arm);
  h5::write_attribute(s.meta, "scenario_name", spec.name);
  h5::write_attribute(s.meta, "start_date", format_date(spec.run.start));
  h5::write_attribute(s.meta, "end_date", format_date(spec.run.end));
  h5::write_attribute(s.meta, "weeks", header.weeks);
  h5::write_attribute(s.meta, "persons", static_cast<std::int64_t>(s.persons));
  h5::write_attribute(s.meta, "municipalities", static_cast<std::int64_t>(spec.municipalities.size()));
  h5::write_attribute(s.meta, "created_utc", utc_now());
  h5::write_string_scalar(s.meta, "scenario_yaml", spec.resolved_text);

  write_dimensions(s.file, spec, week_starts(spec));

  h5::create_group(s.file, "people");
  write_population_weeks(s.file, s.meta, initial, spec);
  h5::create_group(s.file, "trajectory");

  // The initial population's columns compress here, on the run's threads (its arena bounds the
  // CPU a run takes: `--threads 1` is one core), and are written on the writer thread while the
  // simulation starts. The simulation changes its People in place: compressed now, nothing of
  // them is needed later.
  auto initial_columns = std::make_shared<PersonColumns>();
  initial.for_each_named_column([&](const char* name, const auto& column) {
    initial_columns->add(is_static_column(name) ? std::string(name) : std::string("initial_") + name, name, column);
  });
  initial_columns->compress(s.threads);

  // From here until end(), only the pipeline's thread calls HDF5.
  s.pipeline = std::make_unique<TrajectoryPipeline>(
      [this](int first_week, int weeks, const std::vector<std::uint8_t>& block) {
        auto& st = *state_;
        open_trajectory(weeks);
        st.trajectory->write(first_week, weeks, block.data());
        st.trajectory_weeks_written += weeks;
      });
  s.pipeline->post([this, initial_columns] {
    initial_columns->write(h5::open_group(state_->file, "people"), *state_->spec);
  });
}

void RunFileWriter::open_trajectory(int chunk_weeks) {
  auto& s = *state_;
  if (s.trajectory) return;
  const auto group = h5::open_group(s.file, "trajectory");
  // Its write() sees only part blocks (HDF5's filter); whole chunks come compressed.
  s.trajectory.emplace(group, "status", s.persons, s.weeks, chunk_weeks);
}

std::vector<std::uint8_t> RunFileWriter::trajectory(int first_week, int weeks, std::vector<std::uint8_t> block) {
  auto& s = *state_;
  if (s.pipeline == nullptr) throw std::logic_error("RunFileWriter::trajectory before begin");
  if (first_week < 0 || weeks < 0 || first_week + weeks > s.weeks ||
      block.size() < static_cast<std::size_t>(weeks) * s.persons)
    throw std::invalid_argument("RunFileWriter::trajectory: block of weeks " + std::to_string(first_week) + "+" +
                                std::to_string(weeks) + " does not fit the run");
  if (!s.compressor) s.compressor.emplace(s.persons, s.weeks, weeks);  // the dataset's shape: see open_trajectory
  if (!s.compressor->whole_chunks(first_week, weeks))  // a part block (a checkpoint): HDF5's own write
    return s.pipeline->submit(first_week, weeks, std::move(block));
  // Whole chunks: compressed here, on the run's threads, between its weeks; the writer thread
  // only writes the chunks in order. So a run uses the cores it was given and no more (the
  // writer compressing beside the run's workers made `--threads 2` three busy threads).
  auto compressed = std::make_shared<CompressedBlock>(s.compressor->compress(first_week, weeks, block.data(), s.threads));
  s.pipeline->post([this, compressed, weeks] {
    auto& st = *state_;
    open_trajectory(weeks);
    st.trajectory->write_compressed(*compressed);
    st.trajectory_weeks_written += weeks;
  });
  return block;  // compressed: the simulation may fill it again
}

void RunFileWriter::week(int week, const sim::WeekTotals& totals) {
  auto& s = *state_;
  if (s.pipeline == nullptr) throw std::logic_error("RunFileWriter::week before begin");
  s.pipeline->rethrow_if_failed();
  if (week != static_cast<int>(s.totals.size()) || week >= s.weeks)
    throw std::invalid_argument("RunFileWriter::week: week " + std::to_string(week) + " out of order");
  s.totals.push_back(totals);
}

void RunFileWriter::end(const population::People& final_state) {
  auto& s = *state_;
  if (s.pipeline == nullptr) throw std::logic_error("RunFileWriter::end before begin");
  s.pipeline->finish();  // rethrows a failed write; HDF5 is ours again
  s.pipeline.reset();
  const auto& spec = *s.spec;
  if (static_cast<int>(s.totals.size()) != s.weeks || s.trajectory_weeks_written != s.weeks)
    throw IoError("run ended after " + std::to_string(s.totals.size()) + " of " + std::to_string(s.weeks) +
                  " weeks; " + s.output.output().string() + " not written");
  if (!s.trajectory) {  // no weeks at all
    const auto group = h5::open_group(s.file, "trajectory");
    s.trajectory.emplace(group, "status", s.persons, s.weeks, 1);
  }
  s.trajectory.reset();

  // After the last week the run's threads are free: the final columns compress on all of them.
  PersonColumns final_columns;
  final_state.for_each_named_column([&](const char* name, const auto& column) {
    if (!is_static_column(name)) final_columns.add(std::string("final_") + name, name, column);
  });
  final_columns.write(h5::open_group(s.file, "people"), spec, s.threads);

  // Weekly totals: one dataset per reported counter (services::kWeekCounters); each is
  // [m * K + k] per week, so stacking the weeks gives [W, M, K]. Money is kept in integer cents
  // and written as float64 EUR (cents / 100), exact to the cent.
  const auto weekly = h5::create_group(s.file, "weekly");
  const auto W = static_cast<hsize_t>(s.weeks);
  const auto M = static_cast<hsize_t>(spec.municipalities.size());
  for (std::size_t c = 0; c < services::kWeekCounterCount; ++c) {
    const auto& counter = services::kWeekCounters[c];
    if (!counter.reported()) continue;
    std::vector<hsize_t> dims{W};
    std::vector<std::string> axes{"week"};
    if (counter.scope == services::CounterScope::municipality) {
      dims.push_back(M);
      axes.emplace_back("municipality");
    }
    if (counter.extent > 0) {
      dims.push_back(static_cast<hsize_t>(counter.extent));
      axes.emplace_back(counter.axis);
    }
    const std::string name(counter.name);
    if (counter.money()) {
      std::vector<double> values;
      for (const auto& t : s.totals)
        for (auto cents : *t.counters()[c]) values.push_back(eur_from_cents(cents));
      write_weekly(weekly, name + "_eur", values, dims, axes, "EUR", spec);
    } else {
      std::vector<std::int64_t> values;
      for (const auto& t : s.totals) values.insert(values.end(), t.counters()[c]->begin(), t.counters()[c]->end());
      write_weekly(weekly, name, values, dims, axes, std::string(counter.unit).c_str(), spec);
    }
  }
  // The ministry's activation rate (core/measures.hpp); NaN with nobody unemployed or in services.
  std::vector<double> activation;
  for (const auto& t : s.totals)
    for (hsize_t m = 0; m < M; ++m)
      activation.push_back(activation_rate_of_counts(
          std::span<const std::int64_t, kStatusCount>(t.status_counts.data() + m * kStatusCount, kStatusCount)));
  write_weekly(weekly, "activation_rate", activation, {W, M}, {"week", "municipality"}, "share", spec);

  finish_file(s.meta, s.file, s.output);
  s.ended = true;
}

}  // namespace kokeilu::io
