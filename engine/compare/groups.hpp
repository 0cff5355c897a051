#pragma once
// The groups a comparison reports on. Groups are fixed before treatment, on the initial
// population, so a group holds the same persons in every arm and an arm's effect on a group
// compares like with like.
//
// A person belongs to several groups at once (everyone, under 30, a municipality, an arm's
// target group...). Rather than test every group for every person every week, each person gets
// one *cell*: their municipality and a bit per person-level group. Weekly counts are tallied per
// cell (one increment per person-week) and a group's count is the sum over its cells.
#include <cstdint>
#include <string>
#include <vector>

#include "population/people.hpp"
#include "scenario/comparison_spec.hpp"

namespace kokeilu::compare {

struct GroupSet {
  std::vector<std::string> names;          // [G]
  std::vector<std::string> descriptions;   // [G]
  std::vector<std::vector<int>> cells;     // [G]: the cells a group is made of
  /// [G]: the municipalities whose money the group carries: all of them for `everyone`, one for
  /// `municipality:<name>`, none for person-level groups (the engine counts euros by
  /// municipality, not by person, so their money metrics are NaN).
  std::vector<std::vector<int>> money_municipalities;
  std::vector<std::uint32_t> cell_of_person;  // [N]
  int cell_count = 0;
  /// [arm][N]: 1 if the person is in the arm's target group at the start (0 for the baseline).
  std::vector<std::vector<std::uint8_t>> target_at_start;
  /// [G]: for a `pilot_clients:<arm>` group, that arm's index; -1 for every other group. These
  /// groups are known only once the arm has run (who ever became a client of its pilot, in each
  /// replication): they have no cells, and run_comparison measures them from the trajectories.
  std::vector<int> pilot_clients_of_arm;
  /// When not empty, the only persons any group holds (in ascending order): the metrics skip
  /// everyone else (found_groups), and transitions count these persons alone.
  std::vector<std::uint32_t> only_persons;

  std::size_t size() const { return names.size(); }
  /// Index of the group named `name`; throws std::out_of_range when there is none.
  std::size_t index_of(const std::string& name) const;
};

/// Order: everyone, under_30, foreign_language, long_term_unemployed_at_start, then
/// target:<arm>, non_target:<arm> and pilot_clients:<arm> for each arm but the baseline, then
/// municipality:<name>.
/// An arm's target group: unemployed at the start and meeting the arm's target predicate then
/// (the persons its pilot would take in from the stock).
GroupSet make_groups(const scenario::ComparisonSpec& spec, const population::People& initial);

/// Groups found after the runs (pilot_clients:<arm>), for measuring them with the same
/// MetricsSink as every other group: group j holds the persons with `members[j][i] != 0`, and
/// carries no money. Each person's cell is the bit mask of their groups, so one pass over the
/// persons in any group measures them all.
GroupSet found_groups(const std::vector<const std::vector<std::uint8_t>*>& members);

}  // namespace kokeilu::compare
