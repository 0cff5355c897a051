#include "scenario/yaml_reader.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <system_error>

namespace kokeilu::scenario::yaml {

namespace fs = std::filesystem;

const Node* Node::find(std::string_view key) const {
  for (const auto& e : entries)
    if (e.key == key) return &e.value;
  return nullptr;
}

Node* Node::find(std::string_view key) {
  for (auto& e : entries)
    if (e.key == key) return &e.value;
  return nullptr;
}

std::string child_path(const std::string& path, std::string_view key) {
  return path.empty() ? std::string(key) : path + "." + std::string(key);
}

void fail(const SourceLocation& where, const std::string& path, const std::string& message) {
  throw ConfigError(where, path, message);
}

void fail(const Node& at, const std::string& message) { fail(at.where, at.path, message); }

std::string join_names(std::span<const std::string_view> names) {
  std::string text;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) text += i + 1 == names.size() ? " or " : ", ";
    text += names[i];
  }
  return text;
}

// ---- Loading ------------------------------------------------------------------------------------

namespace {

SourceLocation location(const std::string& file, const YAML::Mark& mark) {
  if (mark.is_null() || mark.line < 0) return {file, 0, 0};
  return {file, mark.line + 1, mark.column + 1};
}

bool ends_with_yaml(const std::string& text) {
  return text.size() > 5 && text.compare(text.size() - 5, 5, ".yaml") == 0;
}

// Keys whose text is never an include, even if it ends in .yaml.
bool is_free_text_key(std::string_view key) { return key == "name" || key == "description"; }

class Loader {
 public:
  /// `included_at` is the location and path of the include value, or null for the top file.
  Node load(const fs::path& file, const std::string& prefix, const Node* included_at) {
    const std::string display = file.lexically_normal().string();
    std::error_code ec;
    const fs::path canonical = fs::weakly_canonical(file, ec);
    const fs::path identity = ec ? file.lexically_normal() : canonical;

    auto fail_here = [&](const std::string& message) -> void {
      if (included_at)
        fail(*included_at, "cannot include `" + included_at->scalar + "`: " + message);
      fail(SourceLocation{display, 0, 0}, "", message);
    };

    if (const auto cycle_start = std::find(chain_.begin(), chain_.end(), identity); cycle_start != chain_.end()) {
      std::string text;
      for (auto it = cycle_start; it != chain_.end(); ++it)
        text += display_chain_[static_cast<std::size_t>(it - chain_.begin())] + " -> ";
      fail_here("include cycle: " + text + display);
    }
    if (!fs::exists(file, ec)) fail_here("file not found: " + display);
    if (fs::is_directory(file, ec)) fail_here(display + " is a directory, not a YAML file");
    std::ifstream in(file, std::ios::binary);
    if (!in.is_open()) fail_here("cannot open " + display);
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad()) fail_here("cannot read " + display);

    YAML::Node root;
    try {
      root = YAML::Load(text.str());
    } catch (const YAML::Exception& e) {
      // Syntax errors carry a mark; yaml-cpp's what() repeats it 0-based, so use msg alone.
      fail(location(display, e.mark), "", "YAML syntax error: " + e.msg);
    }
    // An empty file has no line to point at: point at the include that names it, if any.
    if (root.IsNull()) fail_here("the file " + display + " is empty: expected a mapping of keys");
    if (!root.IsMap())
      fail(location(display, root.Mark()), prefix, "expected a mapping of keys at the top of the file");

    chain_.push_back(identity);
    display_chain_.push_back(display);
    Node tree = convert(root, display, file.parent_path(), prefix, SourceLocation{display, 1, 1});
    chain_.pop_back();
    display_chain_.pop_back();
    tree.included_file = display;
    return tree;
  }

 private:
  Node convert(const YAML::Node& y, const std::string& file, const fs::path& dir, const std::string& path,
               const SourceLocation& key_where, bool may_include = false) {
    Node node;
    node.path = path;
    // A null value has no useful mark of its own (yaml-cpp gives the next token's): use its key's.
    node.where = y.IsNull() ? key_where : location(file, y.Mark());
    if (node.where.line == 0) node.where = key_where;

    switch (y.Type()) {
      case YAML::NodeType::Undefined:
      case YAML::NodeType::Null:
        node.kind = Node::Kind::null;
        return node;
      case YAML::NodeType::Scalar:
        node.kind = Node::Kind::scalar;
        node.scalar = y.Scalar();
        // Only a plain (unquoted) string is an include: a quoted one is text.
        if (may_include && y.Tag() == "?" && ends_with_yaml(node.scalar)) {
          Node included = load(dir / node.scalar, path, &node);
          return included;
        }
        return node;
      case YAML::NodeType::Sequence: {
        node.kind = Node::Kind::sequence;
        std::size_t i = 0;
        for (const auto& item : y) {
          node.items.push_back(convert(item, file, dir, path + "[" + std::to_string(i) + "]", node.where));
          ++i;
        }
        return node;
      }
      case YAML::NodeType::Map:
        node.kind = Node::Kind::mapping;
        for (const auto& pair : y) {
          const SourceLocation where = location(file, pair.first.Mark());
          if (!pair.first.IsScalar())
            fail(where, path, "a key must be a plain name, not a list or mapping");
          const std::string key = pair.first.Scalar();
          // yaml-cpp keeps both entries of a repeated key and looks up the first: refuse it.
          for (const auto& earlier : node.entries)
            if (earlier.key == key)
              fail(where, child_path(path, key),
                   "duplicate key `" + key + "` (first given at line " + std::to_string(earlier.key_where.line) + ")");
          Node value = convert(pair.second, file, dir, child_path(path, key), where, !is_free_text_key(key));
          node.entries.push_back({key, where, std::move(value)});
        }
        return node;
    }
    return node;
  }

