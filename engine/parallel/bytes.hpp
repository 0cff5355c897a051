#pragma once
// A task's result as bytes (parallel/tasks.hpp): numbers and vectors of numbers packed one after
// another, read back in the same order. Both ends are the same build of the engine on the same
// kind of machine (one MPI job), so values travel as their bytes: a double arrives bit for bit.
#include <cstdint>
#include <cstring>
#include <span>
#include <stdexcept>
#include <type_traits>
#include <vector>

#include "parallel/team.hpp"

namespace kokeilu::parallel {

class Packer {
 public:
  template <typename T>
  void put(const T& value) {
    static_assert(std::is_trivially_copyable_v<T>);
    append(&value, sizeof value);
  }
  /// Its length, then its elements.
  template <typename T>
  void put_vector(std::span<const T> values) {
    static_assert(std::is_trivially_copyable_v<T>);
    put<std::uint64_t>(values.size());
    append(values.data(), values.size_bytes());
  }
  template <typename T>
  void put_vector(const std::vector<T>& values) {
    put_vector(std::span<const T>(values));
  }
  /// Room for `size` bytes in all (pages untouched cost no memory): a big result is not copied
  /// as it grows.
  void reserve(std::size_t size) { bytes_.reserve(size); }
  Bytes take() { return std::move(bytes_); }

 private:
  void append(const void* from, std::size_t size) {
    if (size == 0) return;
    const std::size_t at = bytes_.size();
    bytes_.resize(at + size);  // grows geometrically, as insert would
    std::memcpy(bytes_.data() + at, from, size);
  }
  Bytes bytes_;
};

class Unpacker {
 public:
  explicit Unpacker(const Bytes& bytes) : at_(bytes.data()), end_(bytes.data() + bytes.size()) {}
  template <typename T>
  T get() {
    T value;
    copy(&value, sizeof value);
    return value;
  }
  template <typename T>
  std::vector<T> get_vector() {
    const auto size = get<std::uint64_t>();
    if (size > static_cast<std::uint64_t>(end_ - at_) / sizeof(T)) throw std::runtime_error("a task's result arrived truncated");
    std::vector<T> values(size);
    copy(values.data(), size * sizeof(T));
    return values;
  }
  /// A vector of bytes put by put_vector, where it lies in the bytes read (no copy).
  std::span<const std::uint8_t> get_bytes() {
    const auto size = get<std::uint64_t>();
    if (size > static_cast<std::uint64_t>(end_ - at_)) throw std::runtime_error("a task's result arrived truncated");
    const std::span<const std::uint8_t> view(at_, size);
    at_ += size;
    return view;
  }
  bool done() const { return at_ == end_; }

 private:
  void copy(void* to, std::size_t size) {
    if (size > static_cast<std::size_t>(end_ - at_)) throw std::runtime_error("a task's result arrived truncated");
    if (size != 0) std::memcpy(to, at_, size);
    at_ += size;
  }
  const std::uint8_t* at_;
  const std::uint8_t* end_;
};

}  // namespace kokeilu::parallel
