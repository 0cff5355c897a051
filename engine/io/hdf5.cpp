#include "io/hdf5.hpp"

#include <algorithm>
#include <cstring>
#include <map>

#include "core/errors.hpp"

namespace kokeilu::io::h5 {

namespace {

// A failed system call is reported as "file write failed: time = ..., filename = ..., file
// descriptor = 3, errno = 28, error message = 'No space left on device', buf = 0x..., ...":
// keep what failed and why.
std::string without_system_details(const std::string& text) {
  constexpr std::string_view kReason = "error message = '";
  const auto at = text.find(kReason);
  const auto head_end = text.find(": time =");
  if (at == std::string::npos || head_end == std::string::npos) return text;
  const auto start = at + kReason.size();
  const auto end = text.find('\'', start);
  return text.substr(0, head_end) + ": " + text.substr(start, end == std::string::npos ? end : end - start);
}

herr_t collect_message(unsigned, const H5E_error2_t* error, void* out) {
  auto& messages = *static_cast<std::vector<std::string>*>(out);
  if (error->desc != nullptr && *error->desc != '\0') messages.push_back(without_system_details(error->desc));
  return 0;
}

// The innermost message of the current error stack (the cause), then the outermost (what the
// API call was doing), e.g. "unable to open file: file signature not found".
std::string hdf5_message() {
  std::vector<std::string> messages;
  H5Ewalk2(H5E_DEFAULT, H5E_WALK_DOWNWARD, collect_message, &messages);
  H5Eclear2(H5E_DEFAULT);
  if (messages.empty()) return "HDF5 call failed";
  if (messages.size() == 1 || messages.front() == messages.back()) return messages.back();
  return messages.front() + ": " + messages.back();
}

std::string join(const std::string& parent, const std::string& name) {
  if (parent.empty() || parent == "/") return "/" + name;
  return parent + "/" + name;
}

Dataspace simple_space(const std::vector<hsize_t>& dims, const std::string& what) {
  if (dims.empty()) return Dataspace(H5Screate(H5S_SCALAR), what);
  return Dataspace(H5Screate_simple(static_cast<int>(dims.size()), dims.data(), nullptr), what);
}

template <class T>
void write_scalar_attribute(hid_t object, const std::string& name, hid_t type, const T& value) {
  const std::string what = "attribute " + object_path(object) + "@" + name;
  if (H5Aexists(object, name.c_str()) > 0) check(H5Adelete(object, name.c_str()), what);
  const Dataspace space(H5Screate(H5S_SCALAR), what);
  const Attribute attribute(H5Acreate2(object, name.c_str(), type, space, H5P_DEFAULT, H5P_DEFAULT), what);
  check(H5Awrite(attribute, type, &value), what);
}

Attribute open_attribute(hid_t object, const std::string& name) {
  const std::string what = "attribute " + object_path(object) + "@" + name;
  if (H5Aexists(object, name.c_str()) <= 0) throw IoError(what + ": missing");
  return Attribute(H5Aopen(object, name.c_str(), H5P_DEFAULT), what);
}

template <class T>
T read_scalar_attribute(hid_t object, const std::string& name) {
  const auto attribute = open_attribute(object, name);
  T value{};
  check(H5Aread(attribute, native_type<T>(), &value), "attribute " + object_path(object) + "@" + name);
  return value;
}

std::size_t element_count(const std::vector<hsize_t>& dims) {
  std::size_t n = 1;
  for (auto d : dims) n *= static_cast<std::size_t>(d);
  return n;
}

std::vector<hsize_t> space_dims(hid_t space, const std::string& what) {
  const int rank = static_cast<int>(check(H5Sget_simple_extent_ndims(space), what));
  std::vector<hsize_t> dims(static_cast<std::size_t>(rank));
  if (rank > 0) check(H5Sget_simple_extent_dims(space, dims.data(), nullptr), what);
  return dims;
}

// Reads strings (variable or fixed length) from a dataset or attribute. `read` performs the
// H5Dread/H5Aread into a buffer of the given memory type.
template <class Read>
std::vector<std::string> read_string_elements(hid_t file_type, hid_t space, std::size_t count, Read read,
                                              const std::string& what) {
  std::vector<std::string> out;
  if (check(H5Tis_variable_str(file_type), what) > 0) {
    auto memory_type = utf8_string_type();
    std::vector<char*> pointers(count, nullptr);
    check(read(memory_type.id(), static_cast<void*>(pointers.data())), what);
    for (char* p : pointers) out.emplace_back(p != nullptr ? p : "");
#if H5_VERSION_GE(1, 12, 0)
    H5Treclaim(memory_type, space, H5P_DEFAULT, pointers.data());
#else
    H5Dvlen_reclaim(memory_type, space, H5P_DEFAULT, pointers.data());
#endif
  } else {
    const std::size_t size = H5Tget_size(file_type);
    Datatype memory_type(H5Tcopy(file_type), what);
    std::vector<char> buffer(count * size + 1, '\0');
    check(read(memory_type.id(), static_cast<void*>(buffer.data())), what);
    for (std::size_t i = 0; i < count; ++i) {
      const char* p = buffer.data() + i * size;
      out.emplace_back(p, strnlen(p, size));
    }
  }
  return out;
}

// The path an object reference points to.
std::string referenced_path(hid_t loc, const hobj_ref_t& reference, const std::string& what) {
  const auto length = check(H5Rget_name(loc, H5R_OBJECT, &reference, nullptr, 0), what);
  std::string name(static_cast<std::size_t>(length) + 1, '\0');
  check(H5Rget_name(loc, H5R_OBJECT, &reference, name.data(), name.size()), what);
  name.resize(static_cast<std::size_t>(length));
  return name;
}

// Attributes holding object references (the dimension-scale bookkeeping DIMENSION_LIST, a
// variable-length list of references per axis, and REFERENCE_LIST, {reference, axis} pairs).
// References are file addresses, which differ between equal files written in another order: they
// are compared as the paths they point to, one string per element.
std::vector<std::string> reference_elements(hid_t object, hid_t attribute, hid_t type, hid_t space,
                                            std::size_t count, const std::string& what) {
  std::vector<std::string> out;
  const auto type_class = H5Tget_class(type);
  if (type_class == H5T_REFERENCE) {
    std::vector<hobj_ref_t> references(count);
    check(H5Aread(attribute, H5T_STD_REF_OBJ, references.data()), what);
    for (const auto& r : references) out.push_back(referenced_path(object, r, what));
  } else if (type_class == H5T_VLEN) {
    const Datatype base(H5Tget_super(type), what);
    if (H5Tget_class(base) != H5T_REFERENCE) throw IoError(what + ": unsupported variable-length type");
    const Datatype memory_type(H5Tvlen_create(H5T_STD_REF_OBJ), what);
    std::vector<hvl_t> lists(count);
    check(H5Aread(attribute, memory_type, lists.data()), what);
    for (const auto& list : lists) {
      std::string text;
      for (std::size_t j = 0; j < list.len; ++j)
        text += (j > 0 ? "," : "") + referenced_path(object, static_cast<const hobj_ref_t*>(list.p)[j], what);
      out.push_back(text);
    }
#if H5_VERSION_GE(1, 12, 0)
    H5Treclaim(memory_type, space, H5P_DEFAULT, lists.data());
#else
    H5Dvlen_reclaim(memory_type, space, H5P_DEFAULT, lists.data());
#endif
  } else if (type_class == H5T_COMPOUND) {
    const Datatype memory_type(H5Tget_native_type(type, H5T_DIR_ASCEND), what);
    const std::size_t size = H5Tget_size(memory_type);
    std::vector<unsigned char> buffer(count * size);
    check(H5Aread(attribute, memory_type, buffer.data()), what);
    const int members = H5Tget_nmembers(memory_type);
    for (std::size_t i = 0; i < count; ++i) {
      std::string text;
      for (int m = 0; m < members; ++m) {
        const unsigned char* field = buffer.data() + i * size + H5Tget_member_offset(memory_type, static_cast<unsigned>(m));
        const Datatype member(H5Tget_member_type(memory_type, static_cast<unsigned>(m)), what);
        if (m > 0) text += ",";
        if (H5Tget_class(member) == H5T_REFERENCE) {
          hobj_ref_t reference;
          std::memcpy(&reference, field, sizeof reference);
          text += referenced_path(object, reference, what);
        } else {
          for (std::size_t b = 0; b < H5Tget_size(member); ++b) text += std::to_string(field[b]) + " ";
        }
      }
      out.push_back(text);
    }
  } else {
    throw IoError(what + ": unsupported type");
  }
  return out;
}

}  // namespace

void skip_library_cleanup_at_exit() { H5dont_atexit(); }

// HDF5 prints its error stack to stderr by default; we turn each failure into an exception
// instead.
void quiet_errors_on_this_thread() {
  thread_local const bool quiet = [] {
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
    return true;
  }();
  (void)quiet;
}

std::int64_t check(std::int64_t status, const std::string& what) {
  if (status < 0) throw IoError("HDF5: " + what + ": " + hdf5_message());
  return status;
}

Datatype utf8_string_type() {
  Datatype type(H5Tcopy(H5T_C_S1), "string type");
  check(H5Tset_size(type, H5T_VARIABLE), "string type");
  check(H5Tset_cset(type, H5T_CSET_UTF8), "string type");
  return type;
}

// ---- files and groups ----------------------------------------------------------------------

File create_file(const std::filesystem::path& path) {
  quiet_errors_on_this_thread();
  // Default property lists: the oldest file format that holds our data, so every HDF5 1.8+
  // reader (h5py, rhdf5, hdf5r) opens it.
  // No access/modification times in object headers: the same run gives the same bytes.
  PropertyList create(H5Pcreate(H5P_FILE_CREATE), "cannot create " + path.string());
  check(H5Pset_obj_track_times(create, false), "cannot create " + path.string());
  return File(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, create, H5P_DEFAULT), "cannot create " + path.string());
}