  std::vector<fs::path> chain_;            // files being read, outermost first
  std::vector<std::string> display_chain_;  // the same, as the user named them
};

}  // namespace

Node load_file(const fs::path& file, const std::string& path_prefix) {
  Loader loader;
  return loader.load(file, path_prefix, nullptr);
}

// ---- Merging and writing ------------------------------------------------------------------------

Node merge(const Node& base, const Node& over, std::span<const std::string_view> replace_whole,
           bool keep_base_location) {
  if (!base.is_mapping() || !over.is_mapping()) return over;
  Node out = keep_base_location ? base : over;
  out.entries = base.entries;
  for (const auto& e : over.entries) {
    auto existing = std::find_if(out.entries.begin(), out.entries.end(),
                                 [&](const Node::Entry& x) { return x.key == e.key; });
    if (existing == out.entries.end()) {
      out.entries.push_back(e);
      continue;
    }
    const bool whole = std::find(replace_whole.begin(), replace_whole.end(), e.key) != replace_whole.end();
    existing->value = whole ? e.value : merge(existing->value, e.value, replace_whole, keep_base_location);
    existing->key_where = e.key_where;
  }
  return out;
}

namespace {
// Short leaves read best on one line, as the scenario files write them: [8, 40],
// {from: 2012-09-01, count: 1000}, {ages: [15, 24], share: 0.16}.
bool all_scalars(const Node& node) {
  if (node.is_sequence())
    return std::all_of(node.items.begin(), node.items.end(), [](const Node& n) { return n.is_scalar(); });
  if (node.is_mapping())
    return node.entries.size() <= 4 && std::all_of(node.entries.begin(), node.entries.end(), [](const Node::Entry& e) {
             return e.value.is_scalar() || (e.value.is_sequence() && all_scalars(e.value));
           });
  return false;
}

void emit(YAML::Emitter& out, const Node& node) {
  switch (node.kind) {
    case Node::Kind::null:
      out << YAML::Null;
      break;
    case Node::Kind::scalar:
      out << node.scalar;
      break;
    case Node::Kind::sequence:
      if (all_scalars(node)) out << YAML::Flow;
      out << YAML::BeginSeq;
      for (const auto& item : node.items) emit(out, item);
      out << YAML::EndSeq;
      break;
    case Node::Kind::mapping:
      if (all_scalars(node)) out << YAML::Flow;
      out << YAML::BeginMap;
      for (const auto& e : node.entries) {
        out << YAML::Key << e.key << YAML::Value;
        emit(out, e.value);
      }
      out << YAML::EndMap;
      break;
  }
}
}  // namespace

std::string to_yaml_text(const Node& node) {
  YAML::Emitter out;
  emit(out, node);
  return std::string(out.c_str()) + "\n";
}

// ---- Checked reading ----------------------------------------------------------------------------

namespace {
std::string describe_kind(const Node& node) {
  switch (node.kind) {
    case Node::Kind::null: return "nothing";
    case Node::Kind::scalar: return "`" + node.scalar + "`";
    case Node::Kind::sequence: return "a list";
    case Node::Kind::mapping: return "a mapping";
  }
  return "?";
}

const Node& expect_scalar(const Node& node, std::string_view what) {
  if (!node.is_scalar()) fail(node, "expected " + std::string(what) + ", found " + describe_kind(node));
  return node;
}

std::string format_number(double value) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.9g", value);
  return buf;
}
}  // namespace

void expect_mapping(const Node& node, std::string_view what) {
  if (!node.is_mapping()) fail(node, "expected " + std::string(what) + ", found " + describe_kind(node));
}

void expect_sequence(const Node& node, std::string_view what) {
  if (!node.is_sequence()) fail(node, "expected " + std::string(what) + ", found " + describe_kind(node));
}

namespace {
// Edit distance, to suggest the key a typo was meant to be.
std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}
}  // namespace

