#include "scenario/settings.hpp"

#include <charconv>
#include <cmath>
#include <optional>
#include <string_view>
#include <system_error>

#include "scenario/yaml_reader.hpp"

namespace kokeilu::scenario {

namespace {

using yaml::Node;

struct Segment {
  std::string text;
  bool item = false;  // [..]: a list item, by index or by name
};

/// `a.b[2].c` -> a, b, [2], c. Empty when the path is malformed.
std::vector<Segment> split(std::string_view path) {
  std::vector<Segment> segments;
  std::size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '[') {
      const auto close = path.find(']', i);
      if (close == std::string_view::npos || close == i + 1) return {};
      segments.push_back({std::string(path.substr(i + 1, close - i - 1)), true});
      i = close + 1;
      if (i < path.size() && path[i] == '.') {
        ++i;
        if (i == path.size()) return {};
      }
      continue;
    }
    const auto end = path.find_first_of(".[", i);
    const auto stop = end == std::string_view::npos ? path.size() : end;
    if (stop == i) return {};
    segments.push_back({std::string(path.substr(i, stop - i)), false});
    i = stop;
    if (i < path.size() && path[i] == '.') {
      ++i;
      if (i == path.size()) return {};
    }
  }
  return segments;
}

std::optional<std::size_t> as_index(const std::string& text) {
  std::size_t index = 0;
  const auto* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, index);
  if (ec != std::errc() || ptr != end) return std::nullopt;
  return index;
}

/// The node at `path`, or nullptr; `why` says where the walk stopped.
template <typename N>
N* walk(N& root, std::string_view path, std::string& why) {
  const auto segments = split(path);
  if (segments.empty()) {
    why = "is not a key path (keys joined by `.`, list items as [N] or [NAME])";
    return nullptr;
  }
  N* node = &root;
  std::string walked;
  for (const auto& s : segments) {
    if (!s.item) {
      if (!node->is_mapping()) {
        why = (walked.empty() ? std::string("the root") : "`" + walked + "`") + " is not a mapping of keys";
        return nullptr;
      }
      node = node->find(s.text);
      walked = yaml::child_path(walked, s.text);
      if (!node) {
        why = "names nothing: there is no `" + walked + "`";
        return nullptr;
      }
      continue;
    }
    if (!node->is_sequence()) {
      why = "`" + walked + "` is not a list";
      return nullptr;
    }
    N* found = nullptr;
    if (const auto index = as_index(s.text)) {
      if (*index < node->items.size()) found = &node->items[*index];
    } else {
      for (auto& item : node->items)
        if (const auto* name = item.is_mapping() ? item.find("name") : nullptr; name && name->scalar == s.text) {
          found = &item;
          break;
        }
    }
    walked += "[" + s.text + "]";
    if (!found) {
      why = "names nothing: `" + walked + "` has no such item (" + std::to_string(node->items.size()) + " items)";
      return nullptr;
    }
    node = found;
  }
  return node;
}

[[noreturn]] void fail_setting(const SourceLocation& where, std::string_view path, const std::string& message) {
  throw ConfigError(where, std::string(path), message);
}

}  // namespace

std::string number_text(double value) {
  char buffer[64];
  const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, ec == std::errc() ? end : buffer);
}

const Node* find_path(const Node& root, std::string_view path) {
  std::string why;
  return walk(root, path, why);
}

void apply_settings(Node& root, std::span<const Setting> settings) {
  for (const auto& setting : settings) {
    std::string why;
    Node* node = walk(root, setting.path, why);
    if (!node) fail_setting(setting.where, setting.path, "this key path " + why);
    if (node->is_mapping() || node->is_sequence())
      fail_setting(setting.where, setting.path,
                   "this key path names a " + std::string(node->is_mapping() ? "mapping" : "list") +
                       ", not one value: name one of its values");
    node->kind = Node::Kind::scalar;
    node->scalar = setting.value;
    node->where = setting.where;
  }
}

double number_at(const Node& root, std::string_view path, const SourceLocation& where) {
  std::string why;
  const Node* node = walk(root, path, why);
  if (!node) fail_setting(where, path, "this key path " + why);
  if (!node->is_scalar())
    fail_setting(where, path, "this key path names a list or mapping, not a number");
  try {
    return yaml::as_double(*node);
  } catch (const ConfigError&) {
    fail_setting(where, path, "this key path names `" + node->scalar + "` (" + node->where.file + ":" +
                                  std::to_string(node->where.line) + "), not a number");
  }
}

}  // namespace kokeilu::scenario