File open_file(const std::filesystem::path& path, bool writable) {
  quiet_errors_on_this_thread();
  return File(H5Fopen(path.c_str(), writable ? H5F_ACC_RDWR : H5F_ACC_RDONLY, H5P_DEFAULT),
              "cannot open " + path.string());
}

bool is_hdf5_file(const std::filesystem::path& path) {
  quiet_errors_on_this_thread();
  const htri_t result = H5Fis_hdf5(path.c_str());
  H5Eclear2(H5E_DEFAULT);
  return result > 0;
}

void close_file(File& file, const std::string& path) {
  if (!file.valid()) return;
  check(H5Fflush(file, H5F_SCOPE_LOCAL), "flush " + path);
  check(H5Fclose(file.release()), "close " + path);
}

std::string object_path(hid_t loc) {
  const ssize_t size = H5Iget_name(loc, nullptr, 0);
  if (size <= 0) {
    H5Eclear2(H5E_DEFAULT);
    return "?";
  }
  std::string name(static_cast<std::size_t>(size), '\0');
  H5Iget_name(loc, name.data(), name.size() + 1);
  return name;
}

Group create_group(hid_t parent, const std::string& name) {
  const std::string what = "create group " + join(object_path(parent), name);
  PropertyList create(H5Pcreate(H5P_GROUP_CREATE), what);
  check(H5Pset_obj_track_times(create, false), what);  // reproducible bytes
  return Group(H5Gcreate2(parent, name.c_str(), H5P_DEFAULT, create, H5P_DEFAULT), what);
}

