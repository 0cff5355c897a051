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

/// A code on the `service` axis of a run file's counters (referrals, starts, waits; for a placed
/// service with a status also the queue a person waits in: People::waiting_for is the code + 1).
/// Each module on the axis declares its own (`kService`); the names and the count follow from the
/// list of modules (services/codes.hpp: kServiceNames, kServiceCount). The names below are kept
/// for the code that reads them; a new service declares the next free code in its own module.
enum class Service : std::uint8_t {
  assessment = 0,
  coach = 1,
  training = 2,
  rehabilitative_work = 3,
  pay_subsidy = 4,
  work_trial = 5,
  self_motivated_study = 6,
};

struct DurationWeeks {
  int min = 1;  // weeks, inclusive
  int max = 1;  // weeks, inclusive; drawn uniformly
};

}  // namespace kokeilu::scenario
