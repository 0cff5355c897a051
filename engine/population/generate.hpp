#pragma once
// The synthetic population: persons aged 15-64 of each municipality, drawn from the
// municipality's distributions in the scenario. Person i's attributes depend only on
// (seed, i), so every arm and replication of a comparison starts from the same people.
#include <cstdint>

#include "population/people.hpp"
#include "scenario/spec.hpp"

namespace kokeilu::population {

/// First index of each municipality's persons, plus the total at the end (size M + 1).
std::vector<std::size_t> municipality_offsets(const scenario::ScenarioSpec& spec);

/// @throws InputError if the population is too large to hold (more than 2^32 - 1 persons).
People generate_population(const scenario::ScenarioSpec& spec, std::uint64_t seed);

}  // namespace kokeilu::population
