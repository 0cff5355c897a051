#pragma once
// The YAML edge of the loader. yaml-cpp's tree is copied once into `yaml::Node`, a plain tree in
// which every value remembers its file, line, column and key path. That survives what yaml-cpp
// cannot track: includes (a value from another file), `inherit` and overrides (a mapping merged
// from several files). Every look-up and conversion below throws ConfigError, never a
// YAML::Exception; yaml-cpp's 0-based marks become 1-based here.
#include <array>
#include <cstdint>
#include <filesystem>
#include <initializer_list>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/calendar.hpp"
#include "core/errors.hpp"
#include "core/vocabulary.hpp"

namespace kokeilu::scenario::yaml {

struct Node {
  enum class Kind { null, scalar, sequence, mapping };
  struct Entry;

  Kind kind = Kind::null;
  std::string scalar;         // Kind::scalar
  std::vector<Node> items;    // Kind::sequence
  std::vector<Entry> entries; // Kind::mapping, in file order; keys unique
  SourceLocation where;       // of the value
  std::string path;           // key path from the document root: region.markets[0].name
  std::string included_file;  // set on the root of an included file: the file's path

  bool is_mapping() const { return kind == Kind::mapping; }
  bool is_sequence() const { return kind == Kind::sequence; }
  bool is_scalar() const { return kind == Kind::scalar; }
  /// The value under `key`, or nullptr.
  const Node* find(std::string_view key) const;
  Node* find(std::string_view key);
};

struct Node::Entry {
  std::string key;
  SourceLocation key_where;
  Node value;
};

/// Limits of one load (a file and everything it includes), so that no input can exhaust memory,
/// the stack or the clock (docs/scenario-limits.md).
inline constexpr std::uintmax_t kMaxFileBytes = 16u << 20;  // per file, checked before reading
inline constexpr std::size_t kMaxValues = 1'000'000;         // values after aliases are expanded
inline constexpr int kMaxDepth = 64;                         // nesting of lists and mappings

/// Reads `file` into a tree whose paths start at `path_prefix`. A mapping value that is a plain
/// string ending in `.yaml` (except under `name` and `description`) is replaced by that file's
/// tree, read relative to the including file; includes nest, and a cycle is an error naming
/// the chain.
/// Only regular files are read; a file holds one YAML document and no tags; an alias may not
/// contain itself. Loading takes time linear in the size of the expanded tree.
/// @throws ConfigError for a missing/unreadable file, a YAML syntax error, a duplicate key,
///         a non-scalar key, an include cycle or any of the above (each naming file, line and
///         column), or a file or tree beyond the limits above.
Node load_file(const std::filesystem::path& file, const std::string& path_prefix = "");

/// `over` merged onto `base`: mappings merge key by key (a key of `over` wins), anything else in
/// `over` replaces `base`. Keys in `replace_whole` are never merged below (e.g. a target tree,
/// shares that must sum to 1). The merged mapping keeps `over`'s location, or `base`'s when
/// `keep_base_location` (an override should not move where the design is said to be).
Node merge(const Node& base, const Node& over, std::span<const std::string_view> replace_whole = {},
           bool keep_base_location = false);

/// The tree as YAML text (comments are not kept; sequences of scalars in flow style).
std::string to_yaml_text(const Node& node);

// ---- Checked reading --------------------------------------------------------------------------

[[noreturn]] void fail(const Node& at, const std::string& message);
[[noreturn]] void fail(const SourceLocation& where, const std::string& path, const std::string& message);

/// `path` + `.key`, or `key` at the root.
std::string child_path(const std::string& path, std::string_view key);

void expect_mapping(const Node& node, std::string_view what = "a mapping of keys");
void expect_sequence(const Node& node, std::string_view what = "a list");

/// Rejects keys outside `allowed`; the error names the key and the allowed keys.
void check_keys(const Node& mapping, std::initializer_list<std::string_view> allowed);
void check_keys(const Node& mapping, std::span<const std::string_view> allowed);

/// The value under `key` of a mapping; a missing key is an error at the mapping's location.
const Node& require(const Node& mapping, std::string_view key);
/// The value under `key`, or nullptr when absent (an error if `mapping` is not a mapping).
const Node* optional(const Node& mapping, std::string_view key);

/// Closed or open bounds of a number, with a phrase for the error message.
struct Bounds {
  double min = -std::numeric_limits<double>::infinity();
  double max = std::numeric_limits<double>::infinity();
  bool min_open = false;
  bool max_open = false;
  std::string_view meaning;  // "a probability", "a count", ...
};
inline constexpr Bounds kAnyNumber{};
inline constexpr Bounds kProbability{0, 1, false, false, "a probability or share"};
inline constexpr Bounds kNonNegative{0, std::numeric_limits<double>::infinity(), false, false,
                                     "it cannot be negative"};
inline constexpr Bounds kPositive{0, std::numeric_limits<double>::infinity(), true, false,
                                  "it must be positive"};

// Upper bounds fit for each unit (the table in docs/scenario-limits.md). Beyond them a value is a
// typo, and within them every sum the engine keeps stays exact: euros are summed in 64-bit cents
// over at most kMaxTotalPersons persons and kMaxRunYears years.
inline constexpr Bounds kEurosPerDay{0, 10'000, false, false, "euros per day"};
inline constexpr Bounds kEurosPerWeek{0, 100'000, false, false, "euros per week"};
inline constexpr Bounds kEurosPerMonth{0, 500'000, false, false, "euros per month"};
inline constexpr Bounds kEurosOnce{0, 100'000, false, false, "euros"};
inline constexpr Bounds kPlacesPer10000{0, 10'000, false, false, "places per 10 000 persons"};
inline constexpr Bounds kRatePerWeek{0, 100, false, false, "a rate per week"};
inline constexpr Bounds kMultiplier{0, 100, false, false, "a multiplier"};
inline constexpr Bounds kCoefficient{-50, 50, false, false, "a coefficient on the log scale"};
inline constexpr Bounds kVacancies{0, 10'000'000, false, false, "open jobs"};
inline constexpr Bounds kWeeksPositive{0, 5'200, true, false, "weeks"};
inline constexpr int kMaxWeeks = 5'200;             // a duration or spell in weeks: 100 years
inline constexpr int kMaxDays = 10'000;             // benefit days
inline constexpr int kMaxCaseload = 10'000;         // persons per coach
inline constexpr std::int64_t kMaxPersons = 10'000'000;  // working-age persons in a municipality
inline constexpr std::int64_t kMaxTotalPersons = 50'000'000;  // ... in a region
// Municipalities, and markets, in a region: what MunicipalityIndex holds (65,535 in 16 bits).
inline constexpr int kMaxMunicipalities = std::numeric_limits<MunicipalityIndex>::max();
inline constexpr int kMaxRunYears = 50;             // from run.start to the end of the run
inline constexpr int kMaxFollowUpWeeks = 520;
inline constexpr int kMaxReplications = 10'000;
inline constexpr int kFirstYear = 1900;             // dates are within kFirstYear..kLastYear
inline constexpr int kLastYear = 2200;

std::string as_string(const Node& node);
double as_double(const Node& node, const Bounds& bounds = kAnyNumber);
/// A whole number within [min, max].
std::int64_t as_integer(const Node& node, std::int64_t min, std::int64_t max);
int as_int(const Node& node, int min = 0, int max = std::numeric_limits<int>::max());
std::uint64_t as_uint64(const Node& node);
bool as_bool(const Node& node);
/// YYYY-MM-DD, a real calendar date in the years kFirstYear..kLastYear.
Date as_date(const Node& node);
/// The index of the node's name in `names`; the error lists the names.
int as_name(const Node& node, std::span<const std::string_view> names, std::string_view what);
template <std::size_t N>
int as_name(const Node& node, const std::array<std::string_view, N>& names, std::string_view what) {
  return as_name(node, std::span<const std::string_view>(names), what);
}

/// Sets `out` from an optional key; absent keeps the default.
void read_optional(const Node& mapping, std::string_view key, double& out, const Bounds& bounds);
void read_optional(const Node& mapping, std::string_view key, int& out, int min = 0,
                   int max = std::numeric_limits<int>::max());
void read_optional(const Node& mapping, std::string_view key, bool& out);

/// Checks that shares sum to 1 within kShareSumTolerance; the error names the sum.
inline constexpr double kShareSumTolerance = 1e-6;
void check_sum_is_one(const Node& at, double sum, std::string_view what);

/// "a, b or c" for messages.
std::string join_names(std::span<const std::string_view> names);

}  // namespace kokeilu::scenario::yaml
