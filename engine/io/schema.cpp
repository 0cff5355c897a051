#include "io/schema.hpp"

#include <algorithm>

#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>
#include <charconv>
#include <cstdio>
#include <map>
#include <set>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <span>
#include <string_view>
#include <type_traits>
#include <stdexcept>

#include "core/calendar.hpp"
#include "io/chunk_deflate.hpp"
#include "population/generate.hpp"

namespace kokeilu::io {

namespace {

struct ColumnInfo {
  std::vector<std::string> codes;  // names in code order; empty: not a code column
  std::vector<std::string> bits;   // names of bit 0, 1, ...; empty: not a bit field
  std::string unit;                // empty: none
};

ColumnInfo column_info(std::string_view column, const scenario::ScenarioSpec& spec) {
  ColumnInfo info;
  if (column == "municipality") info.codes = municipality_names(spec);
  else if (column == "education") info.codes = to_strings(kEducationNames);
  else if (column == "status") info.codes = to_strings(kStatusNames);
  else if (column == "benefit") info.codes = to_strings(kBenefitNames);
  else if (column == "sector") info.codes = to_strings(scenario::kSectorNames);
  else if (column == "waiting_for") {
    info.codes = {"none"};
    for (auto name : scenario::kServiceNames) info.codes.emplace_back(name);
  } else if (column == "client_flags") info.bits = to_strings(kClientFlagNames);
  else if (column == "birth_year") info.unit = "year";
  else if (column == "spell_weeks" || column == "work_weeks_since_claim" || column == "work_history_weeks" ||
           column == "service_weeks_left" || column == "coach_weeks_left" || column == "weeks_since_meeting")
    info.unit = "weeks";
  else if (column == "earnings_related_days" || column == "subsidy_days") info.unit = "days";
  else if (column == "client_since" || column == "waiting_since") info.unit = "week from the history start";
  else if (column == "subsidy_percent") info.unit = "percent";
  return info;
}

std::vector<std::string> axis_labels(const std::string& axis, const scenario::ScenarioSpec& spec) {
  if (axis == "municipality") return municipality_names(spec);
  if (axis == "status") return to_strings(kStatusNames);
  if (axis == "benefit") return to_strings(kBenefitNames);
  if (axis == "payer") return to_strings(kPayerNames);
  if (axis == "bracket") return to_strings(scenario::kDurationBracketNames);
  if (axis == "service") return to_strings(scenario::kServiceNames);
  if (axis == "sector") return to_strings(scenario::kSectorNames);
  if (axis == "exit") return to_strings(kRehabilitativeExitNames);
  if (axis == "module") return to_strings(services::kModuleNames);
  if (axis == "organiser") return {"te_office", "pilot"};
  throw std::invalid_argument("no labels for axis " + axis);
}

}  // namespace

void write_dims(hid_t group, const std::string& dataset, const std::vector<std::string>& dims) {
  h5::write_attribute(h5::open_dataset(group, dataset), "dims", dims);
}

bool is_static_column(std::string_view column) {
  return column == "municipality" || column == "birth_year" || column == "female" || column == "education" ||
         column == "foreign_language" || column == "barrier" || column == "fund_member";
}

std::string utc_now() {
  std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  // https://reproducible-builds.org/specs/source-date-epoch/: a fixed time makes identical runs
  // give identical bytes.
  if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH")) {
    long long seconds = 0;
    const std::string_view text(epoch);
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), seconds);
    if (ec == std::errc() && end == text.data() + text.size() && seconds >= 0 && seconds < 253402300800LL)
      now = static_cast<std::time_t>(seconds);
  }
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

std::vector<std::string> week_starts(const scenario::ScenarioSpec& spec) {
  const Calendar calendar(spec.run.start, spec.run.end);
  std::vector<std::string> starts;
  for (int w = 0; w < calendar.weeks(); ++w) starts.push_back(format_date(calendar.week_start(w)));
  return starts;
}

std::vector<std::string> municipality_names(const scenario::ScenarioSpec& spec) {
  std::vector<std::string> names;
  for (const auto& m : spec.municipalities) names.push_back(m.name);
  return names;
}

void write_dimensions(hid_t file, const scenario::ScenarioSpec& spec, const std::vector<std::string>& week_start) {
  const auto calendar = h5::create_group(file, "calendar");
  h5::write_strings(calendar, "week_start", week_start);
  write_dims(calendar, "week_start", {"week"});

  const auto municipalities = h5::create_group(file, "municipalities");
  h5::write_strings(municipalities, "name", municipality_names(spec));
  std::vector<std::int32_t> market;
  std::vector<std::int64_t> persons;
  for (const auto& m : spec.municipalities) {
    market.push_back(m.market);
    persons.push_back(m.working_age_persons);
  }
  h5::write_dataset(municipalities, "market", market);
  std::vector<std::string> market_names;
  for (const auto& m : spec.markets) market_names.push_back(m.name);
  {
    const auto dataset = h5::open_dataset(municipalities, "market");
    h5::write_attribute(dataset, "codes", market_names);
  }
  h5::write_dataset(municipalities, "working_age_persons", persons);
  h5::write_attribute(h5::open_dataset(municipalities, "working_age_persons"), "unit", "persons");
  for (const char* name : {"name", "market", "working_age_persons"}) write_dims(municipalities, name, {"municipality"});

  const auto markets = h5::create_group(file, "markets");
  h5::write_strings(markets, "name", market_names);
  write_dims(markets, "name", {"market"});
}

