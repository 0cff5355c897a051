#include "scenario/yaml_reader.hpp"
#include "core/edit_distance.hpp"
#include "scenario/uncertain.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <system_error>
#include <unordered_map>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

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

/// What a file's first bytes say about it, when they are not YAML one can point into.
std::string describe_file_kind(mode_t mode) {
  if (S_ISFIFO(mode)) return "a named pipe (FIFO)";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISSOCK(mode)) return "a socket";
  return "not a regular file";
}

bool is_marker(std::string_view line, std::string_view marker) {
  return line.starts_with(marker) &&
         (line.size() == 3 || line[3] == ' ' || line[3] == '\t' || line[3] == '\r' || line[3] == '#');
}

bool is_content(std::string_view line) {
  const auto first = line.find_first_not_of(" \t\r");
  return first != std::string_view::npos && line[first] != '#' && !line.starts_with("%");
}

/// Where the second document of `text` starts: its `---` line (a `---` before any content opens
/// the first document), or content after a `...` that ended the first.
SourceLocation second_document_start(const std::string& file, const std::string& text) {
  bool content_before = false;
  bool first_opened = false;
  bool first_ended = false;
  int line = 1;
  for (std::size_t at = 0; at < text.size(); ++line) {
    const std::size_t eol = std::min(text.find('\n', at), text.size());
    const std::string_view l(text.data() + at, eol - at);
    at = eol + 1;
    if (is_marker(l, "---")) {
      if (content_before || first_opened) return {file, line, 1};
      first_opened = true;
    } else if (is_marker(l, "...")) {
      first_ended = true;
    } else if (is_content(l)) {
      if (first_ended) return {file, line, 1};
      content_before = true;
    }
  }
  return {file, 0, 0};
}

