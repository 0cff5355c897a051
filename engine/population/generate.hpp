#pragma once
// The synthetic population: persons aged 15-64 of each municipality at the history start,
// drawn from the municipality's distributions in the scenario, then the entrants of every later
// year (an open population: a cohort enters in the year it turns 15, persons leave at the
// retirement age). Each municipality's persons are contiguous: those at the start, then the
// entrants year by year. Person i's attributes depend only on (seed, i), so every arm and
// replication of a comparison has the same people.
#include <cstdint>

#include "population/people.hpp"
#include "scenario/spec.hpp"

namespace kokeilu::population {

/// First index of each municipality's persons, plus the total at the end (size M + 1).
std::vector<std::size_t> municipality_offsets(const scenario::ScenarioSpec& spec);

/// @throws InputError if the population is too large to hold (more than 2^32 - 1 persons).
People generate_population(const scenario::ScenarioSpec& spec, std::uint64_t seed);

/// The reported weeks [entry_week, exit_week) in which each person is in the population: from
/// the first week of the year they turn 15 (or week 0) to the first week of the year they reach
/// the retirement age (or the number of reported weeks); -1 and -1 when never in the reported
/// period. `people` is the state at the reported start (persons who left are marked outside).
struct PopulationWeeks {
  std::vector<std::int32_t> entry_week;
  std::vector<std::int32_t> exit_week;
};
PopulationWeeks population_weeks(const scenario::ScenarioSpec& spec, const People& people);

}  // namespace kokeilu::population