namespace {
/// Persons per chunk of a person column: 1 M, or all of them.
std::size_t person_chunk(std::size_t persons) { return std::min<std::size_t>(persons, 1u << 20); }
}  // namespace

void PersonColumns::compress(int threads) {
  // Person columns compress well (few distinct values): deflate 1 in chunks of 1 M persons,
  // compressed here and written whole (io/chunk_deflate.hpp): runs for integer codes and counts,
  // zlib's general search for floats.
  const auto compress_column = [&](Column& c) {
    if (c.bytes.empty()) return;
    ChunkDeflater deflater(c.floating ? ChunkDeflater::Strategy::general : ChunkDeflater::Strategy::runs);
    c.chunks = deflate_chunks(c.bytes, c.element_bytes, person_chunk(c.persons), deflater);
  };
  if (threads > 1 && columns_.size() > 1) {
    tbb::task_arena arena(threads);
    arena.execute([&] {
      tbb::parallel_for(std::size_t{0}, columns_.size(), [&](std::size_t k) { compress_column(columns_[k]); });
    });
  } else {
    for (auto& c : columns_) compress_column(c);
  }
  for (auto& c : columns_) c.bytes = {};
  compressed_ = true;
}

void PersonColumns::write(hid_t people_group, const scenario::ScenarioSpec& spec, int threads) {
  if (!compressed_) compress(threads);
  for (auto& c : columns_) {
    const std::size_t persons = c.persons;
    h5::Layout layout;
    if (persons > 0) layout = {{person_chunk(persons)}, 1};
    const auto dataset = h5::create_dataset(people_group, c.name, c.type, {static_cast<hsize_t>(persons)}, layout);
    write_deflated_chunks(dataset, c.chunks, person_chunk(persons), h5::object_path(people_group) + "/" + c.name);
    c.chunks = {};
    const auto info = column_info(c.column_name, spec);
    if (!info.codes.empty()) h5::write_attribute(dataset, "codes", info.codes);
    if (!info.bits.empty()) h5::write_attribute(dataset, "bits", info.bits);
    if (!info.unit.empty()) h5::write_attribute(dataset, "unit", info.unit);
    h5::write_attribute(dataset, "dims", std::vector<std::string>{"person"});
  }
}

void write_axes(hid_t dataset, const std::vector<std::string>& dims, const scenario::ScenarioSpec& spec) {
  h5::write_attribute(dataset, "dims", dims);
  for (const auto& axis : dims)
    if (axis != "week") h5::write_attribute(dataset, axis, axis_labels(axis, spec));
}

void write_population_weeks(hid_t file, hid_t meta, const population::People& people,
                            const scenario::ScenarioSpec& spec) {
  const auto span = population::population_weeks(spec, people);
  const auto group = h5::open_group(file, "people");
  for (const auto& [name, values] : {std::pair{"entry_week", &span.entry_week}, std::pair{"exit_week", &span.exit_week}}) {
    h5::write_dataset(group, name, *values);
    const auto dataset = h5::open_dataset(group, name);
    h5::write_attribute(dataset, "unit", "week");
    h5::write_attribute(dataset, "dims", std::vector<std::string>{"person"});
    h5::write_attribute(dataset, "description",
                        "in the population (aged 15 to the retirement age) in weeks [entry_week, exit_week); -1: never "
                        "in the reported period");
  }
  h5::write_attribute(meta, "history_start_date", format_date(spec.run.history_start));
  h5::write_attribute(meta, "history_weeks",
                      static_cast<std::int64_t>(Calendar(spec.run.history_start, spec.run.end).week_of(spec.run.start)));
  h5::write_attribute(meta, "outside_population_code", static_cast<std::int64_t>(kOutsidePopulation));
}