/// The first line with something other than blanks and comments, or line 0.
SourceLocation first_content(const std::string& file, const std::string& text) {
  int line = 1;
  for (std::size_t at = 0; at < text.size(); ++line) {
    const std::size_t eol = std::min(text.find('\n', at), text.size());
    const std::string_view l(text.data() + at, eol - at);
    if (is_content(l)) return {file, line, static_cast<int>(l.find_first_not_of(" \t")) + 1};
    at = eol + 1;
  }
  return {file, 0, 0};
}

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
    const std::string text = read_regular_file(file, display, fail_here);

    // A bare CR (old Mac line ends) is a line break to YAML but not to the line numbers of
    // every editor and of our messages: refuse it where it is.
    for (std::size_t at = text.find('\r'); at != std::string::npos; at = text.find('\r', at + 1)) {
      if (at + 1 < text.size() && text[at + 1] == '\n') continue;
      const std::size_t line_start = text.rfind('\n', at);
      const auto column = static_cast<int>(line_start == std::string::npos ? at : at - line_start - 1) + 1;
      const auto line = static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n')) + 1;
      fail(SourceLocation{display, line, column}, prefix,
           "a bare carriage return (CR without LF) ends a line here: save the file with LF or CRLF line ends");
    }

    // Found in the text, not with YAML::LoadAll: yaml-cpp 0.7's LoadAll loops without end, taking
    // all memory, on a file of one `,` (jbeder/yaml-cpp#1040). A `---` at the start of a line is
    // a document marker wherever it is, even inside a block scalar.
    if (const SourceLocation marker = second_document_start(display, text); marker.line > 0)
      fail(marker, prefix, "a second YAML document (after `---`): a file holds one document; split it into two files");
    YAML::Node root;
    try {
      root = YAML::Load(text);
    } catch (const YAML::Exception& e) {
      // Syntax errors carry a mark; yaml-cpp's what() repeats it 0-based, so use msg alone.
      fail(location(display, e.mark), "", "YAML syntax error: " + e.msg);
    }
    // An empty file has no line to point at: point at the include that names it, if any.
    if (root.IsNull()) {
      if (text.empty()) fail_here("the file " + display + " is empty: expected a mapping of keys");
      if (const SourceLocation at = first_content(display, text); at.line > 0)
        fail(at, prefix, "YAML syntax error: no value could be read here (a stray `,`?)");
      fail_here("the file " + display + " has no keys (only blank lines or comments): expected a mapping of keys");
    }
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
  /// The whole file, if it is a regular file of at most kMaxFileBytes. Opened without blocking
  /// (a FIFO would wait for a writer) and checked on the open descriptor (no race with a rename).
  template <typename Fail>
  static std::string read_regular_file(const fs::path& file, const std::string& display, Fail&& fail_here) {
    const int fd = ::open(file.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
      const int error = errno;
      if (error == ENOENT || error == ENOTDIR) fail_here("file not found: " + display);
      if (error == ELOOP) fail_here(display + ": too many levels of symbolic links (a symbolic link loop?)");
      fail_here("cannot open " + display + ": " + std::strerror(error));
    }
    struct Closer {
      int fd;
      ~Closer() { ::close(fd); }
    } closer{fd};
    struct stat info {};
    if (::fstat(fd, &info) != 0) fail_here("cannot read " + display + ": " + std::strerror(errno));
    if (S_ISDIR(info.st_mode)) fail_here(display + " is a directory, not a YAML file");
    if (!S_ISREG(info.st_mode))
      fail_here(display + " is " + describe_file_kind(info.st_mode) + ": only regular files are read");
    const auto too_large = [&](std::uintmax_t bytes) {
      fail_here(display + " is too large (" + std::to_string(bytes) + " bytes; a scenario file may have at most " +
                std::to_string(kMaxFileBytes >> 20) + " MiB)");
    };
    if (static_cast<std::uintmax_t>(info.st_size) > kMaxFileBytes) too_large(static_cast<std::uintmax_t>(info.st_size));
    std::string text;
    char buffer[1 << 16];
    for (;;) {
      const ssize_t got = ::read(fd, buffer, sizeof buffer);
      if (got < 0 && errno == EINTR) continue;
      if (got < 0) fail_here("cannot read " + display + ": " + std::strerror(errno));
      if (got == 0) break;
      text.append(buffer, static_cast<std::size_t>(got));
      if (text.size() > kMaxFileBytes) too_large(text.size());  // a file that grew while read
    }
    return text;
  }

  Node convert(const YAML::Node& y, const std::string& file, const fs::path& dir, const std::string& path,
               const SourceLocation& key_where, bool may_include = false) {
    Node node;
    node.path = path;
    // A null value has no useful mark of its own (yaml-cpp gives the next token's): use its key's.
    node.where = y.IsNull() ? key_where : location(file, y.Mark());
    if (node.where.line == 0) node.where = key_where;

    // Aliases share nodes: the tree below can be far larger than the text (billion laughs).
    if (++values_ > kMaxValues)
      fail(node, "more than " + std::to_string(kMaxValues) +
                     " values once aliases are expanded: a scenario is not that large (aliases that repeat aliases?)");
    const std::string& tag = y.Tag();
    if (!tag.empty() && tag != "?" && tag != "!")
      fail(node, "unknown tag `" + tag + "`: tags are not read (remove it, or quote the value)");

    switch (y.Type()) {
      case YAML::NodeType::Undefined:
      case YAML::NodeType::Null:
        node.kind = Node::Kind::null;
        return node;
      case YAML::NodeType::Scalar:
        node.kind = Node::Kind::scalar;
        node.scalar = y.Scalar();
        // Only a plain (unquoted) string is an include: a quoted one is text.
        if (may_include && tag == "?" && ends_with_yaml(node.scalar)) {
          Node included = load(dir / node.scalar, path, &node);
          return included;
        }
        return node;
      case YAML::NodeType::Sequence:
      case YAML::NodeType::Map:
        break;
    }

    // An alias inside its own anchor (`&n [a, *n]`) is a tree without end.
    for (const auto& open : open_containers_)
      if (open.is(y)) fail(node, "an alias inside its own anchor (`&name [..., *name]`): the value would never end");
    if (open_containers_.size() >= static_cast<std::size_t>(kMaxDepth))
      fail(node, "lists and mappings nested more than " + std::to_string(kMaxDepth) + " levels deep");
    open_containers_.push_back(y);
    struct Pop {
      std::vector<YAML::Node>& stack;
      ~Pop() { stack.pop_back(); }
    } pop{open_containers_};

    if (y.IsSequence()) {
      node.kind = Node::Kind::sequence;
      std::size_t i = 0;
      for (const auto& item : y) {
        node.items.push_back(convert(item, file, dir, path + "[" + std::to_string(i) + "]", node.where));
        ++i;
      }
      return node;
    }
    node.kind = Node::Kind::mapping;
    std::unordered_map<std::string, int> first_line;  // of each key: duplicates in linear time
    for (const auto& pair : y) {
      const SourceLocation where = location(file, pair.first.Mark());
      if (!pair.first.IsScalar())
        fail(where, path, "a key must be a plain name, not a list or mapping");
      const std::string key = pair.first.Scalar();
      if (const std::string& key_tag = pair.first.Tag(); !key_tag.empty() && key_tag != "?" && key_tag != "!")
        fail(where, child_path(path, key), "unknown tag `" + key_tag + "`: tags are not read (remove it, or quote the key)");
      // yaml-cpp keeps both entries of a repeated key and looks up the first: refuse it.
      if (const auto [earlier, fresh] = first_line.emplace(key, where.line); !fresh)
        fail(where, child_path(path, key),
             "duplicate key `" + key + "` (first given at line " + std::to_string(earlier->second) + ")");
      Node value = convert(pair.second, file, dir, child_path(path, key), where, !is_free_text_key(key));
      node.entries.push_back({key, where, std::move(value)});
    }
    return node;
  }

  std::vector<fs::path> chain_;            // files being read, outermost first
  std::vector<std::string> display_chain_;  // the same, as the user named them
  std::vector<YAML::Node> open_containers_; // lists and mappings being converted, outermost first
  std::size_t values_ = 0;                  // values converted so far, across includes
};

}  // namespace

