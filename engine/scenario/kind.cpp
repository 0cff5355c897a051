#include "scenario/kind.hpp"

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

}  // namespace

std::string_view kind_name(FileKind kind) {
  switch (kind) {
    case FileKind::scenario: return "scenario";
    case FileKind::comparison: return "comparison";
    case FileKind::design: return "design";
    case FileKind::region: return "region";
    case FileKind::behaviour: return "behaviour";
    case FileKind::benefits: return "benefits";
  }
  return "unknown";
}

std::optional<FileKind> kind_of(const yaml::Node& root) {
  if (!root.is_mapping()) return std::nullopt;
  for (const auto& entry : kind_keys())
    if (!telling_key(root, entry.kind).empty()) return entry.kind;
  return std::nullopt;
}

InputFile load_any(const std::filesystem::path& file) {
  const SourceTree tree = SourceTree::read(file);
  const yaml::Node& root = tree.root();
  const auto kind = kind_of(root);
  if (!kind)
    yaml::fail(root,
               "cannot tell what kind of file this is: a comparison has `arms`, a scenario `run`, a region "
               "`markets`, benefits `regimes`, a behaviour `search_effort`, a design `services` or `target`");
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
  }
  throw std::logic_error("load_any: a kind without a reader");
}

void require_kind(const yaml::Node& root, const std::filesystem::path& file, FileKind expected) {
  const auto kind = kind_of(root);
  if (!kind || *kind == expected) return;
  const std::string key(telling_key(root, *kind));
  std::string message = file.string() + " is a " + std::string(kind_name(*kind)) + " file (it has `" + key + "`), not a " +
                        std::string(kind_name(expected)) + " file: ";
  if (const auto command = command_for(*kind); !command.empty())
    message += "use `kokeilu " + std::string(command) + " " + file.string() + "`";
  else
    message += "a scenario or a comparison includes it (`kokeilu validate " + file.string() + "` checks it alone)";
  throw InputError(message);
}

SourceTree read_expecting(const std::filesystem::path& file, FileKind expected) {
  SourceTree tree = SourceTree::read(file);
  require_kind(tree.root(), file, expected);
  return tree;
}

}  // namespace kokeilu::scenario
