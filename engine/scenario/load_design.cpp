// Designs: period, target group, entry, priority and the services with their places. A service
// named under `services:` is enabled (`enabled: false` switches off one named by a parent).
#include <algorithm>
#include <vector>

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

constexpr std::array<std::string_view, 8> kPlacedKeys{
    "enabled",         "places_per_10000_persons", "referral_rate_per_week", "requires_assessment",
    "min_spell_weeks", "duration_weeks",           "dropout_rate_per_week",  "cost_eur_per_week"};

/// A service named in the design is on unless it says `enabled: false`; a bare `coach:` (no
/// keys) is on with the defaults. Returns false when there is nothing more to read.
bool read_enabled(const Node& node, bool& enabled) {
  enabled = true;
  if (node.kind == Node::Kind::null) return false;
  expect_mapping(node, "a mapping of the service's settings");
  read_optional(node, "enabled", enabled);
  return true;
}

bool read_placed(const Node& node, PlacedServiceSpec& service, std::initializer_list<std::string_view> own_keys) {
  std::vector<std::string_view> allowed(kPlacedKeys.begin(), kPlacedKeys.end());
  allowed.insert(allowed.end(), own_keys);
  if (!read_enabled(node, service.enabled)) return false;
  check_keys(node, allowed);
  read_optional(node, "places_per_10000_persons", service.places_per_10000_persons, kPlacesPer10000);
  read_optional(node, "referral_rate_per_week", service.referral_rate_per_week, kRatePerWeek);
  read_optional(node, "requires_assessment", service.requires_assessment);
  read_optional(node, "min_spell_weeks", service.min_spell_weeks, 0, kMaxWeeks);
  if (const Node* duration = optional(node, "duration_weeks")) {
    expect_sequence(*duration, "[min, max] weeks");
    if (duration->items.size() != 2)
      fail(*duration, "expected [min, max] weeks, found " + std::to_string(duration->items.size()) + " values");
    service.duration = {as_int(duration->items[0], 1, kMaxWeeks), as_int(duration->items[1], 1, kMaxWeeks)};
    if (service.duration.min > service.duration.max)
      fail(*duration, "the minimum duration (" + std::to_string(service.duration.min) +
                          " weeks) is above the maximum (" + std::to_string(service.duration.max) + " weeks)");
  }
  read_optional(node, "dropout_rate_per_week", service.dropout_rate_per_week, kRatePerWeek);
  read_optional(node, "cost_eur_per_week", service.cost_eur_per_week, kEurosPerWeek);
  return true;
}

void read_assessment(const Node& node, AssessmentSpec& s) {
  if (!read_enabled(node, s.enabled)) return;
  check_keys(node, {"enabled", "weeks_after_entry", "barrier_found_probability", "cost_eur"});
  read_optional(node, "weeks_after_entry", s.weeks_after_entry, 0, kMaxWeeks);
  read_optional(node, "barrier_found_probability", s.barrier_found_probability, kProbability);
  read_optional(node, "cost_eur", s.cost_eur, kEurosOnce);
}

void read_coach(const Node& node, CoachSpec& s) {
  if (!read_enabled(node, s.enabled)) return;
  check_keys(node, {"enabled", "coaches_per_10000_persons", "caseload", "meeting_interval_weeks",
                    "search_effort_multiplier", "effect_half_life_weeks", "referral_rate_multiplier",
                    "cost_eur_per_coach_week", "coaching_weeks"});
  read_optional(node, "coaches_per_10000_persons", s.coaches_per_10000_persons, kPlacesPer10000);
  read_optional(node, "caseload", s.caseload, 1, kMaxCaseload);
  read_optional(node, "meeting_interval_weeks", s.meeting_interval_weeks, 1, kMaxWeeks);
  read_optional(node, "search_effort_multiplier", s.search_effort_multiplier, kMultiplier);
  read_optional(node, "effect_half_life_weeks", s.effect_half_life_weeks, kWeeksPositive);
  read_optional(node, "referral_rate_multiplier", s.referral_rate_multiplier, kMultiplier);
  read_optional(node, "cost_eur_per_coach_week", s.cost_eur_per_coach_week, kEurosPerWeek);
  read_optional(node, "coaching_weeks", s.coaching_weeks, 1, kMaxWeeks);
}

void read_training(const Node& node, TrainingSpec& s) {
  if (!read_placed(node, s, {"lock_in_search_multiplier", "employability_gain", "employability_decay_per_week",
                             "qualification_probability"}))
    return;
  read_optional(node, "lock_in_search_multiplier", s.lock_in_search_multiplier, kMultiplier);
  read_optional(node, "employability_gain", s.employability_gain, kMultiplier);
  read_optional(node, "employability_decay_per_week", s.employability_decay_per_week, kProbability);
  read_optional(node, "qualification_probability", s.qualification_probability, kProbability);
}

