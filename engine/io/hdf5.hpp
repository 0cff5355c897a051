#pragma once
// A thin RAII layer over the HDF5 C API: one move-only handle per id type, and checked helpers
// for what Kokeilu writes and reads (attributes, 1-3-D numeric datasets, UTF-8 strings, chunked
// deflate datasets written by hyperslab). Every failed call throws IoError naming the object.
// HDF5's own error printing is switched off; its innermost message is appended to ours.
//
// Not thread-safe by design: callers keep HDF5 on one thread at a time (Debian's library is
// thread-safe only behind one global lock, see DESIGN.md).
#include <hdf5.h>
#include <hdf5_hl.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace kokeilu::io::h5 {

/// Call first in main, before any other HDF5 call. A file whose close failed (the disk filled up)
/// stays half-closed in HDF5's tables, and HDF5's clean-up at exit then crashes in H5F__close_cb;
/// without that clean-up the process exits with its own status (the system frees the rest).
void skip_library_cleanup_at_exit();

/// Throws IoError("<what>: <HDF5's innermost message>") if `status` < 0; returns it otherwise.
/// Works for herr_t, hid_t and htri_t results.
std::int64_t check(std::int64_t status, const std::string& what);

/// Owns one HDF5 id and closes it with `Close`. Move-only.
template <herr_t (*Close)(hid_t)>
class Handle {
 public:
  Handle() = default;
  /// Takes ownership of `id`; throws IoError naming `what` if `id` is invalid (negative).
  Handle(hid_t id, const std::string& what) : id_(static_cast<hid_t>(check(id, what))) {}
  ~Handle() { reset(); }
  Handle(Handle&& other) noexcept : id_(std::exchange(other.id_, H5I_INVALID_HID)) {}
  Handle& operator=(Handle&& other) noexcept {
    if (this != &other) {
      reset();
      id_ = std::exchange(other.id_, H5I_INVALID_HID);
    }
    return *this;
  }
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;

  hid_t id() const { return id_; }
  operator hid_t() const { return id_; }  // NOLINT: pass handles straight to the C API
  bool valid() const { return id_ >= 0; }
  /// Gives up ownership without closing.
  hid_t release() noexcept { return std::exchange(id_, H5I_INVALID_HID); }
  /// Closes now (errors on close are ignored here; close_file reports them).
  void reset() noexcept {
    if (id_ >= 0) Close(id_);
    id_ = H5I_INVALID_HID;
  }

 private:
  hid_t id_ = H5I_INVALID_HID;
};

using File = Handle<H5Fclose>;
using Group = Handle<H5Gclose>;
using Dataset = Handle<H5Dclose>;
using Dataspace = Handle<H5Sclose>;
using Datatype = Handle<H5Tclose>;
using PropertyList = Handle<H5Pclose>;
using Attribute = Handle<H5Aclose>;
using Object = Handle<H5Oclose>;

/// Stops HDF5 printing its error stack on stderr for the calling thread (in a thread-safe build
/// the setting is per thread). The file entry points call it; a thread that calls HDF5 without
/// opening a file first (a background writer) calls it itself.
void quiet_errors_on_this_thread();

/// The native HDF5 type of a C++ element type.
template <class T>
hid_t native_type() {
  if constexpr (std::is_same_v<T, std::uint8_t>) return H5T_NATIVE_UINT8;
  else if constexpr (std::is_same_v<T, std::uint16_t>) return H5T_NATIVE_UINT16;
  else if constexpr (std::is_same_v<T, std::uint32_t>) return H5T_NATIVE_UINT32;
  else if constexpr (std::is_same_v<T, std::uint64_t>) return H5T_NATIVE_UINT64;
  else if constexpr (std::is_same_v<T, std::int8_t>) return H5T_NATIVE_INT8;
  else if constexpr (std::is_same_v<T, std::int16_t>) return H5T_NATIVE_INT16;
  else if constexpr (std::is_same_v<T, std::int32_t>) return H5T_NATIVE_INT32;
  else if constexpr (std::is_same_v<T, std::int64_t>) return H5T_NATIVE_INT64;
  else if constexpr (std::is_same_v<T, float>) return H5T_NATIVE_FLOAT;
  else if constexpr (std::is_same_v<T, double>) return H5T_NATIVE_DOUBLE;
  else static_assert(sizeof(T) == 0, "no HDF5 type for this element type");
}

/// A variable-length UTF-8 string type (what h5py and R read as strings).
Datatype utf8_string_type();

