#include "compare/groups.hpp"

#include <stdexcept>

#include "core/errors.hpp"
#include "policy/target.hpp"
#include "sim/kernel.hpp"

namespace kokeilu::compare {

std::size_t GroupSet::index_of(const std::string& name) const {
  for (std::size_t g = 0; g < names.size(); ++g)
    if (names[g] == name) return g;
  throw std::out_of_range("no group named " + name);
}

namespace {

// Person-level bits of a cell, before the per-arm target bits.
constexpr int kUnder30Bit = 0;
constexpr int kForeignLanguageBit = 1;
constexpr int kLongTermUnemployedBit = 2;
constexpr int kFirstTargetBit = 3;

}  // namespace

GroupSet make_groups(const scenario::ComparisonSpec& spec, const population::People& initial) {
  const std::size_t persons = initial.size();
  const int municipalities = static_cast<int>(spec.base.municipalities.size());
  const int target_arms = static_cast<int>(spec.arms.size()) - 1;
  const int bits = kFirstTargetBit + target_arms;
  if (bits > 12)
    throw InputError(spec.source_file + ": a comparison reports on at most 9 pilot arms besides the baseline, not " +
                     std::to_string(target_arms));
  const int cells_per_municipality = 1 << bits;

  GroupSet set;
  set.cell_count = municipalities * cells_per_municipality;
  set.cell_of_person.assign(persons, 0);
  set.target_at_start.assign(spec.arms.size(), std::vector<std::uint8_t>(persons, 0));

  const int start_year = static_cast<int>(spec.base.run.start.year());
  for (std::size_t i = 0; i < persons; ++i) {
    const int age = start_year - initial.birth_year[i];
    const bool unemployed = initial.status[i] == static_cast<std::uint8_t>(Status::unemployed);
    std::uint32_t cell_bits = 0;
    if (age < 30) cell_bits |= 1u << kUnder30Bit;
    if (initial.foreign_language[i] != 0) cell_bits |= 1u << kForeignLanguageBit;
    if (unemployed && initial.spell_weeks[i] >= sim::kLongTermUnemploymentWeeks) cell_bits |= 1u << kLongTermUnemployedBit;
    for (int a = 1; a <= target_arms; ++a) {
      const auto& design = *spec.arms[static_cast<std::size_t>(a)].pilot_design;
      if (unemployed && policy::matches(design.target, initial, i, age)) {
        cell_bits |= 1u << (kFirstTargetBit + a - 1);
        set.target_at_start[static_cast<std::size_t>(a)][i] = 1;
      }
    }
    set.cell_of_person[i] = static_cast<std::uint32_t>(initial.municipality[i]) * static_cast<std::uint32_t>(cells_per_municipality) + cell_bits;
  }

  std::vector<int> all_municipalities;
  for (int m = 0; m < municipalities; ++m) all_municipalities.push_back(m);
  // A group of every cell whose bits satisfy `wanted`.
  auto add_group = [&](std::string name, std::string description, auto wanted, std::vector<int> money) {
    std::vector<int> cells;
    for (int c = 0; c < set.cell_count; ++c)
      if (wanted(c / cells_per_municipality, static_cast<std::uint32_t>(c % cells_per_municipality))) cells.push_back(c);
    set.names.push_back(std::move(name));
    set.descriptions.push_back(std::move(description));
    set.cells.push_back(std::move(cells));
    set.money_municipalities.push_back(std::move(money));
    set.pilot_clients_of_arm.push_back(-1);
  };
  auto has_bit = [](int bit) { return [bit](int, std::uint32_t b) { return (b >> bit) & 1u; }; };

  add_group("everyone", "every person of working age in the region", [](int, std::uint32_t) { return true; },
            all_municipalities);
  add_group("under_30", "aged under 30 at the start", has_bit(kUnder30Bit), {});
  add_group("foreign_language", "foreign-language speakers", has_bit(kForeignLanguageBit), {});
  add_group("long_term_unemployed_at_start", "unemployed 52 weeks or more without a break at the start",
            has_bit(kLongTermUnemployedBit), {});
  for (int a = 1; a <= target_arms; ++a) {
    const auto& arm = spec.arms[static_cast<std::size_t>(a)].name;
    const int bit = kFirstTargetBit + a - 1;
    add_group("target:" + arm, "unemployed at the start and in the target group of " + arm, has_bit(bit), {});
    add_group("non_target:" + arm, "everyone outside the target group of " + arm + " (displacement shows here)",
              [bit](int, std::uint32_t b) { return ((b >> bit) & 1u) == 0; }, {});
    add_group("pilot_clients:" + arm,
              "everyone who became a client of " + arm + "'s pilot in that arm's run of the replication (its stock at "
              "the start and its inflow), measured in every arm",
              [](int, std::uint32_t) { return false; }, {});
    set.pilot_clients_of_arm.back() = a;
  }
  for (int m = 0; m < municipalities; ++m)
    add_group("municipality:" + spec.base.municipalities[static_cast<std::size_t>(m)].name,
              "persons living in " + spec.base.municipalities[static_cast<std::size_t>(m)].name,
              [m](int municipality, std::uint32_t) { return municipality == m; }, {m});
  return set;
}

GroupSet found_groups(const std::vector<const std::vector<std::uint8_t>*>& members) {
  const std::size_t groups = members.size();
  if (groups > 16) throw std::invalid_argument("found_groups: at most 16 groups");
  const std::size_t persons = groups == 0 ? 0 : members.front()->size();
  GroupSet set;
  set.cell_count = 1 << groups;
  set.cell_of_person.assign(persons, 0);
  for (std::size_t j = 0; j < groups; ++j) {
    set.names.push_back("found:" + std::to_string(j));
    set.descriptions.emplace_back();
    std::vector<int> cells;
    for (int c = 0; c < set.cell_count; ++c)
      if ((c >> j) & 1) cells.push_back(c);
    set.cells.push_back(std::move(cells));
    set.money_municipalities.emplace_back();
    set.pilot_clients_of_arm.push_back(-1);
    for (std::size_t i = 0; i < persons; ++i)
      if ((*members[j])[i] != 0) set.cell_of_person[i] |= 1u << j;
  }
  for (std::size_t i = 0; i < persons; ++i)
    if (set.cell_of_person[i] != 0) set.only_persons.push_back(static_cast<std::uint32_t>(i));
  return set;
}

}  // namespace kokeilu::compare