Group open_group(hid_t parent, const std::string& name) {
  return Group(H5Gopen2(parent, name.c_str(), H5P_DEFAULT), "open group " + join(object_path(parent), name));
}

Group require_groups(hid_t parent, const std::string& path) {
  Group current(H5Gopen2(parent, ".", H5P_DEFAULT), "open " + object_path(parent));
  std::size_t start = 0;
  while (start < path.size()) {
    std::size_t end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    const std::string part = path.substr(start, end - start);
    if (!part.empty()) current = exists(current, part) ? open_group(current, part) : create_group(current, part);
    start = end + 1;
  }
  return current;
}

bool exists(hid_t loc, const std::string& path) {
  // H5Lexists fails (rather than returning false) when an intermediate group is missing, so
  // walk the components.
  std::string prefix;
  std::size_t start = path.starts_with('/') ? 1 : 0;
  if (start == 1) prefix = "/";
  while (start < path.size()) {
    std::size_t end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    prefix += path.substr(start, end - start);
    const htri_t found = H5Lexists(loc, prefix.c_str(), H5P_DEFAULT);
    if (found <= 0) {
      H5Eclear2(H5E_DEFAULT);
      return false;
    }
    prefix += "/";
    start = end + 1;
  }
  return true;
}

// ---- attributes ----------------------------------------------------------------------------