void check_keys(const Node& mapping, std::span<const std::string_view> allowed) {
  expect_mapping(mapping);
  for (const auto& e : mapping.entries) {
    if (std::find(allowed.begin(), allowed.end(), e.key) != allowed.end()) continue;
    std::string message = "unknown key `" + e.key + "`";
    const auto nearest = std::min_element(allowed.begin(), allowed.end(), [&](std::string_view a, std::string_view b) {
      return edit_distance(e.key, a) < edit_distance(e.key, b);
    });
    if (nearest != allowed.end() && edit_distance(e.key, *nearest) <= 2)
      message += " (did you mean `" + std::string(*nearest) + "`?)";
    message += "; allowed keys: ";
    for (std::size_t i = 0; i < allowed.size(); ++i) message += (i ? ", " : "") + std::string(allowed[i]);
    fail(e.key_where, e.value.path, message);
  }
}

void check_keys(const Node& mapping, std::initializer_list<std::string_view> allowed) {
  check_keys(mapping, std::span<const std::string_view>(allowed.begin(), allowed.size()));
}

const Node& require(const Node& mapping, std::string_view key) {
  expect_mapping(mapping);
  if (const Node* value = mapping.find(key)) return *value;
  fail(mapping.where, child_path(mapping.path, key), "missing required key `" + std::string(key) + "`");
}

const Node* optional(const Node& mapping, std::string_view key) {
  expect_mapping(mapping);
  return mapping.find(key);
}

std::string as_string(const Node& node) { return expect_scalar(node, "text").scalar; }

double as_double(const Node& node, const Bounds& bounds) {
  std::string_view text = expect_scalar(node, "a number").scalar;
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  double value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value))
    fail(node, "expected a number, found `" + node.scalar + "`");
  const bool below = bounds.min_open ? value <= bounds.min : value < bounds.min;
  const bool above = bounds.max_open ? value >= bounds.max : value > bounds.max;
  if (below || above) {
    std::string range;
    if (std::isinf(bounds.max))
      range = (bounds.min_open ? "greater than " : "at least ") + format_number(bounds.min);
    else
      range = std::string("in ") + (bounds.min_open ? "(" : "[") + format_number(bounds.min) + ", " +
              format_number(bounds.max) + (bounds.max_open ? ")" : "]");
    fail(node, "must be " + range + (bounds.meaning.empty() ? "" : " (" + std::string(bounds.meaning) + ")") +
                   ", got " + node.scalar);
  }
  return value;
}

std::int64_t as_integer(const Node& node, std::int64_t min, std::int64_t max) {
  std::string_view text = expect_scalar(node, "a whole number").scalar;
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec == std::errc::result_out_of_range) fail(node, "number too large: " + node.scalar);
  if (ec != std::errc() || end != text.data() + text.size())
    fail(node, "expected a whole number, found `" + node.scalar + "`");
  if (value < min || value > max) {
    const std::string range = max == std::numeric_limits<std::int64_t>::max() ||
                                      max == std::numeric_limits<int>::max()
                                  ? "at least " + std::to_string(min)
                                  : "between " + std::to_string(min) + " and " + std::to_string(max);
    fail(node, "must be " + range + ", got " + node.scalar);
  }
  return value;
}

int as_int(const Node& node, int min, int max) { return static_cast<int>(as_integer(node, min, max)); }

std::uint64_t as_uint64(const Node& node) {
  const std::string& text = expect_scalar(node, "a whole number").scalar;
  std::uint64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size())
    fail(node, "expected a whole number from 0 to 18446744073709551615 (64 bits), found `" + text + "`");
  return value;
}

bool as_bool(const Node& node) {
  std::string text = expect_scalar(node, "true or false").scalar;
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  if (text == "true" || text == "yes" || text == "on") return true;
  if (text == "false" || text == "no" || text == "off") return false;
  fail(node, "expected true or false, found `" + node.scalar + "`");
}

Date as_date(const Node& node) {
  const std::string& text = expect_scalar(node, "a date (YYYY-MM-DD)").scalar;
  if (auto date = parse_date(text)) return *date;
  fail(node, "`" + text + "` is not a real date (expected YYYY-MM-DD)");
}

int as_name(const Node& node, std::span<const std::string_view> names, std::string_view what) {
  const std::string& text = expect_scalar(node, std::string(what)).scalar;
  for (std::size_t i = 0; i < names.size(); ++i)
    if (names[i] == text) return static_cast<int>(i);
  fail(node, "unknown " + std::string(what) + " `" + text + "`; expected " + join_names(names));
}

void read_optional(const Node& mapping, std::string_view key, double& out, const Bounds& bounds) {
  if (const Node* value = optional(mapping, key)) out = as_double(*value, bounds);
}

void read_optional(const Node& mapping, std::string_view key, int& out, int min, int max) {
  if (const Node* value = optional(mapping, key)) out = as_int(*value, min, max);
}

void read_optional(const Node& mapping, std::string_view key, bool& out) {
  if (const Node* value = optional(mapping, key)) out = as_bool(*value);
}

void check_sum_is_one(const Node& at, double sum, std::string_view what) {
  if (std::abs(sum - 1.0) > kShareSumTolerance)
    fail(at, std::string(what) + " sum to " + format_number(sum) + ", not 1 (tolerance " +
                 format_number(kShareSumTolerance) + ")");
}

}  // namespace kokeilu::scenario::yaml
