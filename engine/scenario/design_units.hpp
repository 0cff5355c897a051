#pragma once
// Small vocabulary of designs shared by the spec structs (design_spec.hpp) and the field tables
// (fields.hpp) of the services, built in or modules (services/modules.hpp).
#include <array>
#include <cstdint>
#include <string_view>

namespace kokeilu::scenario {

enum class Sector : std::uint8_t { company = 0, municipality = 1, third_sector = 2 };
inline constexpr int kSectorCount = 3;
inline constexpr std::array<std::string_view, kSectorCount> kSectorNames{"company", "municipality", "third_sector"};

struct DurationWeeks {
  int min = 1;  // weeks, inclusive
  int max = 1;  // weeks, inclusive; drawn uniformly
};

}  // namespace kokeilu::scenario