void write_attribute(hid_t object, const std::string& name, std::int64_t value) {
  write_scalar_attribute(object, name, H5T_NATIVE_INT64, value);
}
void write_attribute(hid_t object, const std::string& name, std::uint64_t value) {
  write_scalar_attribute(object, name, H5T_NATIVE_UINT64, value);
}
void write_attribute(hid_t object, const std::string& name, double value) {
  write_scalar_attribute(object, name, H5T_NATIVE_DOUBLE, value);
}
void write_attribute(hid_t object, const std::string& name, std::string_view value) {
  const std::string text(value);
  const char* pointer = text.c_str();
  const auto type = utf8_string_type();
  write_scalar_attribute(object, name, type.id(), pointer);
}
void write_attribute(hid_t object, const std::string& name, const char* value) {
  write_attribute(object, name, std::string_view(value));
}
void write_attribute(hid_t object, const std::string& name, const std::vector<std::string>& values) {
  const std::string what = "attribute " + object_path(object) + "@" + name;
  if (H5Aexists(object, name.c_str()) > 0) check(H5Adelete(object, name.c_str()), what);
  std::vector<const char*> pointers;
  for (const auto& v : values) pointers.push_back(v.c_str());
  const auto type = utf8_string_type();
  const auto space = simple_space({static_cast<hsize_t>(values.size())}, what);
  const Attribute attribute(H5Acreate2(object, name.c_str(), type, space, H5P_DEFAULT, H5P_DEFAULT), what);
  if (!values.empty()) check(H5Awrite(attribute, type, pointers.data()), what);
}

bool has_attribute(hid_t object, const std::string& name) {
  const htri_t found = H5Aexists(object, name.c_str());
  if (found < 0) H5Eclear2(H5E_DEFAULT);
  return found > 0;
}

std::int64_t read_int_attribute(hid_t object, const std::string& name) {
  return read_scalar_attribute<std::int64_t>(object, name);
}
std::uint64_t read_uint_attribute(hid_t object, const std::string& name) {
  return read_scalar_attribute<std::uint64_t>(object, name);
}
double read_double_attribute(hid_t object, const std::string& name) {
  return read_scalar_attribute<double>(object, name);
}

std::string read_string_attribute(hid_t object, const std::string& name) {
  const auto values = read_string_array_attribute(object, name);
  if (values.size() != 1) throw IoError("attribute " + object_path(object) + "@" + name + ": not a single string");
  return values.front();
}

std::vector<std::string> read_string_array_attribute(hid_t object, const std::string& name) {
  const std::string what = "attribute " + object_path(object) + "@" + name;
  const auto attribute = open_attribute(object, name);
  const Datatype type(H5Aget_type(attribute), what);
  if (H5Tget_class(type) != H5T_STRING) throw IoError(what + ": not a string");
  const Dataspace space(H5Aget_space(attribute), what);
  const std::size_t count = element_count(space_dims(space, what));
  return read_string_elements(
      type, space, count, [&](hid_t memory_type, void* buffer) { return H5Aread(attribute, memory_type, buffer); },
      what);
}

