#include "io/describe.hpp"

#include <sstream>

#include "core/errors.hpp"
#include "io/checkpoint.hpp"
#include "io/hdf5.hpp"
#include "io/schema.hpp"

namespace kokeilu::io {

namespace {

std::string shape_text(const std::vector<hsize_t>& shape) {
  if (shape.empty()) return "scalar";
  std::string text = "[";
  for (std::size_t i = 0; i < shape.size(); ++i) text += (i ? ", " : "") + std::to_string(shape[i]);
  return text + "]";
}

std::string string_or(hid_t meta, const std::string& name, const std::string& otherwise = "?") {
  return h5::has_attribute(meta, name) ? h5::read_string_attribute(meta, name) : otherwise;
}

std::string int_or(hid_t meta, const std::string& name) {
  return h5::has_attribute(meta, name) ? std::to_string(h5::read_int_attribute(meta, name)) : "?";
}

std::string join(const std::vector<std::string>& values) {
  std::string text;
  for (const auto& v : values) text += (text.empty() ? "" : ", ") + v;
  return text;
}

}  // namespace

std::string describe_file(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) throw InputError(path.string() + ": no such file");
  if (std::filesystem::is_directory(path, ec)) throw InputError(path.string() + ": is a folder, not a file");
  if (!h5::is_hdf5_file(path)) throw InputError(path.string() + ": not an HDF5 file");

  const std::string not_ours = path.string() + ": not a Kokeilu output file (no /meta with schema_version and kind)";
  h5::File file;
  try {
    file = h5::open_file(path);
  } catch (const IoError& e) {
    throw InputError(path.string() + ": cannot be read as HDF5 (" + e.what() + ")");
  }
  if (h5::exists(file, "checkpoint")) return describe_checkpoint(path);
  if (!h5::exists(file, "meta")) throw InputError(not_ours);
  const auto meta = h5::open_group(file, "meta");
  if (!h5::has_attribute(meta, "schema_version") || !h5::has_attribute(meta, "kind")) throw InputError(not_ours);
  std::int64_t version = 0;
  std::string kind;
  try {
    version = h5::read_int_attribute(meta, "schema_version");
    kind = h5::read_string_attribute(meta, "kind");
  } catch (const IoError&) {
    throw InputError(not_ours);
  }
  if (version != kSchemaVersion)
    throw InputError(path.string() + ": schema version " + std::to_string(version) + "; this engine reads version " +
                     std::to_string(kSchemaVersion));
  if (kind != "run" && kind != "comparison")
    throw InputError(path.string() + ": unknown kind \"" + kind + "\" (expected run or comparison)");
  if (!h5::has_attribute(meta, "complete") || h5::read_int_attribute(meta, "complete") != 1)
    throw InputError(path.string() + ": incomplete: the write was interrupted (no /meta complete = 1)");

  std::ostringstream out;
  out << path.string() << ": Kokeilu " << kind << " file, schema version " << version << "\n";
  out << "  engine:        " << string_or(meta, "engine_version") << " (git " << string_or(meta, "git_revision")
      << ")\n";
  out << "  created:       " << string_or(meta, "created_utc") << "\n";
  out << "  scenario:      " << string_or(meta, "scenario_name") << "\n";
  out << "  seed:          " << (h5::has_attribute(meta, "seed") ? std::to_string(h5::read_uint_attribute(meta, "seed")) : "?")
      << "\n";
  out << "  period:        " << string_or(meta, "start_date") << " to " << string_or(meta, "end_date") << ", "
      << int_or(meta, "weeks") << " weeks\n";
  if (kind == "run") {
    out << "  arm:           " << string_or(meta, "arm") << ", replication " << int_or(meta, "replication") << "\n";
  } else {
    out << "  arms:          "
        << (h5::has_attribute(meta, "arms") ? join(h5::read_string_array_attribute(meta, "arms")) : "?")
        << " (baseline: " << string_or(meta, "baseline_arm") << ")\n";
    out << "  replications:  " << int_or(meta, "replications") << "\n";
    out << "  pilot weeks:   " << int_or(meta, "pilot_start_week") << " to " << int_or(meta, "pilot_end_week") << "\n";
  }
  const auto count = [&](const std::string& dataset) -> std::string {
    if (!h5::exists(file, dataset)) return "?";
    return std::to_string(h5::shape(h5::open_dataset(file, dataset)).at(0));
  };
  out << "  persons:       " << count("people/municipality") << "\n";
  out << "  municipalities: " << count("municipalities/name") << "\n";

  out << "datasets:\n";
  std::vector<std::pair<std::string, std::string>> rows;
  std::size_t width = 0;
  h5::visit_datasets(file, [&](const std::string& name, const h5::Dataset& dataset) {
    const h5::Datatype type(H5Dget_type(dataset), name);
    rows.emplace_back(name, shape_text(h5::shape(dataset)) + " " + h5::type_name(type));
    width = std::max(width, name.size());
  });
  for (const auto& [name, text] : rows) out << "  " << name << std::string(width + 2 - name.size(), ' ') << text << "\n";
  return out.str();
}

}  // namespace kokeilu::io
