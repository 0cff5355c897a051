#pragma once
// What run and comparison files share (docs/hdf5-schema.md): the schema version, the dimension
// groups, the person columns with their `codes`, and the labels of category axes.
#include <cstdint>
#include <span>
#include <type_traits>
#include <string>
#include <string_view>
#include <vector>

#include "io/hdf5.hpp"
#include "io/output_file.hpp"
#include "population/people.hpp"
#include "scenario/spec.hpp"

namespace kokeilu::io {

/// Version 2 added comparison files; run and comparison files share the number. Version 5
/// appended the status and service `self_motivated_study`.
/// Bump it when a code, a dataset or an attribute changes meaning.
inline constexpr std::int64_t kSchemaVersion = 5;
/// Sweep files (`kokeilu sweep`, docs/sweep-schema.md) count their own versions.
inline constexpr std::int64_t kSweepSchemaVersion = 1;

/// Exits from rehabilitative work activity, the last axis of WeekTotals::rehabilitative_exits.
inline constexpr std::array<std::string_view, 4> kRehabilitativeExitNames{
    "to_training", "to_pay_subsidy", "to_open_job", "to_unemployment"};

/// Bits of People::client_flags, bit 0 first.
inline constexpr std::array<std::string_view, 6> kClientFlagNames{"client", "assessed", "barrier_known", "qualified",
                                                                  "pilot_client", "ever_pilot_client"};

/// Writes /people/entry_week and /people/exit_week (int32 [N]): the reported weeks
/// [entry_week, exit_week) in which each person is in the population (aged 15 to the retirement
/// age); -1 and -1 for a person never in it during the reported period. Also the meta
/// attributes of the history (history_start_date, history_weeks).
void write_population_weeks(hid_t file, hid_t meta, const population::People& people,
                            const scenario::ScenarioSpec& spec);

/// The column names of People that never change during a run.
bool is_static_column(std::string_view column);

template <std::size_t N>
std::vector<std::string> to_strings(const std::array<std::string_view, N>& names) {
  return {names.begin(), names.end()};
}

/// docs/codes.md: the names of every code axis of the files, in code order (`build/kokeilu-codes`).
std::string codes_markdown();

/// "2016-05-01T12:34:56Z": now, or the time SOURCE_DATE_EPOCH gives (seconds since 1970) when set.
std::string utc_now();

/// First day of each week, ISO.
std::vector<std::string> week_starts(const scenario::ScenarioSpec& spec);
std::vector<std::string> municipality_names(const scenario::ScenarioSpec& spec);

/// /calendar/week_start, /municipalities/{name,market}, /markets/name.
void write_dimensions(hid_t file, const scenario::ScenarioSpec& spec, const std::vector<std::string>& week_start);

/// Person columns written together: each as /people/<name> ([N], deflated in chunks of 1 M
/// persons) with its `codes`/`bits` and `unit` attributes, chosen by the People column name
/// `column_name` (the dataset name may carry a prefix). compress() compresses every column's
/// chunks on up to `threads` threads (the bytes do not depend on them); write() then creates and
/// writes the datasets in the order added (compressing first if compress() was not called). The
/// columns must outlive compress(), not write(): a run compresses on its own threads and hands
/// the writing to its writer thread.
class PersonColumns {
 public:
  template <class T>
  void add(std::string name, std::string_view column_name, const std::vector<T>& column) {
    static_assert(std::is_same_v<T, std::uint8_t> || std::is_same_v<T, std::uint16_t> || std::is_same_v<T, float>);
    columns_.push_back({std::move(name), std::string(column_name), h5::native_type<T>(), sizeof(T),
                        column.size(),
                        {reinterpret_cast<const std::uint8_t*>(column.data()), column.size() * sizeof(T)},
                        {}});
    compressed_ = false;
  }
  /// @throws IoError if zlib fails
  void compress(int threads = 1);
  /// @throws IoError naming the dataset
  void write(hid_t people_group, const scenario::ScenarioSpec& spec, int threads = 1);

 private:
  struct Column {
    std::string name;
    std::string column_name;
    hid_t type;
    std::size_t element_bytes;
    std::size_t persons;
    std::span<const std::uint8_t> bytes;  // read by compress() only
    std::vector<std::vector<std::uint8_t>> chunks;  // deflated
  };
  std::vector<Column> columns_;
  bool compressed_ = false;
};

/// One person column: PersonColumns with one column, on this thread.
template <class T>
void write_person_column(hid_t people_group, const std::string& name, std::string_view column_name,
                         const std::vector<T>& column, const scenario::ScenarioSpec& spec) {
  PersonColumns one;
  one.add(name, column_name, column);
  one.write(people_group, spec);
}

/// Writes the attribute `dims` (axis names) of `group`/`dataset`.
void write_dims(hid_t group, const std::string& dataset, const std::vector<std::string>& dims);

/// Turns every axis named in a `dims` attribute into an HDF5 dimension scale shared by the whole
/// file: a root dataset named after the axis (`/week`, `/status`, ...) holding its labels, attached
/// to that axis of every dataset that has it, with the axis name as label. `person` is a netCDF
/// dimension without values. Called by finish_file. @throws std::logic_error if a dataset with
/// axes lacks `dims` or an axis has no labels or two lengths; IoError
void write_dimension_scales(hid_t file);

/// Marks the file complete (/meta `complete` = 1, written last: its presence means the file is
/// whole), closes it and renames it to the output.
void finish_file(h5::Group& meta, h5::File& file, OutputFile& output);

/// Attributes `dims` (axis names) and, for each category axis (not `week`), an attribute named
/// after the axis holding its labels.
void write_axes(hid_t dataset, const std::vector<std::string>& dims, const scenario::ScenarioSpec& spec);

}  // namespace kokeilu::io
