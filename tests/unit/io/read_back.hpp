#pragma once
// Reading Kokeilu HDF5 files back in tests: one dataset into a vector, or a whole file into
// comparable values (for determinism tests that compare runs file against file).
#include <unistd.h>

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "io/hdf5.hpp"
#include "support/temp_folder.hpp"

namespace kokeilu::testing {

/// All of numeric dataset `dataset` ("trajectory/status") of `file`, converted to T.
template <class T>
std::vector<T> read_back(const std::filesystem::path& file, const std::string& dataset) {
  const auto f = io::h5::open_file(file);
  return io::h5::read_dataset<T>(f, dataset);
}

inline std::vector<std::string> read_back_strings(const std::filesystem::path& file, const std::string& dataset) {
  const auto f = io::h5::open_file(file);
  return io::h5::read_strings(f, dataset);
}

inline std::vector<hsize_t> read_back_shape(const std::filesystem::path& file, const std::string& dataset) {
  const auto f = io::h5::open_file(file);
  return io::h5::shape(io::h5::open_dataset(f, dataset));
}

/// Every dataset ("/people/female") and every attribute ("/meta@seed") of a file, as values
/// that compare bit for bit. Attributes named in `ignore` ("/meta@created_utc") are left out.
struct FileContents {
  std::map<std::string, io::h5::Value> datasets;
  std::map<std::string, io::h5::Value> attributes;
};

inline FileContents read_everything(const std::filesystem::path& file, const std::set<std::string>& ignore = {}) {
  FileContents contents;
  const auto f = io::h5::open_file(file);
  std::vector<std::string> objects{"."};
  for (auto& name : io::h5::list_objects(f)) objects.push_back(name);
  for (const auto& name : objects) {
    const io::h5::Object object(H5Oopen(f, name.c_str(), H5P_DEFAULT), "open " + name);
    const std::string path = name == "." ? "/" : "/" + name;
    for (const auto& attribute : io::h5::attribute_names(object)) {
      const std::string key = path + "@" + attribute;
      if (!ignore.contains(key)) contents.attributes[key] = io::h5::read_attribute_value(object, attribute);
    }
    if (H5Iget_type(object) == H5I_DATASET)
      contents.datasets[path] = io::h5::read_value(io::h5::open_dataset(f, name));
  }
  return contents;
}

using TemporaryFolder = TempFolder;

}  // namespace kokeilu::testing