void read_rehabilitative_work(const Node& node, RehabilitativeWorkSpec& s) {
  if (!read_placed(node, s, {"days_per_week", "barrier_resolved_rate_per_week", "participant_eur_per_day",
                             "state_compensation_eur_per_day", "exits"}))
    return;
  read_optional(node, "days_per_week", s.days_per_week, 1, 7);
  read_optional(node, "barrier_resolved_rate_per_week", s.barrier_resolved_rate_per_week, kRatePerWeek);
  read_optional(node, "participant_eur_per_day", s.participant_eur_per_day, kEurosPerDay);
  read_optional(node, "state_compensation_eur_per_day", s.state_compensation_eur_per_day, kEurosPerDay);
  if (const Node* exits = optional(node, "exits")) {
    check_keys(*exits, {"to_training", "to_pay_subsidy", "to_open_job"});
    read_optional(*exits, "to_training", s.to_training, kProbability);
    read_optional(*exits, "to_pay_subsidy", s.to_pay_subsidy, kProbability);
    read_optional(*exits, "to_open_job", s.to_open_job, kProbability);
    // The rest go back to unemployment, so the three may not exceed 1 together.
    if (s.to_training + s.to_pay_subsidy + s.to_open_job > 1.0 + kShareSumTolerance)
      fail(*exits, "the exit shares sum to more than 1 (the rest return to unemployment)");
  }
}

std::array<double, kSectorCount> read_by_sector(const Node& node, std::array<double, kSectorCount> values) {
  expect_mapping(node, "a mapping of sectors (company, municipality, third_sector) to values");
  check_keys(node, kSectorNames);
  for (const auto& e : node.entries)
    values[static_cast<std::size_t>(*code_of(kSectorNames, e.key))] = as_double(e.value, kProbability);
  return values;
}

void read_pay_subsidy(const Node& node, PaySubsidySpec& s) {
  if (!read_placed(node, s, {"sector_shares", "monthly_pay_cost_eur", "monthly_cap_eur", "open_job_after"})) return;
  if (const Node* shares = optional(node, "sector_shares")) {
    // Shares are given whole: sectors not named get 0.
    s.sector_shares = read_by_sector(*shares, {});
    check_sum_is_one(*shares, s.sector_shares[0] + s.sector_shares[1] + s.sector_shares[2], "the sector shares");
  }
  read_optional(node, "monthly_pay_cost_eur", s.monthly_pay_cost_eur, kEurosPerMonth);
  read_optional(node, "monthly_cap_eur", s.monthly_cap_eur, kEurosPerMonth);
  if (const Node* after = optional(node, "open_job_after")) s.open_job_after = read_by_sector(*after, s.open_job_after);
}

void read_work_trial(const Node& node, WorkTrialSpec& s) {
  if (!read_placed(node, s, {"open_job_after"})) return;
  read_optional(node, "open_job_after", s.open_job_after, kProbability);
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
  check_keys(node, {"name", "description", "organiser", "period", "area", "target", "entry", "on_transfer",
                    "priority", "referral_by_spell", "supplement_eur_per_day", "services"});
  DesignSpec design;
  design.name = as_string(require(node, "name"));
  if (const Node* v = optional(node, "description")) design.description = as_string(*v);
  if (const Node* v = optional(node, "organiser")) design.organiser = static_cast<Organiser>(as_name(*v, kOrganiserNames, "organiser"));
  if (const Node* period = optional(node, "period")) {
    check_keys(*period, {"start", "end"});
    design.start = as_date(require(*period, "start"));
    const Node& end = require(*period, "end");
    design.end = as_date(end);
    if (*design.end < *design.start)
      fail(end, "the period ends (" + format_date(*design.end) + ") before it starts (" + format_date(*design.start) + ")");
  }
  if (const Node* area = optional(node, "area")) design.area = read_area(*area, region);
  if (const Node* target = optional(node, "target")) design.target = read_target(*target);
  if (const Node* entry = optional(node, "entry")) {
    check_keys(*entry, {"stock_at_start", "inflow"});
    read_optional(*entry, "stock_at_start", design.stock_at_start);
    read_optional(*entry, "inflow", design.inflow);
  }
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
  read_optional(node, "supplement_eur_per_day", design.supplement_eur_per_day, kEurosPerDay);

  if (const Node* services = optional(node, "services")) {
    check_keys(*services, kServiceNames);
    for (const auto& e : services->entries) {
      switch (static_cast<Service>(*code_of(kServiceNames, e.key))) {
        case Service::assessment: read_assessment(e.value, design.assessment); break;
        case Service::coach: read_coach(e.value, design.coach); break;
        case Service::training: read_training(e.value, design.training); break;
        case Service::rehabilitative_work: read_rehabilitative_work(e.value, design.rehabilitative_work); break;
        case Service::pay_subsidy: read_pay_subsidy(e.value, design.pay_subsidy); break;
        case Service::work_trial: read_work_trial(e.value, design.work_trial); break;
      }
    }
  }
  return design;
}

}  // namespace kokeilu::scenario::detail
