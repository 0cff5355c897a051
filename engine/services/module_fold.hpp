#pragma once
// Compile-time folds over the registered service modules (services/modules.hpp), split by kind:
// ServiceModules, the events and relations (services/module.hpp), and StatusModules, the placed
// services that hold people in a status of their own ("A module with a status").
#include <array>
#include <cstddef>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

#include "services/modules.hpp"

namespace kokeilu::services {

/// A placed service with a status of its own names it.
template <class Module>
inline constexpr bool kHasStatus = requires { Module::kStatus; };

template <class Module>
struct IsStatusModule : std::bool_constant<kHasStatus<Module>> {};
template <class Module>
struct IsEventModule : std::bool_constant<!kHasStatus<Module>> {};

/// The types of `List` that `Keep` keeps, in order.
template <template <class> class Keep, class List>
struct KeptModules;
template <template <class> class Keep>
struct KeptModules<Keep, std::tuple<>> {
  using type = std::tuple<>;
};
template <template <class> class Keep, class First, class... Rest>
struct KeptModules<Keep, std::tuple<First, Rest...>> {
  using rest = typename KeptModules<Keep, std::tuple<Rest...>>::type;
  using type = std::conditional_t<Keep<First>::value,
                                  decltype(std::tuple_cat(std::declval<std::tuple<First>>(), std::declval<rest>())), rest>;
};

using ServiceModules = KeptModules<IsEventModule, RegisteredModules>::type;
using StatusModules = KeptModules<IsStatusModule, RegisteredModules>::type;

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

inline constexpr std::size_t kStatusModuleCount = std::tuple_size_v<StatusModules>;
using StatusSpecs = ModuleTypes<StatusModules>::Specs;   // a design's settings of every placed service
using StatusPlans = ModuleTypes<StatusModules>::Plans;   // ... in step units
inline constexpr auto kStatusModuleNames = ModuleTypes<StatusModules>::names;

/// Calls f(std::type_identity<Module>{}, std::integral_constant<std::size_t, I>{}) for each
/// module of `List` in order; unrolled at compile time.
template <class List, class F>
constexpr void for_each_in(F&& f) {
  [&]<std::size_t... I>(std::index_sequence<I...>) {
    (f(std::type_identity<std::tuple_element_t<I, List>>{}, std::integral_constant<std::size_t, I>{}), ...);
  }(std::make_index_sequence<std::tuple_size_v<List>>{});
}

/// For each event or relation module (I: its index in ModuleSpecs, ModulePlans, kModuleNames).
template <class F>
constexpr void for_each_module(F&& f) {
  for_each_in<ServiceModules>(std::forward<F>(f));
}

/// For each placed service with a status (I: its index in StatusPlans), in admission order.
template <class F>
constexpr void for_each_status_module(F&& f) {
  for_each_in<StatusModules>(std::forward<F>(f));
}

}  // namespace kokeilu::services