std::vector<std::string> attribute_names(hid_t object) {
  std::vector<std::string> names;
  const std::string what = "attributes of " + object_path(object);
  check(H5Aiterate2(
            object, H5_INDEX_NAME, H5_ITER_INC, nullptr,
            [](hid_t, const char* name, const H5A_info_t*, void* out) -> herr_t {
              static_cast<std::vector<std::string>*>(out)->emplace_back(name);
              return 0;
            },
            &names),
        what);
  return names;
}

// ---- datasets ------------------------------------------------------------------------------

Layout default_layout(const std::vector<hsize_t>& dims, std::size_t element_bytes) {
  const std::size_t elements = element_count(dims);
  if (dims.empty() || elements == 0 || elements * element_bytes < 64 * 1024) return {};
  Layout layout;
  layout.chunk = dims;
  const std::size_t row_bytes = elements / static_cast<std::size_t>(dims.front()) * element_bytes;
  const std::size_t rows = std::max<std::size_t>(1, (1u << 20) / std::max<std::size_t>(1, row_bytes));
  layout.chunk.front() = std::min<hsize_t>(dims.front(), rows);
  layout.deflate_level = 1;
  return layout;
}

Dataset create_dataset(hid_t parent, const std::string& name, hid_t type, const std::vector<hsize_t>& dims,
                       const Layout& layout, std::size_t chunk_cache_bytes) {
  const std::string what = "create dataset " + join(object_path(parent), name);
  const auto space = simple_space(dims, what);
  PropertyList create(H5Pcreate(H5P_DATASET_CREATE), what);
  check(H5Pset_obj_track_times(create, false), what);  // reproducible bytes
  if (!layout.chunk.empty() && !dims.empty() && element_count(dims) > 0) {
    std::vector<hsize_t> chunk(dims.size());
    for (std::size_t i = 0; i < dims.size(); ++i)
      chunk[i] = std::clamp<hsize_t>(i < layout.chunk.size() ? layout.chunk[i] : dims[i], 1, std::max<hsize_t>(1, dims[i]));
    check(H5Pset_chunk(create, static_cast<int>(chunk.size()), chunk.data()), what);
    if (layout.deflate_level > 0) check(H5Pset_deflate(create, static_cast<unsigned>(layout.deflate_level)), what);
    // Every element gets written: skip the fill value, which would otherwise be written into
    // each new chunk before our data.
    check(H5Pset_fill_time(create, H5D_FILL_TIME_NEVER), what);
  }
  PropertyList access(H5Pcreate(H5P_DATASET_ACCESS), what);
  if (chunk_cache_bytes > 0) {
    // Slots: a prime well above the chunks that fit, as the HDF5 guide advises; w0 = 1 evicts
    // fully written chunks first.
    check(H5Pset_chunk_cache(access, 12421, chunk_cache_bytes, 1.0), what);
  }
  return Dataset(H5Dcreate2(parent, name.c_str(), type, space, H5P_DEFAULT, create, access), what);
}

void write_all(const Dataset& dataset, hid_t memory_type, const void* data, const std::string& what) {
  const Dataspace space(H5Dget_space(dataset), what);
  if (element_count(space_dims(space, what)) == 0) return;
  check(H5Dwrite(dataset, memory_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, data), "write " + what);
}

void write_hyperslab(const Dataset& dataset, hid_t memory_type, const std::vector<hsize_t>& offset,
                     const std::vector<hsize_t>& count, const void* data, const std::string& what) {
  if (element_count(count) == 0) return;
  const Dataspace file_space(H5Dget_space(dataset), what);
  check(H5Sselect_hyperslab(file_space, H5S_SELECT_SET, offset.data(), nullptr, count.data(), nullptr),
        "select " + what);
  const auto memory_space = simple_space(count, what);
  check(H5Dwrite(dataset, memory_type, memory_space, file_space, H5P_DEFAULT, data), "write " + what);
}