// ---- files and groups ----------------------------------------------------------------------
/// Creates (truncates) `path`. @throws IoError
File create_file(const std::filesystem::path& path);
/// Opens an existing file. @throws IoError
File open_file(const std::filesystem::path& path, bool writable = false);
/// True if `path` is an HDF5 file (false for missing or other files).
bool is_hdf5_file(const std::filesystem::path& path);
/// Flushes and closes, reporting errors (a destructor cannot). @throws IoError
void close_file(File& file, const std::string& path);

/// The path of the object `loc` inside its file ("/people"), for messages.
std::string object_path(hid_t loc);

Group create_group(hid_t parent, const std::string& name);
Group open_group(hid_t parent, const std::string& name);
/// Creates every missing group of a slash-separated path ("arms/baseline/replications").
Group require_groups(hid_t parent, const std::string& path);
/// True if `path` (relative to `loc`, may have several components) names an object.
bool exists(hid_t loc, const std::string& path);
/// Makes `target` (an absolute path) reachable as `name` in `group` too: a second hard link to
/// the same object, so nothing is copied. @throws IoError
void link(hid_t group, const std::string& name, hid_t file, const std::string& target);

// ---- attributes ----------------------------------------------------------------------------
void write_attribute(hid_t object, const std::string& name, std::int64_t value);
void write_attribute(hid_t object, const std::string& name, std::uint64_t value);
void write_attribute(hid_t object, const std::string& name, double value);
void write_attribute(hid_t object, const std::string& name, std::string_view value);
void write_attribute(hid_t object, const std::string& name, const char* value);
void write_attribute(hid_t object, const std::string& name, const std::vector<std::string>& values);
// Small ints must not silently pick the double or string overload.
inline void write_attribute(hid_t object, const std::string& name, int value) {
  write_attribute(object, name, static_cast<std::int64_t>(value));
}

bool has_attribute(hid_t object, const std::string& name);
std::int64_t read_int_attribute(hid_t object, const std::string& name);
std::uint64_t read_uint_attribute(hid_t object, const std::string& name);
double read_double_attribute(hid_t object, const std::string& name);
/// A scalar string attribute (variable or fixed length).
std::string read_string_attribute(hid_t object, const std::string& name);
/// A 1-D string array attribute (or a scalar one, as one element).
std::vector<std::string> read_string_array_attribute(hid_t object, const std::string& name);
std::vector<std::string> attribute_names(hid_t object);

// ---- datasets ------------------------------------------------------------------------------
/// How a dataset is stored. Chunked datasets can be compressed; `chunk` has one entry per axis.
struct Layout {
  std::vector<hsize_t> chunk;  // empty: contiguous
  int deflate_level = 0;       // 0: no compression (needs a chunk)
};

/// A layout for small-to-medium arrays: contiguous when under 64 KiB, otherwise deflate 1 in
/// chunks of about 1 MiB split along the first axis. Zero-sized arrays are contiguous.
Layout default_layout(const std::vector<hsize_t>& dims, std::size_t element_bytes);

/// Creates a dataset of `type` and shape `dims` (any rank) with `layout`. Chunks are clamped to
/// the shape. `chunk_cache_bytes` > 0 sets the dataset's chunk cache (see DESIGN.md pitfalls).
Dataset create_dataset(hid_t parent, const std::string& name, hid_t type, const std::vector<hsize_t>& dims,
                       const Layout& layout = {}, std::size_t chunk_cache_bytes = 0);

/// Writes all of a dataset from `data` (elements of native type `memory_type`).
void write_all(const Dataset& dataset, hid_t memory_type, const void* data, const std::string& what);

/// Writes the box [offset, offset + count) of a dataset from a dense row-major buffer.
void write_hyperslab(const Dataset& dataset, hid_t memory_type, const std::vector<hsize_t>& offset,
                     const std::vector<hsize_t>& count, const void* data, const std::string& what);

/// Writes one whole chunk whose first element is at `offset`, its bytes already filtered by the
/// caller (H5Dwrite_chunk, a direct chunk write: no conversion, no filter, no chunk cache).
/// `filter_mask` 0 says every filter of the dataset's pipeline was applied. An edge chunk is
/// written at the full chunk size, as HDF5 stores it.
void write_chunk(const Dataset& dataset, const std::vector<hsize_t>& offset, std::span<const std::uint8_t> bytes,
                 std::uint32_t filter_mask, const std::string& what);

