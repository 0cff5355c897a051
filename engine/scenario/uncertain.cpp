#include "scenario/uncertain.hpp"

#include <array>
#include <cmath>
#include <map>
#include <string_view>
#include <tuple>

#include "random/distributions.hpp"
#include "random/philox.hpp"
#include "scenario/yaml_reader.hpp"

namespace kokeilu::scenario {

namespace {

using yaml::Node;

constexpr std::array<std::string_view, 4> kKindNames{"uniform", "normal", "triangular", "one_of"};
constexpr std::array<std::string_view, 6> kSources{"seed", "stat", "lit", "rule", "approx", "none"};

const Node* distribution_entry(const Node& node, DistributionKind& kind) {
  if (!node.is_mapping()) return nullptr;
  for (std::size_t k = 0; k < kKindNames.size(); ++k)
    if (const Node* found = node.find(kKindNames[k])) {
      kind = static_cast<DistributionKind>(k);
      return found;
    }
  return nullptr;
}

std::vector<double> numbers(const Node& list, std::size_t count, std::string_view what) {
  yaml::expect_sequence(list, what);
  if (list.items.size() != count)
    yaml::fail(list, "needs " + std::to_string(count) + " numbers: " + std::string(what) + " (it has " +
                         std::to_string(list.items.size()) + ")");
  std::vector<double> values;
  for (const Node& item : list.items) values.push_back(yaml::as_double(item));
  return values;
}

/// The distribution written at `node` (a mapping with one of kKindNames), checked.
UncertainParameter read_distribution(const Node& node, DistributionKind kind, const Node& body) {
  UncertainParameter p;
  p.kind = kind;
  p.where = node.where;
  const std::string_view name = kKindNames[static_cast<std::size_t>(kind)];
  if (kind == DistributionKind::one_of)
    yaml::check_keys(node, {"one_of", "weights", "source"});
  else
    yaml::check_keys(node, {name, "source"});
  for (std::size_t k = 0; k < kKindNames.size(); ++k)
    if (k != static_cast<std::size_t>(kind) && node.find(kKindNames[k]))
      yaml::fail(node, "one distribution per value: `" + std::string(name) + "` and `" + std::string(kKindNames[k]) +
                           "` are both given");
  const Node& source = yaml::require(node, "source");
  p.source = kSources[static_cast<std::size_t>(yaml::as_name(source, kSources, "source flag"))];

  switch (kind) {
    case DistributionKind::uniform:
      p.shape = numbers(body, 2, "[low, high]");
      if (p.shape[0] > p.shape[1]) yaml::fail(body, "low (" + number_text(p.shape[0]) + ") is above high (" +
                                                        number_text(p.shape[1]) + ")");
      p.central = number_text((p.shape[0] + p.shape[1]) / 2);
      break;
    case DistributionKind::normal:
      p.shape = numbers(body, 2, "[mean, sd]");
      if (p.shape[1] < 0) yaml::fail(body.items[1], "the standard deviation cannot be negative");
      p.central = number_text(p.shape[0]);
      break;
    case DistributionKind::triangular:
      p.shape = numbers(body, 3, "[low, mode, high]");
      if (p.shape[0] > p.shape[2])
        yaml::fail(body, "low (" + number_text(p.shape[0]) + ") is above high (" + number_text(p.shape[2]) + ")");
      if (p.shape[1] < p.shape[0] || p.shape[1] > p.shape[2])
        yaml::fail(body.items[1], "the mode (" + number_text(p.shape[1]) + ") is outside [low, high] = [" +
                                      number_text(p.shape[0]) + ", " + number_text(p.shape[2]) + "]");
      p.central = number_text(p.shape[1]);
      break;
    case DistributionKind::one_of: {
      yaml::expect_sequence(body, "a list of the values to choose from");
      if (body.items.empty()) yaml::fail(body, "needs at least one value to choose from");
      for (const Node& item : body.items) {
        if (!item.is_scalar()) yaml::fail(item, "a choice is one value (a number or a name)");
        p.choices.push_back(item.scalar);
      }
      const Node& weights = yaml::require(node, "weights");
      p.weights = numbers(weights, p.choices.size(), "one weight per choice");
      double sum = 0;
      for (std::size_t i = 0; i < p.weights.size(); ++i) {
        if (p.weights[i] < 0) yaml::fail(weights.items[i], "a weight cannot be negative");
        sum += p.weights[i];
      }
      yaml::check_sum_is_one(weights, sum, "the weights");
      std::size_t most = 0;
      for (std::size_t i = 1; i < p.weights.size(); ++i)
        if (p.weights[i] > p.weights[most]) most = i;
      p.central = p.choices[most];
      break;
    }
  }
  return p;
}

/// The path segment of list item `i`: `[name]` when it is the first item of that name, else `[i]`.
std::string item_segment(const Node& list, std::size_t i) {
  const Node& item = list.items[i];
  if (const Node* name = item.is_mapping() ? item.find("name") : nullptr; name && name->is_scalar()) {
    for (std::size_t j = 0; j < i; ++j)
      if (const Node* other = list.items[j].is_mapping() ? list.items[j].find("name") : nullptr;
          other && other->scalar == name->scalar)
        return "[" + std::to_string(i) + "]";
    if (name->scalar.find_first_of("[].") == std::string::npos) return "[" + name->scalar + "]";
  }
  return "[" + std::to_string(i) + "]";
}

using Found = std::map<std::tuple<std::string, int, int>, std::size_t>;

void take(Node& node, const std::string& path, std::vector<UncertainParameter>& out, Found& found) {
  DistributionKind kind{};
  if (const Node* body = distribution_entry(node, kind)) {
    const auto key = std::make_tuple(node.where.file, node.where.line, node.where.column);
    auto at = found.find(key);
    if (at == found.end()) {
      at = found.emplace(key, out.size()).first;
      out.push_back(read_distribution(node, kind, *body));
    }
    UncertainParameter& p = out[at->second];
    p.paths.push_back(path);
    const SourceLocation where = node.where;
    const std::string file_path = node.path;
    node = Node{};
    node.kind = Node::Kind::scalar;
    node.scalar = p.central;
    node.where = where;
    node.path = file_path;
    return;
  }
  if (node.is_mapping())
    for (auto& e : node.entries) take(e.value, yaml::child_path(path, e.key), out, found);
  else if (node.is_sequence())
    for (std::size_t i = 0; i < node.items.size(); ++i) take(node.items[i], path + item_segment(node, i), out, found);
}

double triangular(double u, double low, double mode, double high) {
  if (high == low) return low;
  const double below = (mode - low) / (high - low);
  return u < below ? low + std::sqrt(u * (high - low) * (mode - low))
                   : high - std::sqrt((1 - u) * (high - low) * (high - mode));
}

}  // namespace

bool is_distribution(const Node& node) {
  DistributionKind kind{};
  return distribution_entry(node, kind) != nullptr;
}

std::string UncertainParameter::describe() const {
  std::string text(kKindNames[static_cast<std::size_t>(kind)]);
  text += "(";
  if (is_choice()) {
    for (std::size_t i = 0; i < choices.size(); ++i)
      text += (i ? ", " : "") + choices[i] + ": " + number_text(weights[i]);
  } else {
    for (std::size_t i = 0; i < shape.size(); ++i) text += (i ? ", " : "") + number_text(shape[i]);
  }
  return text + ")";
}

std::vector<UncertainParameter> take_uncertain(Node& root) {
  std::vector<UncertainParameter> out;
  Found found;
  take(root, "", out, found);
  return out;
}

std::vector<double> draw(std::span<const UncertainParameter> parameters, std::uint64_t seed, std::uint32_t replication) {
  std::vector<double> values;
  values.reserve(parameters.size());
  for (std::size_t i = 0; i < parameters.size(); ++i) {
    const auto& p = parameters[i];
    const auto block = random::philox_block(seed, static_cast<std::uint32_t>(i), 0, random::Purpose::parameters,
                                            replication);
    const double u = random::uniform01(block[0]);
    switch (p.kind) {
      case DistributionKind::uniform: values.push_back(p.shape[0] + (p.shape[1] - p.shape[0]) * u); break;
      case DistributionKind::normal:
        values.push_back(p.shape[0] + p.shape[1] * random::standard_normal(block[0], block[1]));
        break;
      case DistributionKind::triangular: values.push_back(triangular(u, p.shape[0], p.shape[1], p.shape[2])); break;
      case DistributionKind::one_of: values.push_back(random::categorical(block[0], p.weights)); break;
    }
  }
  return values;
}

std::vector<Setting> settings_of(std::span<const UncertainParameter> parameters, std::span<const double> values) {
  std::vector<Setting> settings;
  for (std::size_t i = 0; i < parameters.size(); ++i) {
    const auto& p = parameters[i];
    const std::string value = p.is_choice() ? p.choices.at(static_cast<std::size_t>(values[i])) : number_text(values[i]);
    for (const auto& path : p.paths) settings.push_back({path, value, p.where});
  }
  return settings;
}

}  // namespace kokeilu::scenario