namespace {

// netCDF-4's mark of a dimension that has no coordinate values (netCDF-C's dim.c writes this
// text and the size in ten characters); h5netcdf and netCDF-C read such a dataset as a dimension.
constexpr std::string_view kDimensionWithoutValues = "This is a netCDF dimension but not a netCDF variable.";

struct Axis {
  hsize_t size = 0;
  std::string first_user;            // a dataset that uses it, for messages
  std::vector<std::string> labels;   // from the dataset's attribute named after the axis
  std::vector<std::string> users;    // with the axis position of each
  std::vector<unsigned> positions;
};

/// Where the coordinate values of an axis come from, when a dimension dataset holds them.
std::string dimension_dataset(const std::string& axis) {
  if (axis == "week") return "calendar/week_start";
  if (axis == "municipality") return "municipalities/name";
  if (axis == "market") return "markets/name";
  if (axis == "group") return "groups/name";
  if (axis == "metric") return "metrics/name";
  return {};
}

/// The group of a dataset's path ("/arms/a/replications/0/metrics" -> "/arms/a/replications/0").
std::string group_of(const std::string& path) {
  const auto slash = path.rfind('/');
  return slash == 0 ? "/" : path.substr(0, slash);
}

/// Each group that uses an axis gets a hard link to the root's scale under the axis's name: the
/// same object, so the labels are stored once, yet a group opened alone (xarray.open_dataset with
/// group=..., h5netcdf) finds the axis as its own dimension with its coordinate values. netCDF-4
/// shares dimensions with subgroups but not coordinate variables; the link gives them too.
/// `person` has no values to link. A group that holds a dataset of the axis's own name keeps it
/// (it is not a coordinate) and goes without: docs/hdf5-schema.md says which groups those are.
void link_coordinates_into_groups(hid_t file, const std::map<std::string, Axis>& axes) {
  std::map<std::string, std::set<std::string>> axes_of_group;
  for (const auto& [name, axis] : axes)
    if (name != "person")
      for (const auto& user : axis.users)
        if (const auto group = group_of(user); group != "/") axes_of_group[group].insert(name);
  for (const auto& [group_path, names] : axes_of_group) {
    const auto group = h5::open_group(file, group_path);
    for (const auto& name : names)
      if (!h5::exists(group, name)) h5::link(group, name, file, "/" + name);
  }
}

}  // namespace

void write_dimension_scales(hid_t file) {
  std::map<std::string, Axis> axes;
  h5::visit_datasets(file, [&](const std::string& path, const h5::Dataset& dataset) {
    const auto shape = h5::shape(dataset);
    if (shape.empty()) return;  // scalars have no axes
    if (!h5::has_attribute(dataset, "dims")) throw std::logic_error(path + " has no dims attribute");
    const auto dims = h5::read_string_array_attribute(dataset, "dims");
    if (dims.size() != shape.size()) throw std::logic_error(path + ": dims do not match its rank");
    for (std::size_t i = 0; i < dims.size(); ++i) {
      auto& axis = axes[dims[i]];
      if (axis.first_user.empty()) {
        axis.size = shape[i];
        axis.first_user = path;
      } else if (axis.size != shape[i]) {
        throw std::logic_error("axis " + dims[i] + " is " + std::to_string(shape[i]) + " long in " + path +
                               " and " + std::to_string(axis.size) + " in " + axis.first_user);
      }
      if (axis.labels.empty() && h5::has_attribute(dataset, dims[i]))
        axis.labels = h5::read_string_array_attribute(dataset, dims[i]);
      axis.users.push_back(path);
      axis.positions.push_back(static_cast<unsigned>(i));
    }
  });
  // A scale attached to every run of a large comparison has a REFERENCE_LIST over 64 KiB.
  h5::use_large_attribute_format(file);
  std::vector<h5::ScaleAttachment> attachments;
  for (auto& [name, axis] : axes) {
    h5::Dataset scale;
    if (const auto source = dimension_dataset(name); !source.empty()) {
      h5::write_strings(file, name, h5::read_strings(file, source));
    } else if (!axis.labels.empty()) {
      h5::write_strings(file, name, axis.labels);
    } else if (name == "person") {
      // Persons are numbered by their index: a named dimension with no stored values (a
      // contiguous dataset never written takes no space).
      h5::create_dataset(file, name, H5T_NATIVE_FLOAT, {axis.size});
    } else {
      throw std::logic_error("axis " + name + " of " + axis.first_user + " has no labels");
    }
    scale = h5::open_dataset(file, name);
    if (h5::shape(scale) != std::vector<hsize_t>{axis.size})
      throw std::logic_error("the labels of axis " + name + " do not match " + axis.first_user);
    // A coordinate is a dataset with axes like any other: its one axis is itself.
    h5::write_attribute(scale, "dims", std::vector<std::string>{name});
    if (name == "person") {
      char size[16];
      std::snprintf(size, sizeof size, "%10llu", static_cast<unsigned long long>(axis.size));
      h5::make_dimension_scale(scale, std::string(kDimensionWithoutValues) + size);
    } else {
      h5::make_dimension_scale(scale, name);
    }
    for (std::size_t u = 0; u < axis.users.size(); ++u) attachments.push_back({axis.users[u], axis.positions[u], "/" + name});
  }
  h5::attach_dimension_scales(file, attachments);
  link_coordinates_into_groups(file, axes);
}

void finish_file(h5::Group& meta, h5::File& file, OutputFile& output) {
  write_dimension_scales(file);
  h5::write_attribute(meta, "complete", 1);
  meta.reset();
  h5::close_file(file, output.temporary().string());
  output.commit();
}

}  // namespace kokeilu::io