/// Creates and writes a numeric dataset of shape `dims` (row-major `data`).
template <class T>
void write_dataset(hid_t parent, const std::string& name, std::span<const T> data, const std::vector<hsize_t>& dims,
                   const Layout& layout) {
  const auto dataset = create_dataset(parent, name, native_type<T>(), dims, layout);
  write_all(dataset, native_type<T>(), data.data(), object_path(parent) + "/" + name);
}
template <class T>
void write_dataset(hid_t parent, const std::string& name, std::span<const T> data, const std::vector<hsize_t>& dims) {
  write_dataset(parent, name, data, dims, default_layout(dims, sizeof(T)));
}
template <class T>
void write_dataset(hid_t parent, const std::string& name, const std::vector<T>& data) {
  write_dataset<T>(parent, name, std::span<const T>(data), {static_cast<hsize_t>(data.size())});
}

/// A 1-D variable-length UTF-8 string dataset.
void write_strings(hid_t parent, const std::string& name, const std::vector<std::string>& values);
/// A scalar variable-length UTF-8 string dataset.
void write_string_scalar(hid_t parent, const std::string& name, std::string_view value);

Dataset open_dataset(hid_t parent, const std::string& name);
std::vector<hsize_t> shape(const Dataset& dataset);

/// Reads all of a numeric dataset, converted to T.
template <class T>
std::vector<T> read_dataset(hid_t parent, const std::string& name);
/// Reads a 1-D or scalar string dataset.
std::vector<std::string> read_strings(hid_t parent, const std::string& name);

// ---- dimension scales (H5DS, HDF5's high-level library) ---------------------------------
/// Makes `scale` a dimension scale named `name` (H5DSset_scale). @throws IoError
void make_dimension_scale(const Dataset& scale, const std::string& name);
/// Attaches `scale` to axis `axis` of `dataset` and labels that axis `label` (H5DSattach_scale,
/// H5DSset_label). Each call rewrites the scale's list of users: n calls cost O(n^2).
/// @throws IoError
void attach_dimension_scale(const Dataset& dataset, const Dataset& scale, unsigned axis, const std::string& label);

/// Axis `axis` of the dataset at `dataset` (a path) has the dimension scale at `scale`.
struct ScaleAttachment {
  std::string dataset;
  unsigned axis = 0;
  std::string scale;
};
/// What attach_dimension_scale does for many attachments at once, in linear time: writes each
/// dataset's DIMENSION_LIST and DIMENSION_LABELS (label: the scale's name) and each scale's
/// REFERENCE_LIST in H5DS's own layout, once. The datasets must have no scales attached yet and
/// every axis of a listed dataset must be listed; scales must be dimension scales already.
/// @throws IoError
void attach_dimension_scales(hid_t file, const std::vector<ScaleAttachment>& attachments);
/// Objects created in `file` from now on use HDF5 1.8's object headers, which can hold
/// attributes over 64 KiB (a dimension scale's REFERENCE_LIST grows by 12 bytes per attached
/// axis: with the 1.0 format attaching fails after about 4,000). Every HDF5 1.8+ reader opens
/// such a file. @throws IoError
void use_large_attribute_format(hid_t file);
/// True if `dataset` is a dimension scale.
bool is_dimension_scale(const Dataset& dataset);

// ---- inspection (describe, tests) ----------------------------------------------------------
/// A short type name: "uint8", "int64", "float64", "string", ...
std::string type_name(hid_t type);

/// Paths (relative to `loc`) of every object under it, in name order, parents first.
std::vector<std::string> list_objects(hid_t loc);

/// Calls f(path, dataset) for every dataset under `loc`, in name order, path absolute.
void visit_datasets(hid_t loc, const std::function<void(const std::string&, const Dataset&)>& f);

/// Any dataset or attribute as comparable bytes: numbers in native layout, strings as a list.
struct Value {
  std::string type;              // type_name()
  std::vector<hsize_t> shape;    // empty for scalars
  std::vector<unsigned char> bytes;
  std::vector<std::string> strings;
  bool operator==(const Value&) const = default;
};
Value read_value(const Dataset& dataset);
Value read_attribute_value(hid_t object, const std::string& name);

// ---- explicit instantiations live in hdf5.cpp ----
extern template std::vector<std::uint8_t> read_dataset(hid_t, const std::string&);
extern template std::vector<std::uint16_t> read_dataset(hid_t, const std::string&);
extern template std::vector<std::int32_t> read_dataset(hid_t, const std::string&);
extern template std::vector<std::int64_t> read_dataset(hid_t, const std::string&);
extern template std::vector<std::uint64_t> read_dataset(hid_t, const std::string&);
extern template std::vector<float> read_dataset(hid_t, const std::string&);
extern template std::vector<double> read_dataset(hid_t, const std::string&);

}  // namespace kokeilu::io::h5