void write_chunk(const Dataset& dataset, const std::vector<hsize_t>& offset, std::span<const std::uint8_t> bytes,
                 std::uint32_t filter_mask, const std::string& what) {
  check(H5Dwrite_chunk(dataset, H5P_DEFAULT, filter_mask, offset.data(), bytes.size(), bytes.data()),
        "write chunk of " + what);
}

void write_strings(hid_t parent, const std::string& name, const std::vector<std::string>& values) {
  const std::string what = join(object_path(parent), name);
  std::vector<const char*> pointers;
  for (const auto& v : values) pointers.push_back(v.c_str());
  const auto type = utf8_string_type();
  const auto dataset = create_dataset(parent, name, type, {static_cast<hsize_t>(values.size())});
  write_all(dataset, type, pointers.data(), what);
}

void write_string_scalar(hid_t parent, const std::string& name, std::string_view value) {
  const std::string what = join(object_path(parent), name);
  const std::string text(value);
  const char* pointer = text.c_str();
  const auto type = utf8_string_type();
  const auto dataset = create_dataset(parent, name, type, {});
  write_all(dataset, type, &pointer, what);
}

Dataset open_dataset(hid_t parent, const std::string& name) {
  return Dataset(H5Dopen2(parent, name.c_str(), H5P_DEFAULT), "open dataset " + join(object_path(parent), name));
}

std::vector<hsize_t> shape(const Dataset& dataset) {
  const std::string what = object_path(dataset);
  const Dataspace space(H5Dget_space(dataset), what);
  return space_dims(space, what);
}

template <class T>
std::vector<T> read_dataset(hid_t parent, const std::string& name) {
  const auto dataset = open_dataset(parent, name);
  const std::string what = "read " + object_path(dataset);
  const Datatype type(H5Dget_type(dataset), what);
  const auto type_class = H5Tget_class(type);
  if (type_class != H5T_INTEGER && type_class != H5T_FLOAT) throw IoError(what + ": not numeric");
  std::vector<T> values(element_count(shape(dataset)));
  if (!values.empty()) check(H5Dread(dataset, native_type<T>(), H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()), what);
  return values;
}

template std::vector<std::uint8_t> read_dataset(hid_t, const std::string&);
template std::vector<std::uint16_t> read_dataset(hid_t, const std::string&);
template std::vector<std::int32_t> read_dataset(hid_t, const std::string&);
template std::vector<std::int64_t> read_dataset(hid_t, const std::string&);
template std::vector<std::uint64_t> read_dataset(hid_t, const std::string&);
template std::vector<float> read_dataset(hid_t, const std::string&);
template std::vector<double> read_dataset(hid_t, const std::string&);

std::vector<std::string> read_strings(hid_t parent, const std::string& name) {
  const auto dataset = open_dataset(parent, name);
  const std::string what = "read " + object_path(dataset);
  const Datatype type(H5Dget_type(dataset), what);
  if (H5Tget_class(type) != H5T_STRING) throw IoError(what + ": not a string dataset");
  const Dataspace space(H5Dget_space(dataset), what);
  const std::size_t count = element_count(space_dims(space, what));
  if (count == 0) return {};
  return read_string_elements(
      type, space, count,
      [&](hid_t memory_type, void* buffer) { return H5Dread(dataset, memory_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer); },
      what);
}

// ---- dimension scales ----------------------------------------------------------------------

void make_dimension_scale(const Dataset& scale, const std::string& name) {
  check(H5DSset_scale(scale, name.c_str()), "make " + object_path(scale) + " a dimension scale");
}

void attach_dimension_scale(const Dataset& dataset, const Dataset& scale, unsigned axis, const std::string& label) {
  const std::string what = "attach " + object_path(scale) + " to axis " + std::to_string(axis) + " of " +
                           object_path(dataset);
  check(H5DSattach_scale(dataset, scale, axis), what);
  check(H5DSset_label(dataset, axis, label.c_str()), what);
}

