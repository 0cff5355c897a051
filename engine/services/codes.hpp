#pragma once
// The codes that the hot loop and the files store for statuses and services, with their names,
// derived from the one list of service modules (services/modules.hpp): a placed service with a
// status declares its status code (`kStatus`), and the name on the `status` axis when it is not
// its YAML name (`kStatusName`); its status is an activating service's. A service on the
// `service` axis (queues, referrals, starts, waits) declares its code there (`kService`) and is
// named by its YAML name. The statuses that are not services (employed, unemployed, inactive) are
// core's (core/vocabulary.hpp kCoreStatuses). Codes never change (files store them): a new one is
// appended, and the static_asserts below hold the codes to 0..N-1, each named once. The files
// name both axes, so the analysis reads them from there (analysis/measures.py counts every
// status but core's as in services, as is_activating_service does).
#include <array>
#include <cstddef>
#include <limits>
#include <span>
#include <string_view>

#include "core/measures.hpp"
#include "core/vocabulary.hpp"
#include "scenario/design_units.hpp"
#include "services/module_fold.hpp"

namespace kokeilu {

namespace services {

/// A module's name on the `status` axis: its own `kStatusName`, else its YAML name.
template <class Module>
constexpr std::string_view status_name_of() {
  if constexpr (requires { Module::kStatusName; })
    return Module::kStatusName;
  else
    return Module::kName;
}

/// On the `service` axis: the module declares its code there.
template <class Module>
inline constexpr bool kOnServiceAxis = requires { Module::kService; };

/// One plus the largest code of `codes`.
template <std::size_t N>
constexpr int count_of_codes(const std::array<int, N>& codes) {
  int n = 0;
  for (const int c : codes) n = c + 1 > n ? c + 1 : n;
  return n;
}

/// Every code below `count` named exactly once.
template <std::size_t N>
constexpr bool codes_complete(const std::array<int, N>& codes, int count) {
  if (static_cast<int>(N) != count) return false;
  for (int c = 0; c < count; ++c) {
    int named = 0;
    for (const int d : codes) named += d == c ? 1 : 0;
    if (named != 1) return false;
  }
  return true;
}

/// The status codes: core's, then the placed services' in list order.
inline constexpr auto kStatusCodes = [] {
  std::array<int, kCoreStatuses.size() + kStatusModuleCount> codes{};
  std::size_t k = 0;
  for (const auto& core : kCoreStatuses) codes[k++] = static_cast<int>(core.status);
  for_each_status_module([&](auto module, auto) { codes[k++] = static_cast<int>(decltype(module)::type::kStatus); });
  return codes;
}();

/// The service codes of the modules on the `service` axis, in list order.
inline constexpr std::size_t kServiceAxisModules = [] {
  std::size_t n = 0;
  for_each_in<RegisteredModules>([&](auto module, auto) { n += kOnServiceAxis<typename decltype(module)::type>; });
  return n;
}();
inline constexpr auto kServiceCodes = [] {
  std::array<int, kServiceAxisModules> codes{};
  std::size_t k = 0;
  for_each_in<RegisteredModules>([&](auto module, auto) {
    using Module = typename decltype(module)::type;
    if constexpr (kOnServiceAxis<Module>) codes[k++] = static_cast<int>(Module::kService);
  });
  return codes;
}();

}  // namespace services

/// The number of statuses (codes 0..kStatusCount-1) and their names, by code.
inline constexpr int kStatusCount = services::count_of_codes(services::kStatusCodes);
static_assert(services::codes_complete(services::kStatusCodes, kStatusCount),
              "status codes: 0..N-1, each once (core's statuses and the modules' kStatus)");
static_assert(kStatusCount < kOutsidePopulation, "a status code fits below kOutsidePopulation");

inline constexpr auto kStatusNames = [] {
  std::array<std::string_view, kStatusCount> names{};
  for (const auto& core : kCoreStatuses) names[static_cast<std::size_t>(core.status)] = core.name;
  services::for_each_status_module([&](auto module, auto) {
    using Module = typename decltype(module)::type;
    names[static_cast<std::size_t>(Module::kStatus)] = services::status_name_of<Module>();
  });
  return names;
}();

/// True for the activating services of the activation rate (DOMAIN.md): the placed services'
/// statuses, every status but core's.
constexpr bool is_activating_service(Status s) {
  if (static_cast<int>(s) >= kStatusCount) return false;
  for (const auto& core : kCoreStatuses)
    if (core.status == s) return false;
  return true;
}

/// The activation rate from counts by status (kStatusCount of them, in code order).
template <typename Count>
double activation_rate_of_counts(std::span<const Count, kStatusCount> by_status) {
  double in_services = 0;
  for (int s = 0; s < kStatusCount; ++s)
    if (is_activating_service(static_cast<Status>(s))) in_services += static_cast<double>(by_status[s]);
  return activation_rate(in_services, static_cast<double>(by_status[static_cast<int>(Status::unemployed)]));
}

namespace scenario {

/// The services on the `service` axis of a run file's counters (referrals, starts, waits) by
/// code: the YAML names of the modules that declare a `kService` code.
inline constexpr int kServiceCount = services::count_of_codes(services::kServiceCodes);
static_assert(services::codes_complete(services::kServiceCodes, kServiceCount),
              "service codes: 0..N-1, each once (the modules' kService)");

inline constexpr auto kServiceNames = [] {
  std::array<std::string_view, kServiceCount> names{};
  services::for_each_in<services::RegisteredModules>([&](auto module, auto) {
    using Module = typename decltype(module)::type;
    if constexpr (services::kOnServiceAxis<Module>) names[static_cast<std::size_t>(Module::kService)] = Module::kName;
  });
  return names;
}();

}  // namespace scenario

}  // namespace kokeilu
