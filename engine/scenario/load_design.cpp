// Designs: period, target group, entry, priority and the services with their places. A service
// named under `services:` is enabled (`enabled: false` switches off one named by a parent).
#include <algorithm>
#include <vector>

#include "scenario/capacity.hpp"
#include "scenario/design_fields.hpp"
#include "scenario/readers.hpp"

namespace kokeilu::scenario::detail {

using namespace yaml;

namespace {

constexpr std::array<std::string_view, 10> kTargetNames{
    "everyone",       "foreign_language",      "any",           "all",       "spell_weeks_at_least",
    "benefit_days_at_least", "subsidy_days_at_least", "benefit_in", "age_under", "age_at_least"};

TargetPredicate read_target(const Node& node) {
  using Kind = TargetPredicate::Kind;
  TargetPredicate target;
  if (node.is_scalar()) {
    // Only the tests without a parameter are written as a bare name.
    switch (as_name(node, std::span<const std::string_view>(kTargetNames.begin(), 2), "target")) {
      case 0: target.kind = Kind::everyone; break;
      default: target.kind = Kind::foreign_language; break;
    }
    return target;
  }
  if (!node.is_mapping() || node.entries.size() != 1)
    fail(node, "a target is `everyone`, `foreign_language` or a mapping with exactly one of " +
                   join_names(std::span<const std::string_view>(kTargetNames.begin() + 2, kTargetNames.end())) +
                   " (combine tests with `all:` or `any:`)");
  check_keys(node, std::span<const std::string_view>(kTargetNames.begin() + 2, kTargetNames.end()));
  const auto& [key, where, value] = node.entries.front();
  (void)where;
  if (key == "any" || key == "all") {
    target.kind = key == "any" ? Kind::any : Kind::all;
    expect_sequence(value, "a list of target tests");
    if (value.items.empty()) fail(value, "needs at least one test");
    for (const auto& child : value.items) target.children.push_back(read_target(child));
  } else if (key == "benefit_in") {
    target.kind = Kind::benefit_in;
    expect_sequence(value, "a list of benefit names");
    if (value.items.empty()) fail(value, "needs at least one benefit");
    for (const auto& item : value.items)
      target.benefits[static_cast<std::size_t>(as_name(item, kBenefitNames, "benefit"))] = true;
  } else if (key == "age_under" || key == "age_at_least") {
    target.kind = key == "age_under" ? Kind::age_under : Kind::age_at_least;
    target.threshold = as_int(value, 15, 100);
  } else {
    target.kind = key == "spell_weeks_at_least"    ? Kind::spell_weeks_at_least
                  : key == "benefit_days_at_least" ? Kind::benefit_days_at_least
                                                   : Kind::subsidy_days_at_least;
    target.threshold = as_int(value, 0, target.kind == Kind::spell_weeks_at_least ? kMaxWeeks : kMaxDays);
  }
  return target;
}

/// `area: [names]`: municipalities of the region, each once. Without a region (a design file read
/// on its own) the names are kept unchecked; the scenario that uses the design checks them.
std::vector<std::string> read_area(const Node& node, std::span<const MunicipalitySpec> region) {
  expect_sequence(node, "a list of municipality names");
  if (node.items.empty()) fail(node, "an area needs at least one municipality (leave `area` out for the whole region)");
  std::vector<std::string> names;
  for (const auto& item : node.items) {
    std::string name = as_string(item);
    if (std::find(names.begin(), names.end(), name) != names.end())
      fail(item, "municipality `" + name + "` is named twice in the area");
    if (!region.empty() &&
        std::none_of(region.begin(), region.end(), [&](const MunicipalitySpec& m) { return m.name == name; })) {
      std::vector<std::string_view> known;
      for (const auto& m : region) known.push_back(m.name);
      fail(item, "unknown municipality `" + name + "`; " +
                     (known.size() <= 20 ? "the region's municipalities are " + join_names(known)
                                         : "the region has " + std::to_string(known.size()) +
                                               " municipalities (region.municipalities[].name)"));
    }
    names.push_back(std::move(name));
  }
  return names;
}

/// A service named in the design is on unless it says `enabled: false`; a bare `coach:` (no
/// keys) is on with the defaults. Its keys are its module's field table (services/service_<name>.hpp).
template <class Spec>
void read_service(const Node& node, std::span<const Field<Spec>> fields, Spec& service) {
  service.enabled = true;
  if (node.kind == Node::Kind::null) return;
  expect_mapping(node, "a mapping of the service's settings");
  read_fields(node, fields, service);
}

/// A service module's entry (services/modules.hpp): its own field table, and its own checks
/// where it has them.
void read_module(const Node::Entry& entry, DesignSpec& design) {
  services::for_each_module([&](auto module, auto index) {
    using Module = typename decltype(module)::type;
    if (entry.key == Module::kName)
      read_service(entry.value, Module::fields(), std::get<decltype(index)::value>(design.modules));
  });
  services::for_each_status_module([&](auto module, auto) {
    using Module = typename decltype(module)::type;
    if (entry.key != Module::kName) return;
    auto& spec = design.module<Module>();
    read_service(entry.value, Module::fields(), spec);
    if constexpr (requires { Module::check(entry.value, spec); }) Module::check(entry.value, spec);
  });
}

/// A block of its own (`staff`, `budget`, `municipality_response`): a mapping of its table's keys.
template <class Spec>
void read_block(const Node& node, std::span<const Field<Spec>> fields, Spec& spec, std::string_view what) {
  expect_mapping(node, "a mapping of " + std::string(what));
  read_fields(node, fields, spec);
}

/// Capacity from staff and budget (docs/capacity.md); read after the services, which they size.
void read_capacity(const Node& node, DesignSpec& design) {
  if (const Node* staff = optional(node, "staff")) {
    read_block(*staff, staff_fields(), design.staff, "the design's staff (coaches, moved_from_te_office)");
    design.staff.stated = true;
    require(*staff, "coaches");
    if (const Node* moved = optional(*staff, "moved_from_te_office"); moved && design.staff.moved_from_te_office > design.staff.coaches)
      fail(*moved, "more staff moved from the TE office than coaches stated (" +
                       number_text(design.staff.coaches) + ")");
    if (!design.module<services::Coach>().enabled)
      fail(*staff, "staff size the coach's places: the design needs `services.coach`");
  }
  if (const Node* budget = optional(node, "budget")) {
    read_block(*budget, budget_fields(), design.budget, "the design's budget (services_eur_per_year)");
    design.budget.stated = true;
    require(*budget, "services_eur_per_year");
    if (total_budget_weight(design) <= 0)
      fail(*budget, "the budget buys places of the enabled placed services with a cost, in the proportions of "
                    "their places_per_10000_persons: this design has none");
  }
  if (const Node* response = optional(node, "municipality_response")) {
    // Named: on, unless it says `enabled: false` (as a service).
    design.municipality_response.enabled = true;
    if (response->kind != Node::Kind::null)
      read_block(*response, municipality_response_fields(), design.municipality_response,
               "the municipality's response to its co-payment bill");
  }
}

}  // namespace

Node resolve_inheritance(const Node& design) {
  expect_mapping(design, "a design (a mapping, or a file name ending in .yaml)");
  const Node* parent = design.find("inherit");
  if (!parent) return design;
  if (!parent->is_mapping())
    fail(*parent, "`inherit` names a design file (ending in .yaml) or gives a design mapping; found " +
                      (parent->is_scalar() ? "`" + parent->scalar + "`" : std::string("a list or nothing")));
  Node own = design;
  std::erase_if(own.entries, [](const Node::Entry& e) { return e.key == "inherit"; });
  return merge(resolve_inheritance(*parent), own, kDesignReplaceWhole);
}

DesignSpec read_design(const Node& node, std::span<const MunicipalitySpec> region) {
  DesignSpec design;
  read_fields(node, design_fields(), design);  // keys, entry and the supplement; the rest below
  design.name = as_string(require(node, "name"));
  if (const Node* v = optional(node, "description")) design.description = as_string(*v);
  if (const Node* v = optional(node, "organiser")) design.organiser = static_cast<Organiser>(as_name(*v, kOrganiserNames, "organiser"));
  if (const Node* period = optional(node, "period")) {
    design.start = as_date(require(*period, "start"));
    const Node& end = require(*period, "end");
    design.end = as_date(end);
    if (*design.end < *design.start)
      fail(end, "the period ends (" + format_date(*design.end) + ") before it starts (" + format_date(*design.start) + ")");
  }
  if (const Node* area = optional(node, "area")) design.area = read_area(*area, region);
  if (const Node* target = optional(node, "target")) design.target = read_target(*target);
  if (const Node* v = optional(node, "on_transfer"))
    design.on_transfer = static_cast<OnTransfer>(as_name(*v, kOnTransferNames, "on_transfer choice"));
  if (const Node* v = optional(node, "priority")) design.priority = static_cast<PriorityRule>(as_name(*v, kPriorityRuleNames, "priority rule"));
  if (const Node* by_spell = optional(node, "referral_by_spell")) {
    static_assert(std::tuple_size_v<decltype(design.referral_by_spell)> == kDurationBracketCount);
    expect_sequence(*by_spell, "a list of referral-rate multipliers by spell bracket");
    if (by_spell->items.size() != kDurationBracketCount)
      fail(*by_spell, "expected " + std::to_string(kDurationBracketCount) +
                          " multipliers (brackets from weeks 0, 4, 13, 26, 52, 78, 104), found " +
                          std::to_string(by_spell->items.size()));
    for (std::size_t b = 0; b < kDurationBracketCount; ++b)
      design.referral_by_spell[b] = as_double(by_spell->items[b], kMultiplier);
  }

  if (const Node* services = optional(node, "services")) {
    // The allowed keys: the services in kServiceNames order, then the modules that are new.
    std::vector<std::string_view> names(kServiceNames.begin(), kServiceNames.end());
    for (const auto name : services::kModuleNames)
      if (!code_of(kServiceNames, name)) names.push_back(name);
    check_keys(*services, names);
    for (const auto& e : services->entries) read_module(e, design);
  }
  read_capacity(node, design);
  return design;
}

}  // namespace kokeilu::scenario::detail