namespace {

hobj_ref_t object_reference(hid_t file, const std::string& path) {
  hobj_ref_t reference;
  check(H5Rcreate(&reference, file, path.c_str(), H5R_OBJECT, -1), "reference " + path);
  return reference;
}

// H5DS's REFERENCE_LIST element (H5DSprivate.h ds_list_t).
struct ScaleUser {
  hobj_ref_t dataset;
  unsigned int dimension;
};

}  // namespace

void attach_dimension_scales(hid_t file, const std::vector<ScaleAttachment>& attachments) {
  std::map<std::string, std::vector<const ScaleAttachment*>> by_dataset, by_scale;
  for (const auto& a : attachments) {
    by_dataset[a.dataset].push_back(&a);
    by_scale[a.scale].push_back(&a);
  }
  const Datatype reference_list(H5Tvlen_create(H5T_STD_REF_OBJ), "dimension list type");
  const auto label_type = utf8_string_type();
  for (const auto& [path, axes] : by_dataset) {
    const auto dataset = open_dataset(file, path);
    const std::string what = "attach dimension scales to " + path;
    const auto rank = shape(dataset).size();
    if (axes.size() != rank) throw IoError(what + ": " + std::to_string(axes.size()) + " of " + std::to_string(rank) + " axes");
    std::vector<hobj_ref_t> references(rank);
    std::vector<hvl_t> lists(rank);
    std::vector<std::string> labels(rank);
    for (const auto* a : axes) {
      if (a->axis >= rank) throw IoError(what + ": no axis " + std::to_string(a->axis));
      references[a->axis] = object_reference(file, a->scale);
      labels[a->axis] = a->scale.substr(a->scale.rfind('/') + 1);
    }
    for (std::size_t i = 0; i < rank; ++i) lists[i] = hvl_t{1, &references[i]};
    const auto space = simple_space({static_cast<hsize_t>(rank)}, what);
    {
      const Attribute attribute(H5Acreate2(dataset, "DIMENSION_LIST", reference_list, space, H5P_DEFAULT, H5P_DEFAULT), what);
      check(H5Awrite(attribute, reference_list, lists.data()), what);
    }
    std::vector<const char*> label_pointers;
    for (const auto& label : labels) label_pointers.push_back(label.c_str());
    const Attribute attribute(H5Acreate2(dataset, "DIMENSION_LABELS", label_type, space, H5P_DEFAULT, H5P_DEFAULT), what);
    check(H5Awrite(attribute, label_type, label_pointers.data()), what);
  }
  const Datatype user_type(H5Tcreate(H5T_COMPOUND, sizeof(ScaleUser)), "reference list type");
  check(H5Tinsert(user_type, "dataset", HOFFSET(ScaleUser, dataset), H5T_STD_REF_OBJ), "reference list type");
  check(H5Tinsert(user_type, "dimension", HOFFSET(ScaleUser, dimension), H5T_NATIVE_INT), "reference list type");
  for (const auto& [path, users] : by_scale) {
    const auto scale = open_dataset(file, path);
    const std::string what = "list the users of dimension scale " + path;
    std::vector<ScaleUser> list;
    for (const auto* a : users) list.push_back({object_reference(file, a->dataset), a->axis});
    const auto space = simple_space({static_cast<hsize_t>(list.size())}, what);
    const Attribute attribute(H5Acreate2(scale, "REFERENCE_LIST", user_type, space, H5P_DEFAULT, H5P_DEFAULT), what);
    check(H5Awrite(attribute, user_type, list.data()), what);
  }
}

void link(hid_t group, const std::string& name, hid_t file, const std::string& target) {
  check(H5Lcreate_hard(file, target.c_str(), group, name.c_str(), H5P_DEFAULT, H5P_DEFAULT),
        "link " + target + " as " + object_path(group) + "/" + name);
}

