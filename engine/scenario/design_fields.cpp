#include "scenario/design_fields.hpp"

#include <vector>

namespace kokeilu::scenario {

using namespace yaml;

namespace {

template <class Spec>
std::span<const Field<Spec>> as_span(const std::vector<Field<Spec>>& fields) {
  return {fields.data(), fields.size()};
}

template <class Spec>
void append_block(std::string& text, const std::string& title, std::string_view about,
                  std::span<const Field<Spec>> fields) {
  text += "## " + title + "\n\n" + std::string(about) + "\n\n" + fields_markdown(fields, Spec{}) + "\n";
}

}  // namespace

std::span<const Field<DesignSpec>> design_fields() {
  using D = DesignSpec;
  static const std::vector<Field<D>> fields{
      custom_field<D>("name", "text", "(required)", "the design's name, as reports show it"),
      custom_field<D>("description", "text", "\"\"", "one line for the reader"),
      custom_field<D>("organiser", "te_office, municipality", "te_office",
                      "who organises the services (and pays what the design adds)"),
      custom_field<D>("period.start", "date", "(always)", "first day in force; leave `period` out for a baseline"),
      custom_field<D>("period.end", "date", "(always)", "last day in force (inclusive)"),
      custom_field<D>("area", "list of municipality names", "(the whole region)",
                      "municipalities where a pilot takes in clients; each once, checked against the region"),
      custom_field<D>("target", "target tree", "everyone",
                      "who the design serves: `everyone`, `foreign_language`, or one of spell_weeks_at_least, "
                      "benefit_days_at_least, subsidy_days_at_least, benefit_in, age_under, age_at_least, "
                      "combined with `all:` / `any:`"),
      flag_field<D>("entry.stock_at_start", &D::stock_at_start,
                    "the target group's unemployed join in the design's first week"),
      flag_field<D>("entry.inflow", &D::inflow, "persons who come to meet the target later join"),
      custom_field<D>("on_transfer", "keep, reassess, restart", "keep",
                      "what a person keeps on joining or leaving the design (assessment, coach, queue place)"),
      custom_field<D>("priority", "longest_spell_first, most_barriers_first, closest_to_labour_market_first, first_referred_first",
                      "longest_spell_first", "who takes scarce places first (ties: longest wait, then index)"),
      custom_field<D>("referral_by_spell", "list of 7 multipliers", "[1, 1, 1, 1, 1, 1, 1]",
                      "on every placed service's referral rate, by the client's spell bracket (weeks 0, 4, 13, 26, 52, 78, 104)"),
      number_field<D>("supplement_eur_per_day", &D::supplement_eur_per_day, kEurosPerDay,
                      "expense supplement paid during services (Kela)"),
      custom_field<D>("services", "mapping of services", "(none)",
                      "the design's services: see the blocks below"),
      custom_field<D>("staff", "mapping", "(not stated)",
                      "the design's staff: coaching capacity follows from them (block `staff` below)"),
      custom_field<D>("budget", "mapping", "(not stated)",
                      "the design's service budget: placed services' places follow from it (block `budget` below)"),
      custom_field<D>("municipality_response", "mapping", "(off)",
                      "the municipality adds rehabilitative-work places when its co-payment bill rises "
                      "(block `municipality_response` below)"),
      custom_field<D>("inherit", "design file or mapping", "(none)",
                      "a parent design; keys given here win, `target` and `sector_shares` are replaced whole"),
  };
  return as_span(fields);
}

namespace {
constexpr Bounds kStaffPersons{0, 1'000'000, false, false, "persons (full-time)"};
constexpr Bounds kEurosPerYear{0, 1e12, false, false, "euros per year"};
constexpr Bounds kEurosPerUnemployedWeek{0, 10'000, true, false, "euros per unemployed person per week"};
}  // namespace

std::span<const Field<StaffSpec>> staff_fields() {
  using S = StaffSpec;
  static const std::vector<Field<S>> fields{
      number_field<S>("coaches", &S::coaches, kStaffPersons,
                      "(required) coaches over the design's area, shared among its municipalities by working-age "
                      "persons; places are coaches x `services.coach.caseload` (`coaches_per_10000_persons` is "
                      "then not used)"),
      number_field<S>("moved_from_te_office", &S::moved_from_te_office, kStaffPersons,
                      "of the coaches, moved from the TE office: while the design is in force the TE office's "
                      "coaching places in the area fall by these x its own caseload, and its payer goes on paying "
                      "them; at most `coaches`; not on a baseline design"),
  };
  return as_span(fields);
}

std::span<const Field<BudgetSpec>> budget_fields() {
  using S = BudgetSpec;
  static const std::vector<Field<S>> fields{
      number_field<S>("services_eur_per_year", &S::services_eur_per_year, kEurosPerYear,
                      "(required) buys place-weeks of the enabled placed services with a cost (52 weeks a year), "
                      "in the proportions of their `places_per_10000_persons`, over the design's area"),
  };
  return as_span(fields);
}

std::span<const Field<MunicipalityResponseSpec>> municipality_response_fields() {
  using S = MunicipalityResponseSpec;
  static const std::vector<Field<S>> fields{
      flag_field<S>("enabled", &S::enabled, "the rule is on (off unless stated)"),
      whole_field<S>("window_weeks", &S::window_weeks, 1, 52, "weeks",
                     "weeks of co-payment bill the municipality looks at"),
      whole_field<S>("lag_weeks", &S::lag_weeks, 0, 52, "weeks",
                     "weeks between the end of that window and the places' change"),
      number_field<S>("threshold_eur_per_unemployed_week", &S::threshold_eur_per_unemployed_week,
                      kEurosPerUnemployedWeek,
                      "the bill over the window divided by the unemployed person-weeks over it, above which "
                      "places are added"),
      number_field<S>("elasticity", &S::elasticity, kMultiplier,
                      "rehabilitative-work places rise by elasticity x (bill / threshold - 1) of their number"),
      number_field<S>("max_increase", &S::max_increase, kMultiplier,
                      "at most this share of the places is added"),
  };
  return as_span(fields);
}

std::string keys_markdown() {
  std::string text =
      "# Keys of a design file\n\n"
      "Generated from the field tables in `engine/scenario/design_fields.cpp`: do not edit by hand.\n"
      "Regenerate with `cmake --build build --target kokeilu-keys && build/kokeilu-keys > docs/keys.md`\n"
      "(a test fails when this file is stale). A key left out takes its default; `group.key` is a key\n"
      "of a nested mapping (`exits: {to_training: 0.1}`). Any number may instead be an uncertain\n"
      "parameter (docs/uncertain-parameters.md).\n\n";
  append_block<DesignSpec>(text, "Design", "The top level of a design file.", design_fields());
  // The services in kServiceNames order, then the modules that are new services.
  const auto module_block = [&](std::string_view name) {
    const auto block = [&](auto module, auto) {
      using Module = typename decltype(module)::type;
      if (Module::kName != name) return;
      append_block<typename Module::Spec>(text, "services." + std::string(Module::kName), Module::kAbout,
                                          Module::fields());
    };
    services::for_each_module(block);
    services::for_each_status_module(block);
  };
  for (const auto name : kServiceNames) module_block(name);
  for (const auto name : services::kModuleNames)
    if (!code_of(kServiceNames, name)) module_block(name);
  append_block<StaffSpec>(text, "staff",
                          "Capacity from staff (docs/capacity.md): coaching places are the coaches times the "
                          "coach's caseload.",
                          staff_fields());
  append_block<BudgetSpec>(text, "budget",
                           "Capacity from a budget (docs/capacity.md): places are what the budget buys at each "
                           "service's cost per place-week.",
                           budget_fields());
  append_block<MunicipalityResponseSpec>(
      text, "municipality_response",
      "The municipality as an actor (docs/capacity.md): its rehabilitative-work places respond to its co-payment "
      "bill. Where a pilot is in force, its design's rule replaces the baseline's.",
      municipality_response_fields());
  return text;
}

}  // namespace kokeilu::scenario
