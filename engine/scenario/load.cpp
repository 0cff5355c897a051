// The three entry points: a scenario, a design on its own, a comparison of arms. Each reads its
// file with every include inlined (yaml_reader), then hands the parts to their readers.
#include "scenario/load.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>

#include "scenario/readers.hpp"
#include "scenario/yaml_reader.hpp"

namespace kokeilu::scenario {

namespace {

using namespace yaml;
namespace fs = std::filesystem;

/// Nothing but ConfigError leaves the loader: anything else is turned into one naming the file.
template <typename F>
auto guarded(const fs::path& file, F&& read) {
  try {
    return read();
  } catch (const ConfigError&) {
    throw;
  } catch (const YAML::Exception& e) {
    throw ConfigError({file.string(), e.mark.is_null() ? 0 : e.mark.line + 1, e.mark.is_null() ? 0 : e.mark.column + 1},
                      "", e.msg);
  } catch (const fs::filesystem_error& e) {
    throw ConfigError({file.string(), 0, 0}, "", e.what());
  }
}

/// A part given inline or as a file name: either way a mapping once includes are inlined.
const Node& require_part(const Node& doc, std::string_view key) {
  const Node& part = require(doc, key);
  expect_mapping(part, "a mapping of keys, or a file name ending in .yaml");
  return part;
}

DesignSpec no_services_design() {
  DesignSpec design;
  design.name = "no-services";
  design.description = "no baseline_design given: no services, everyone a client";
  return design;
}

/// The baseline design is in force for the whole run: it has no period of its own.
DesignSpec read_baseline_design(const Node& doc) {
  const Node* node = doc.find("baseline_design");
  if (!node) return no_services_design();
  if (const Node* period = node->find("period"))
    fail(*period, "the baseline design is in force for the whole run: it takes no `period`");
  if (const Node* area = node->find("area"))
    fail(*area, "the baseline design serves the whole region: it takes no `area` (a pilot's design does)");
  if (const Node* staff = node->find("staff"); staff && staff->is_mapping())
    if (const Node* moved = staff->find("moved_from_te_office"))
      fail(*moved, "the baseline design is the TE office: it hands no staff over (a pilot's design does)");
  return detail::read_design(*node);
}

/// The first benefit rules and amounts must be in force on the first day simulated.
void check_benefits_cover(const Node& doc, const BenefitSpec& benefits, Date start) {
  const Node& node = require(doc, "benefits");
  if (benefits.regimes.front().from > start)
    fail(require(require(node, "regimes").items.front(), "from"),
         "the first regime starts after the run's history starts (" + format_date(start) +
             "): no rules would be in force");
  if (benefits.basic_daily_amount.front().from > start)
    fail(require(require(node, "basic_daily_amount").items.front(), "from"),
         "the first amount starts after the run's history starts (" + format_date(start) +
             "): no amount would be in force");
}

/// A whole number of weeks before `start`, at or before `date`.
Date weeks_before(Date start, Date date) {
  const auto days = (std::chrono::sys_days{start} - std::chrono::sys_days{date}).count();
  const auto weeks = (days + 6) / 7;
  return Date{std::chrono::sys_days{start} - std::chrono::days{7 * weeks}};
}

/// The history start: `run.history_start` if given, else kDefaultHistoryWeeks before the
/// region's population date (or before the start when the region states none, or states a
/// later date); always a whole number of weeks before the start.
void read_history_start(const Node& run, RunSpec& spec, const std::optional<Date>& population_date) {
  if (const Node* given = run.find("history_start")) {
    const Date date = as_date(*given);
    if (date > spec.start)
      fail(*given, "the history starts (" + format_date(date) + ") after the reported period (run.start " +
                       format_date(spec.start) + "): it must come before it");
    spec.history_start = weeks_before(spec.start, date);
    return;
  }
  const Date anchor = population_date && *population_date < spec.start ? *population_date : spec.start;
  spec.history_start =
      weeks_before(spec.start, Date{std::chrono::sys_days{anchor} - std::chrono::days{7 * kDefaultHistoryWeeks}});
}

/// Region, behaviour, benefits and the baseline design: what every arm of a comparison shares.
void read_shared_parts(const Node& doc, ScenarioSpec& spec) {
  detail::read_region(require_part(doc, "region"), spec.markets, spec.municipalities, spec.population_date);
  read_history_start(require(doc, "run"), spec.run, spec.population_date);
  detail::check_entrant_years(require_part(doc, "region"), spec.municipalities,
                              static_cast<int>(spec.run.history_start.year()) + 1, static_cast<int>(spec.run.end.year()));
  spec.behaviour = detail::read_behaviour(require_part(doc, "behaviour"));
  spec.benefits = detail::read_benefits(require_part(doc, "benefits"));
  check_benefits_cover(doc, spec.benefits, spec.run.history_start);
  spec.baseline_design = read_baseline_design(doc);
}

/// A run longer than kMaxRunYears would take hours: it can only be a mistake.
void check_run_length(const Node& at, Date start, Date end) {
  const auto days = (std::chrono::sys_days{end} - std::chrono::sys_days{start}).count();
  if (days > kMaxRunYears * 365 + kMaxRunYears / 4)
    fail(at, "the run would last " + std::to_string(days / 365) + " years (" + format_date(start) + " to " +
                 format_date(end) + "): at most " + std::to_string(kMaxRunYears) + " years");
}

/// Length of the UTF-8 sequence starting at text[i], or 0 if it is not valid UTF-8 (overlong
/// forms, surrogates and code points above U+10FFFF are invalid).
std::size_t utf8_sequence_length(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  if (lead < 0x80) return 1;
  std::size_t length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 0;
  if (length == 0 || lead > 0xF4 || lead == 0xC0 || lead == 0xC1 || i + length > text.size()) return 0;
  for (std::size_t k = 1; k < length; ++k)
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
  if (lead == 0xE0 && byte(i + 1) < 0xA0) return 0;  // overlong
  if (lead == 0xED && byte(i + 1) >= 0xA0) return 0;  // surrogate
  if (lead == 0xF0 && byte(i + 1) < 0x90) return 0;  // overlong
  if (lead == 0xF4 && byte(i + 1) >= 0x90) return 0;  // above U+10FFFF
  return length;
}

/// An arm's name becomes an HDF5 group under /arms and a label in the report: it must be one
/// plain path component of readable text.
constexpr std::size_t kMaxArmNameBytes = 64;
void check_arm_name(const Node& at, const std::string& name) {
  if (name.empty()) fail(at, "an arm's name cannot be empty");
  if (name.size() > kMaxArmNameBytes)
    fail(at, "an arm's name has at most " + std::to_string(kMaxArmNameBytes) + " bytes (this one has " +
                 std::to_string(name.size()) + ")");
  for (std::size_t i = 0; i < name.size();) {
    const std::size_t length = utf8_sequence_length(name, i);
    if (length == 0) fail(at, "an arm's name must be UTF-8 text (byte " + std::to_string(i + 1) + " is not)");
    const auto c = static_cast<unsigned char>(name[i]);
    if (length == 1 && (c < 0x20 || c == 0x7F)) fail(at, "an arm's name cannot contain control characters");
    if (c == '/') fail(at, "an arm's name cannot contain `/` (it names a group in the output file)");
    i += length;
  }
  if (name == "." || name == "..") fail(at, "an arm's name cannot be `" + name + "`");
  if (name.front() == ' ' || name.back() == ' ') fail(at, "an arm's name cannot start or end with a space");
}

void read_seed_and_start(const Node& run, RunSpec& spec) {
  spec.seed = as_uint64(require(run, "seed"));
  spec.start = as_date(require(run, "start"));
}

/// Replaces a design's tree by its resolved form: its `inherit` chain applied.
void resolve_design_at(Node& doc, std::string_view key) {
  if (Node* node = doc.find(key)) *node = detail::resolve_inheritance(*node);
}

/// An arm's design resolved and its `overrides` merged in, so that the tree shows the design as
/// run (and settings can name any of its values).
void resolve_arm(Node& arm) {
  expect_mapping(arm, "an arm: {name, design, overrides}");
  for (const auto& e : arm.entries)
    if (e.key == "region" || e.key == "behaviour" || e.key == "benefits" || e.key == "run" || e.key == "population")
      fail(e.key_where, e.value.path,
           "arms share one population and labour market: put `" + std::string(e.key == "population" ? "region" : e.key) +
               "` at the top of the comparison");
  check_keys(arm, {"name", "design", "overrides"});
  Node* design = arm.find("design");
  const Node* overrides = arm.find("overrides");
  if (!design) {
    if (overrides) fail(*overrides, "`overrides` change an arm's design: this arm has no `design`");
    return;
  }
  Node resolved = detail::resolve_inheritance(*design);
  if (overrides) {
    expect_mapping(*overrides, "a mapping of design keys to change");
    // The design keeps its own location; the overridden values keep theirs (in this file),
    // so an override the design does not know is reported inside `overrides`.
    resolved = merge(resolved, *overrides, detail::kDesignReplaceWhole, true);
  }
  *design = std::move(resolved);
  std::erase_if(arm.entries, [](const Node::Entry& e) { return e.key == "overrides"; });
}

/// Every design of the tree resolved: the baseline design, a scenario's pilot design, each arm's.
void resolve_designs(Node& doc) {
  resolve_design_at(doc, "baseline_design");
  resolve_design_at(doc, "design");
  if (Node* arms = doc.find("arms"); arms && arms->is_sequence())
    for (Node& arm : arms->items) resolve_arm(arm);
}

/// The file's own `settings:` (a mapping of key path -> value, inline or an included file such
/// as a calibration's fitted overlay) applied to the resolved tree, then removed: what is read
/// and written as resolved_text is the tree with the values set. Each value keeps its location,
/// so a value out of range is reported in the overlay that set it.
void apply_own_settings(Node& doc) {
  const Node* node = doc.find("settings");
  if (!node) return;
  expect_mapping(*node, "a mapping of key paths to values, or a file name ending in .yaml");
  std::vector<Setting> settings;
  for (const auto& e : node->entries) {
    if (!e.value.is_scalar()) fail(e.value, "a setting is one value (a number or a name)");
    settings.push_back({e.key, e.value.scalar, e.value.where});
  }
  std::erase_if(doc.entries, [](const Node::Entry& e) { return e.key == "settings"; });
  apply_settings(doc, settings);
}

ScenarioSpec read_scenario(const Node& doc, const fs::path& file) {
  check_keys(doc, {"name", "description", "run", "region", "behaviour", "benefits", "baseline_design", "design"});
  ScenarioSpec spec;
  spec.name = as_string(require(doc, "name"));
  if (const Node* v = optional(doc, "description")) spec.description = as_string(*v);
  spec.source_file = file.string();

  const Node& run = require(doc, "run");
  check_keys(run, {"seed", "start", "end", "history_start"});
  read_seed_and_start(run, spec.run);
  const Node& end = require(run, "end");
  spec.run.end = as_date(end);
  if (spec.run.end < spec.run.start)
    fail(end, "the run ends (" + format_date(spec.run.end) + ") before it starts (" + format_date(spec.run.start) + ")");
  check_run_length(end, spec.run.start, spec.run.end);

  read_shared_parts(doc, spec);
  if (const Node* design = doc.find("design")) spec.pilot_design = detail::read_design(*design, spec.municipalities);
  spec.resolved_text = to_yaml_text(doc);
  return spec;
}

ComparisonSpec read_comparison(const Node& doc, const fs::path& file) {
  check_keys(doc, {"name", "description", "region", "behaviour", "benefits", "baseline_design", "run",
                   "pilot_period", "follow_up_weeks", "replications", "arms"});
  ComparisonSpec comparison;
  comparison.name = as_string(require(doc, "name"));
  if (const Node* v = optional(doc, "description")) comparison.description = as_string(*v);
  comparison.source_file = file.string();

  ScenarioSpec& base = comparison.base;
  const Node& run = require(doc, "run");
  check_keys(run, {"seed", "start", "end", "history_start"});
  if (const Node* end = run.find("end"))
    fail(*end, "a comparison's run ends follow_up_weeks after pilot_period.end: remove `end`");
  read_seed_and_start(run, base.run);

  const Node& period = require(doc, "pilot_period");
  check_keys(period, {"start", "end"});
  const Node& pilot_start = require(period, "start");
  const Node& pilot_end = require(period, "end");
  comparison.pilot_start = as_date(pilot_start);
  comparison.pilot_end = as_date(pilot_end);
  if (comparison.pilot_end < comparison.pilot_start)
    fail(pilot_end, "the pilot period ends (" + format_date(comparison.pilot_end) + ") before it starts (" +
                        format_date(comparison.pilot_start) + ")");
  if (comparison.pilot_start < base.run.start)
    fail(pilot_start, "the pilot period starts (" + format_date(comparison.pilot_start) +
                          ") before the run (run.start " + format_date(base.run.start) + ")");
  read_optional(doc, "follow_up_weeks", comparison.follow_up_weeks, 0, kMaxFollowUpWeeks);
  read_optional(doc, "replications", comparison.replications, 1, kMaxReplications);
  base.run.end = Date{std::chrono::sys_days{comparison.pilot_end} + std::chrono::days{7 * comparison.follow_up_weeks}};
  check_run_length(pilot_end, base.run.start, base.run.end);

  base.name = comparison.name;
  base.description = comparison.description;
  base.source_file = comparison.source_file;
  read_shared_parts(doc, base);

  const Node& arms = require(doc, "arms");
  expect_sequence(arms, "a list of arms");
  if (arms.items.empty()) fail(arms, "needs at least one arm");
  std::optional<std::size_t> baseline_arm;
  for (std::size_t i = 0; i < arms.items.size(); ++i) {
    const Node& arm = arms.items[i];
    ArmSpec spec;
    const Node& name = require(arm, "name");
    spec.name = as_string(name);
    check_arm_name(name, spec.name);
    for (std::size_t j = 0; j < i; ++j)
      if (comparison.arms[j].name == spec.name) fail(name, "duplicate arm name `" + spec.name + "`");

    const Node* design = arm.find("design");
    if (!design) {
      if (baseline_arm)
        fail(arm, "two arms without a design (arms[" + std::to_string(*baseline_arm) + "] and arms[" +
                      std::to_string(i) + "]): exactly one arm is the baseline");
      baseline_arm = i;
      comparison.arms.push_back(std::move(spec));
      continue;
    }
    spec.design_file = design->included_file;
    DesignSpec pilot = detail::read_design(*design, base.municipalities);
    pilot.start = comparison.pilot_start;
    pilot.end = comparison.pilot_end;
    spec.pilot_design = std::move(pilot);
    comparison.arms.push_back(std::move(spec));
  }
  if (!baseline_arm)
    fail(arms, "no arm without a design: exactly one arm is the baseline (the baseline design throughout)");
  std::rotate(comparison.arms.begin(), comparison.arms.begin() + static_cast<std::ptrdiff_t>(*baseline_arm),
              comparison.arms.begin() + static_cast<std::ptrdiff_t>(*baseline_arm) + 1);

  comparison.resolved_text = to_yaml_text(doc);
  base.resolved_text = comparison.resolved_text;
  return comparison;
}

}  // namespace

SourceTree SourceTree::read(const fs::path& file) {
  return guarded(file, [&] {
    Node doc = load_file(file);
    resolve_designs(doc);
    apply_own_settings(doc);
    auto parameters = std::make_shared<const std::vector<UncertainParameter>>(take_uncertain(doc));
    return SourceTree(file, std::make_shared<const Node>(std::move(doc)), std::move(parameters));
  });
}

const yaml::Node& SourceTree::root() const { return *root_; }

ScenarioSpec SourceTree::scenario(std::span<const Setting> settings) const {
  return guarded(file_, [&] {
    if (settings.empty()) return read_scenario(*root_, file_);
    Node doc = *root_;
    apply_settings(doc, settings);
    return read_scenario(doc, file_);
  });
}

ComparisonSpec SourceTree::comparison(std::span<const Setting> settings) const {
  return guarded(file_, [&] {
    if (settings.empty()) return read_comparison(*root_, file_);
    Node doc = *root_;
    apply_settings(doc, settings);
    return read_comparison(doc, file_);
  });
}

namespace {

/// The parts of a comparison whose values act in the history (the weeks before the arms branch).
constexpr std::string_view kHistoryParts[] = {"region.", "behaviour.", "benefits.", "baseline_design."};

/// Whether `p` acts in the history. Throws where it can be drawn neither in a design nor in the
/// history: an arm's target or period (its groups are fixed at the branch), or the comparison's
/// shape (run, pilot period, follow-up, replications).
bool acts_in_history(const UncertainParameter& p) {
  bool history = false;
  for (const auto& path : p.paths) {
    const auto design = path.find("].design.");
    if (path.starts_with("arms[") && design != std::string::npos) {
      const auto rest = std::string_view(path).substr(design + 9);
      if (rest.starts_with("target.") || rest.starts_with("target[") || rest.starts_with("period."))
        throw ConfigError(p.where, path,
                          "an arm's target and period are the same in every replication (its groups are fixed "
                          "at the start): state this value as a number");
      continue;
    }
    const bool in_history =
        std::any_of(std::begin(kHistoryParts), std::end(kHistoryParts), [&](std::string_view part) {
          return path.starts_with(part) || path == part.substr(0, part.size() - 1);
        });
    if (!in_history)
      throw ConfigError(p.where, path,
                        "a comparison draws parameters in its arms' designs, the region, the behaviour, the "
                        "benefits and the baseline design, not in its run, pilot period, follow-up or "
                        "replications: state this value as a number, or run with --fixed-parameters");
    history = true;
  }
  return history;
}

/// A drawn history keeps the persons and municipalities of the comparison (its output has one
/// person and one municipality axis).
void check_same_persons(const ScenarioSpec& drawn, const ScenarioSpec& central, const UncertainParameter& first,
                        std::size_t replication) {
  bool same = drawn.municipalities.size() == central.municipalities.size() &&
              drawn.total_persons_ever() == central.total_persons_ever();
  for (std::size_t m = 0; same && m < drawn.municipalities.size(); ++m)
    same = drawn.municipalities[m].name == central.municipalities[m].name &&
           drawn.persons_ever(drawn.municipalities[m]) == central.persons_ever(central.municipalities[m]);
  if (!same)
    throw ConfigError(first.where, first.paths.front(),
                      "the parameters drawn for replication " + std::to_string(replication) +
                          " change the number of persons of a municipality (a comparison has one population "
                          "axis): state the persons and entrants as numbers");
}

}  // namespace

void draw_parameters(const SourceTree& tree, ComparisonSpec& spec) {
  spec.draws = {};
  const auto& parameters = tree.parameters();
  if (parameters.empty()) return;
  const UncertainParameter* first_in_history = nullptr;
  for (const auto& p : parameters)
    if (acts_in_history(p) && first_in_history == nullptr) first_in_history = &p;
  spec.draws.parameters = parameters;
  const auto replications = static_cast<std::size_t>(spec.replications);
  for (std::size_t r = 0; r < replications; ++r) {
    auto values = draw(parameters, spec.base.run.seed, static_cast<std::uint32_t>(r));
    const auto settings = settings_of(parameters, values);
    std::vector<std::optional<DesignSpec>> designs;
    try {
      auto drawn = tree.comparison(settings);
      for (auto& arm : drawn.arms) designs.push_back(std::move(arm.pilot_design));
      if (first_in_history != nullptr) {
        drawn.base.run = spec.base.run;  // the seed as overridden
        check_same_persons(drawn.base, spec.base, *first_in_history, r);
        spec.draws.bases.push_back(std::move(drawn.base));
      }
    } catch (const ConfigError& e) {
      if (e.message().find("drawn for replication") != std::string::npos) throw;
      throw ConfigError(e.where(), e.key_path(),
                        e.message() + " (the value drawn for replication " + std::to_string(r) +
                            "; narrow the distribution)");
    }
    spec.draws.values.push_back(std::move(values));
    spec.draws.pilot_designs.push_back(std::move(designs));
  }
}

ScenarioSpec load_scenario(const fs::path& file) { return SourceTree::read(file).scenario(); }

DesignSpec load_design(const fs::path& file) {
  return guarded(file, [&] {
    Node design = detail::resolve_inheritance(load_file(file));
    take_uncertain(design);  // read at the central values
    return detail::read_design(design);
  });
}

ComparisonSpec load_comparison(const fs::path& file) { return SourceTree::read(file).comparison(); }

}  // namespace kokeilu::scenario
