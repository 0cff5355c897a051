#pragma once
// What kind of input file a file is, told from its top-level keys: a scenario (one run), a
// comparison (arms), or a part that scenarios and comparisons include (design, region, behaviour,
// benefits). `kokeilu validate` checks any of them; `run` and `compare` say which command a file
// of another kind belongs to instead of failing on its first unexpected key.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "scenario/comparison_spec.hpp"
#include "scenario/design_spec.hpp"
#include "scenario/load.hpp"
#include "scenario/spec.hpp"
#include "scenario/yaml_reader.hpp"

namespace kokeilu::scenario {

enum class FileKind { scenario, comparison, design, region, behaviour, benefits, settings, overrides };

/// "scenario", "comparison", "design", ...
std::string_view kind_name(FileKind kind);

/// The kind of a document from its top-level keys, the first that tells in this order: a
/// comparison has `arms` or `pilot_period`; a scenario `run`; a region `markets` or
/// `municipalities`; benefits `regimes`; a behaviour `search_effort`, `separation` or the other
/// hazards; a design `services`, `target`, `organiser`, `entry`, `priority` or `inherit`.
/// Then two fragments that scenarios, comparisons and arms include: a settings overlay (every key
/// a key path such as `behaviour.search_effort.duration[0]`, see settings.hpp) and design
/// overrides (design keys without a `name`, e.g. a pilot's `area`).
/// nullopt when none of these keys is there (or the document is not a mapping).
std::optional<FileKind> kind_of(const yaml::Node& root);

/// A region file on its own.
struct RegionPart {
  std::string name;
  std::vector<MarketSpec> markets;
  std::vector<MunicipalitySpec> municipalities;
  std::optional<Date> population_date;
};

/// A settings overlay on its own: its key paths (their values are checked where it is included,
/// against the tree they change).
struct SettingsPart {
  std::vector<std::string> paths;
};

/// Design overrides on its own: the design keys it changes, and the pilot area it names if any
/// (checked against a region where it is included).
struct OverridesPart {
  std::vector<std::string> keys;
  std::vector<std::string> area;
};

/// Any input file, read and checked as fully as it can be on its own.
struct InputFile {
  FileKind kind;
  std::variant<ScenarioSpec, ComparisonSpec, DesignSpec, RegionPart, BehaviourSpec, BenefitSpec, SettingsPart,
               OverridesPart>
      spec;
};

/// Reads `file` (with everything it includes), tells its kind and checks every value.
/// @throws ConfigError (also when its kind cannot be told: the message names the keys that tell)
InputFile load_any(const std::filesystem::path& file);

/// @throws InputError naming the command that `file` belongs to when `root` (its tree) is not of
///   kind `expected`, e.g. "x.yaml is a comparison file (it has `arms`): use `kokeilu compare`".
///   Nothing when its kind cannot be told: the loader's own errors say more then.
void require_kind(const yaml::Node& root, const std::filesystem::path& file, FileKind expected);

/// The same for the input of a task command (`task`: "calibration", "sweep"), whose own files are
/// none of the kinds above: refused when `root` is one of them.
/// @throws InputError
void require_task_file(const yaml::Node& root, const std::filesystem::path& file, std::string_view task);

/// SourceTree::read(file) after require_kind: what `run` (scenario) and `compare` (comparison) read.
/// @throws ConfigError, InputError
SourceTree read_expecting(const std::filesystem::path& file, FileKind expected);

}  // namespace kokeilu::scenario