Node load_file(const fs::path& file, const std::string& path_prefix) {
  Loader loader;
  return loader.load(file, path_prefix, nullptr);
}

// ---- Merging and writing ------------------------------------------------------------------------

Node merge(const Node& base, const Node& over, std::span<const std::string_view> replace_whole,
           bool keep_base_location) {
  // A distribution (uncertain.hpp) is one value: it replaces, and is replaced, whole.
  if (!base.is_mapping() || !over.is_mapping() || is_distribution(base) || is_distribution(over)) return over;
  Node out = keep_base_location ? base : over;
  out.entries = base.entries;
  std::unordered_map<std::string_view, std::size_t> index;  // key -> entry: merging in linear time
  for (std::size_t i = 0; i < base.entries.size(); ++i) index.emplace(base.entries[i].key, i);
  for (const auto& e : over.entries) {
    const auto found = index.find(e.key);
    if (found == index.end()) {
      out.entries.push_back(e);
      continue;
    }
    const auto existing = out.entries.begin() + static_cast<std::ptrdiff_t>(found->second);
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

// `02000` is octal to a YAML 1.1 reader and 2000 to a YAML 1.2 one: refuse it rather than guess.
void reject_leading_zero(const Node& node) {
  std::string_view digits = node.scalar;
  if (!digits.empty() && (digits.front() == '+' || digits.front() == '-')) digits.remove_prefix(1);
  if (digits.size() > 1 && digits[0] == '0' && digits[1] >= '0' && digits[1] <= '9')
    fail(node, "`" + node.scalar + "` has a leading zero (octal to some YAML readers, decimal to others): write it without");
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
  reject_leading_zero(node);
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
  reject_leading_zero(node);
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
  reject_leading_zero(node);
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
  const auto date = parse_date(text);
  if (!date) fail(node, "`" + text + "` is not a real date (expected YYYY-MM-DD)");
  if (date->year() < std::chrono::year{kFirstYear} || date->year() > std::chrono::year{kLastYear})
    fail(node, "`" + text + "` is outside the years " + std::to_string(kFirstYear) + " to " + std::to_string(kLastYear));
  return *date;
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