void use_large_attribute_format(hid_t file) {
  check(H5Fset_libver_bounds(file, H5F_LIBVER_V18, H5F_LIBVER_LATEST), "set the format of " + object_path(file));
}

bool is_dimension_scale(const Dataset& dataset) {
  return check(H5DSis_scale(dataset), "inspect " + object_path(dataset)) > 0;
}

// ---- inspection ----------------------------------------------------------------------------

std::string type_name(hid_t type) {
  const std::size_t bytes = H5Tget_size(type);
  switch (H5Tget_class(type)) {
    case H5T_INTEGER:
      return std::string(H5Tget_sign(type) == H5T_SGN_NONE ? "uint" : "int") + std::to_string(8 * bytes);
    case H5T_FLOAT: return "float" + std::to_string(8 * bytes);
    case H5T_STRING: return "string";
    default: return "other";
  }
}

std::vector<std::string> list_objects(hid_t loc) {
  // Names are collected first and the objects opened afterwards: an exception must not cross
  // the C frames of H5Lvisit.
  std::vector<std::string> names;
  check(H5Lvisit(
            loc, H5_INDEX_NAME, H5_ITER_INC,
            [](hid_t, const char* name, const H5L_info_t* info, void* out) -> herr_t {
              if (info->type == H5L_TYPE_HARD) static_cast<std::vector<std::string>*>(out)->emplace_back(name);
              return 0;
            },
            &names),
        "list " + object_path(loc));
  return names;
}

void visit_datasets(hid_t loc, const std::function<void(const std::string&, const Dataset&)>& f) {
  for (const auto& name : list_objects(loc)) {
    const Object object(H5Oopen(loc, name.c_str(), H5P_DEFAULT), "open " + name);
    if (H5Iget_type(object) != H5I_DATASET) continue;
    const auto dataset = open_dataset(loc, name);
    f(object_path(dataset), dataset);
  }
}

Value read_value(const Dataset& dataset) {
  const std::string what = "read " + object_path(dataset);
  const Datatype type(H5Dget_type(dataset), what);
  Value value;
  value.type = type_name(type);
  value.shape = shape(dataset);
  const std::size_t count = element_count(value.shape);
  if (count == 0) return value;
  const Dataspace space(H5Dget_space(dataset), what);
  if (H5Tget_class(type) == H5T_STRING) {
    value.strings = read_string_elements(
        type, space, count,
        [&](hid_t memory_type, void* buffer) { return H5Dread(dataset, memory_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer); },
        what);
  } else {
    const Datatype memory_type(H5Tget_native_type(type, H5T_DIR_ASCEND), what);
    value.bytes.resize(count * H5Tget_size(memory_type));
    check(H5Dread(dataset, memory_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, value.bytes.data()), what);
  }
  return value;
}

Value read_attribute_value(hid_t object, const std::string& name) {
  const std::string what = "attribute " + object_path(object) + "@" + name;
  const auto attribute = open_attribute(object, name);
  const Datatype type(H5Aget_type(attribute), what);
  const Dataspace space(H5Aget_space(attribute), what);
  Value value;
  value.type = type_name(type);
  value.shape = space_dims(space, what);
  const std::size_t count = element_count(value.shape);
  if (count == 0) return value;
  if (const auto type_class = H5Tget_class(type);
      type_class == H5T_REFERENCE || type_class == H5T_VLEN || type_class == H5T_COMPOUND) {
    value.strings = reference_elements(object, attribute, type, space, count, what);
  } else if (H5Tget_class(type) == H5T_STRING) {
    value.strings = read_string_elements(
        type, space, count, [&](hid_t memory_type, void* buffer) { return H5Aread(attribute, memory_type, buffer); },
        what);
  } else {
    const Datatype memory_type(H5Tget_native_type(type, H5T_DIR_ASCEND), what);
    value.bytes.resize(count * H5Tget_size(memory_type));
    check(H5Aread(attribute, memory_type, value.bytes.data()), what);
  }
  return value;
}

}  // namespace kokeilu::io::h5
