#pragma once
// Compile-time folds over the registered service modules (services/modules.hpp).
#include <array>
#include <cstddef>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

#include "services/modules.hpp"

namespace kokeilu::services {

template <class List>
struct ModuleTypes;
template <class... M>
struct ModuleTypes<std::tuple<M...>> {
  using Specs = std::tuple<typename M::Spec...>;
  using Plans = std::tuple<typename M::Plan...>;
  static constexpr std::array<std::string_view, sizeof...(M)> names{M::kName...};
};

inline constexpr std::size_t kModuleCount = std::tuple_size_v<ServiceModules>;
using ModuleSpecs = ModuleTypes<ServiceModules>::Specs;  // a design's settings of every module
using ModulePlans = ModuleTypes<ServiceModules>::Plans;  // ... in step units
inline constexpr auto kModuleNames = ModuleTypes<ServiceModules>::names;

/// Calls f(std::type_identity<Module>{}, std::integral_constant<std::size_t, I>{}) for each
/// registered module in order; unrolled at compile time.
template <class F>
constexpr void for_each_module(F&& f) {
  [&]<std::size_t... I>(std::index_sequence<I...>) {
    (f(std::type_identity<std::tuple_element_t<I, ServiceModules>>{}, std::integral_constant<std::size_t, I>{}), ...);
  }(std::make_index_sequence<kModuleCount>{});
}

}  // namespace kokeilu::services
