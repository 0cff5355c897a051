#include "scenario/kind.hpp"

#include <algorithm>
#include <array>

#include "scenario/readers.hpp"

namespace kokeilu::scenario {

namespace {

struct KindKeys {
  FileKind kind;
  std::vector<std::string_view> keys;  // any one of them tells the kind
};

/// In the order they are tried: a comparison and a scenario include parts (`region`, `design`
/// ...) but the parts' own keys are never at their top level.
const std::array<KindKeys, 6>& kind_keys() {
  static const std::array<KindKeys, 6> table{{
      {FileKind::comparison, {"arms", "pilot_period"}},
      {FileKind::scenario, {"run"}},
      {FileKind::region, {"markets", "municipalities", "population_defaults"}},
      {FileKind::benefits, {"regimes", "basic_daily_amount"}},
      {FileKind::behaviour, {"search_effort", "separation", "employed_to_inactive", "unemployed_to_inactive",
                             "inactive_to_unemployed", "inactive_to_employed", "calibration"}},
      {FileKind::design, {"services", "target", "organiser", "entry", "priority", "inherit"}},
  }};
  return table;
}

/// A key path names a value inside a part (`behaviour.search_effort.duration[0]`): a top-level key
/// of a settings overlay always has a `.` or a `[`, a key of any other file never.
bool is_key_path(std::string_view key) { return key.find_first_of(".[") != std::string_view::npos; }

bool is_settings(const yaml::Node& root) {
  return !root.entries.empty() &&
         std::all_of(root.entries.begin(), root.entries.end(), [](const auto& e) { return is_key_path(e.key); });
}

/// Keys a design fragment may have without being a whole design (`name` makes it one).
constexpr std::array<std::string_view, 11> kOverrideKeys{"description", "organiser", "period", "area", "target", "entry",
                                                          "on_transfer", "priority", "supplement_eur_per_day", "services",
                                                          "referral_by_spell"};

bool is_overrides(const yaml::Node& root) {
  return !root.entries.empty() && !root.find("name") &&
         std::all_of(root.entries.begin(), root.entries.end(), [](const auto& e) {
           return std::find(kOverrideKeys.begin(), kOverrideKeys.end(), e.key) != kOverrideKeys.end();
         });
}

SettingsPart read_settings_part(const yaml::Node& root) {
  SettingsPart part;
  for (const auto& e : root.entries) {
    if (!e.value.is_scalar()) yaml::fail(e.value, "a setting gives one value (a number or a name)");
    part.paths.push_back(e.key);
  }
  return part;
}

OverridesPart read_overrides_part(const yaml::Node& root) {
  OverridesPart part;
  for (const auto& e : root.entries) part.keys.push_back(e.key);
  if (const yaml::Node* area = root.find("area")) {
    yaml::expect_sequence(*area, "a list of municipality names");
    if (area->items.empty()) yaml::fail(*area, "an area needs at least one municipality (leave `area` out for the whole region)");
    for (const auto& item : area->items) {
      auto name = yaml::as_string(item);
      if (std::find(part.area.begin(), part.area.end(), name) != part.area.end())
        yaml::fail(item, "municipality `" + name + "` is named twice in the area");
      part.area.push_back(std::move(name));
    }
  }
  return part;
}

/// The key of `root` that tells its kind, or "".
std::string_view telling_key(const yaml::Node& root, FileKind kind) {
  for (const auto& entry : kind_keys())
    if (entry.kind == kind)
      for (const auto key : entry.keys)
        if (root.find(key)) return key;
  return "";
}

std::string_view command_for(FileKind kind) {
  switch (kind) {
    case FileKind::scenario: return "run";
    case FileKind::comparison: return "compare";
    default: return "";
  }
}

[[noreturn]] void refuse_other_kind(const yaml::Node& root, const std::filesystem::path& file, FileKind kind,
                                    std::string_view expected) {
  std::string key(telling_key(root, kind));
  if (key.empty()) key = root.entries.front().key;  // a fragment: told by all its keys
  std::string message = file.string() + " is a " + std::string(kind_name(kind)) + " file (it has `" + key + "`), not a " +
                        std::string(expected) + " file: ";
  if (const auto command = command_for(kind); !command.empty())
    message += "use `kokeilu " + std::string(command) + " " + file.string() + "`";
  else
    message += "a scenario or a comparison includes it (`kokeilu validate " + file.string() + "` checks it alone)";
  throw InputError(message);
}

}  // namespace

std::string_view kind_name(FileKind kind) {
  switch (kind) {
    case FileKind::scenario: return "scenario";
    case FileKind::comparison: return "comparison";
    case FileKind::design: return "design";
    case FileKind::region: return "region";
    case FileKind::behaviour: return "behaviour";
    case FileKind::benefits: return "benefits";
    case FileKind::settings: return "settings";
    case FileKind::overrides: return "overrides";
  }
  return "unknown";
}

std::optional<FileKind> kind_of(const yaml::Node& root) {
  if (!root.is_mapping()) return std::nullopt;
  for (const auto& entry : kind_keys())
    if (!telling_key(root, entry.kind).empty()) return entry.kind;
  if (is_settings(root)) return FileKind::settings;
  if (is_overrides(root)) return FileKind::overrides;
  return std::nullopt;
}

InputFile load_any(const std::filesystem::path& file) {
  const SourceTree tree = SourceTree::read(file);
  const yaml::Node& root = tree.root();
  const auto kind = kind_of(root);
  if (!kind)
    yaml::fail(root,
               "cannot tell what kind of file this is: a comparison has `arms`, a scenario `run`, a region "
               "`markets`, benefits `regimes`, a behaviour `search_effort`, a design `services` or `target`, a "
               "settings overlay key paths, design overrides `area`");
  switch (*kind) {
    case FileKind::scenario: return {*kind, tree.scenario()};
    case FileKind::comparison: return {*kind, tree.comparison()};
    case FileKind::design: return {*kind, detail::read_design(detail::resolve_inheritance(root))};
    case FileKind::region: {
      RegionPart region;
      if (const yaml::Node* name = root.find("name"); name && name->is_scalar()) region.name = name->scalar;
      detail::read_region(root, region.markets, region.municipalities, region.population_date);
      return {*kind, std::move(region)};
    }
    case FileKind::behaviour: return {*kind, detail::read_behaviour(root)};
    case FileKind::benefits: return {*kind, detail::read_benefits(root)};
    case FileKind::settings: return {*kind, read_settings_part(root)};
    case FileKind::overrides: return {*kind, read_overrides_part(root)};
  }
  throw std::logic_error("load_any: a kind without a reader");
}

void require_kind(const yaml::Node& root, const std::filesystem::path& file, FileKind expected) {
  if (const auto kind = kind_of(root); kind && *kind != expected) refuse_other_kind(root, file, *kind, kind_name(expected));
}

void require_task_file(const yaml::Node& root, const std::filesystem::path& file, std::string_view task) {
  if (const auto kind = kind_of(root)) refuse_other_kind(root, file, *kind, task);
}

SourceTree read_expecting(const std::filesystem::path& file, FileKind expected) {
  SourceTree tree = SourceTree::read(file);
  require_kind(tree.root(), file, expected);
  return tree;
}

}  // namespace kokeilu::scenario
