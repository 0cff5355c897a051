#include "sweep/sweep_spec.hpp"

#include <boost/random/sobol.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <fstream>
#include <sstream>

#include "random/distributions.hpp"
#include "random/philox.hpp"
#include "scenario/yaml_reader.hpp"

namespace kokeilu::sweep {

namespace fs = std::filesystem;
namespace yaml = scenario::yaml;

namespace {

constexpr std::array<std::string_view, 3> kDesignNames = {"grid", "latin-hypercube", "sobol"};

std::string read_text(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

Parameter read_parameter(const yaml::Node& node, Design design) {
  yaml::expect_mapping(node, "a parameter: a mapping with `path` and `values` or `range`");
  yaml::check_keys(node, {"path", "values", "range", "integer"});
  Parameter p;
  const auto& path = yaml::require(node, "path");
  p.path = yaml::as_string(path);
  p.where = path.where;
  const auto* values = yaml::optional(node, "values");
  const auto* range = yaml::optional(node, "range");
  if (design == Design::grid) {
    if (range) yaml::fail(*range, "a grid takes `values` (a list of numbers); `range` is for latin-hypercube and sobol");
    if (!values) yaml::fail(node, "a grid parameter needs `values`: a list of numbers");
    yaml::expect_sequence(*values, "a list of numbers");
    if (values->items.empty()) yaml::fail(*values, "the list of values is empty: give at least one number");
    for (const auto& v : values->items) p.values.push_back(yaml::as_double(v));
  } else {
    if (values) yaml::fail(*values, "`values` is for a grid; a sampled design takes `range: [low, high]`");
    if (!range) yaml::fail(node, "a sampled parameter needs `range: [low, high]`");
    yaml::expect_sequence(*range, "a list of two numbers: [low, high]");
    if (range->items.size() != 2)
      yaml::fail(*range, "a range is two numbers [low, high], not " + std::to_string(range->items.size()));
    p.low = yaml::as_double(range->items[0]);
    p.high = yaml::as_double(range->items[1]);
    if (!(p.low < p.high))
      yaml::fail(*range, "the range is empty: low (" + scenario::number_text(p.low) + ") must be below high (" +
                             scenario::number_text(p.high) + ")");
  }
  yaml::read_optional(node, "integer", p.integer);
  if (p.integer && design != Design::grid && std::ceil(p.low) > std::floor(p.high))
    yaml::fail(*range, "the range holds no whole number");
  return p;
}

/// Every combination of the parameters' values, the last parameter varying fastest.
std::vector<std::vector<double>> grid_points(const std::vector<Parameter>& parameters) {
  std::vector<std::vector<double>> points{{}};
  for (const auto& p : parameters) {
    std::vector<std::vector<double>> next;
    for (const auto& point : points)
      for (const double v : p.values) {
        next.push_back(point);
        next.back().push_back(v);
      }
    points = std::move(next);
  }
  return points;
}

/// A uniform index in [0, n) from a 32-bit word (multiply-high: no modulo bias worth the name).
std::size_t index_below(std::uint32_t word, std::size_t n) {
  return static_cast<std::size_t>((static_cast<std::uint64_t>(word) * n) >> 32);
}

}  // namespace

const char* design_name(Design design) { return kDesignNames[static_cast<std::size_t>(design)].data(); }

std::vector<std::vector<double>> latin_hypercube(std::size_t n, std::size_t d, std::uint64_t seed) {
  std::vector<std::vector<double>> points(n, std::vector<double>(d));
  std::vector<std::size_t> strata(n);
  for (std::size_t j = 0; j < d; ++j) {
    for (std::size_t i = 0; i < n; ++i) strata[i] = i;
    // Fisher-Yates; point i of axis j takes the words of block (agent j, week i).
    for (std::size_t i = n; i > 1; --i) {
      const auto words = random::philox_block(seed, static_cast<std::uint32_t>(j), static_cast<std::uint32_t>(i - 1),
                                              random::Purpose::sweep_sample, 0);
      std::swap(strata[i - 1], strata[index_below(words[0], i)]);
    }
    for (std::size_t i = 0; i < n; ++i) {
      const auto words = random::philox_block(seed, static_cast<std::uint32_t>(j), static_cast<std::uint32_t>(i),
                                              random::Purpose::sweep_sample, 1);
      points[i][j] = (static_cast<double>(strata[i]) + random::uniform01(words[0])) / static_cast<double>(n);
    }
  }
  return points;
}

std::vector<std::vector<double>> sobol_points(std::size_t n, std::size_t d) {
  std::vector<std::vector<double>> points(n, std::vector<double>(d));
  if (d == 0) return points;
  boost::random::sobol sequence(d);
  for (auto& point : points)
    for (auto& x : point) x = std::ldexp(static_cast<double>(sequence()), -64);
  return points;
}

std::vector<scenario::Setting> SweepSpec::settings(std::size_t p) const {
  std::vector<scenario::Setting> out;
  for (std::size_t j = 0; j < parameters.size(); ++j)
    out.push_back({parameters[j].path, scenario::number_text(points.at(p)[j]), parameters[j].where});
  return out;
}

SweepSpec load_sweep(const fs::path& file) {
  const yaml::Node root = yaml::load_file(file);
  yaml::check_keys(root, {"name", "description", "comparison", "design", "points", "seed", "parameters"});
  const auto& comparison = yaml::require(root, "comparison");
  if (comparison.included_file.empty())
    yaml::fail(comparison, "name a comparison file (a path ending in .yaml, relative to this file)");
  auto tree = scenario::SourceTree::read(comparison.included_file);

  Design design = Design::grid;
  if (const auto* d = yaml::optional(root, "design"))
    design = static_cast<Design>(yaml::as_name(*d, kDesignNames, "design"));
  std::uint64_t seed = 0;
  if (const auto* s = yaml::optional(root, "seed")) {
    if (design != Design::latin_hypercube)
      yaml::fail(*s, std::string("a ") + design_name(design) + " has no random part: `seed` is for latin-hypercube");
    seed = yaml::as_uint64(*s);
  }

  const auto& list = yaml::require(root, "parameters");
  yaml::expect_sequence(list, "a list of parameters");
  if (list.items.empty()) yaml::fail(list, "no parameters: name at least one key path to vary");
  if (list.items.size() > kMaxParameters)
    yaml::fail(list, std::to_string(list.items.size()) + " parameters: at most " + std::to_string(kMaxParameters));
  std::vector<Parameter> parameters;
  for (const auto& item : list.items) {
    auto p = read_parameter(item, design);
    for (const auto& q : parameters)
      if (q.path == p.path) yaml::fail(item, "`" + p.path + "` is swept twice");
    // The path must name a number of the comparison (a name or a date cannot be swept).
    scenario::number_at(tree.root(), p.path, p.where);
    parameters.push_back(std::move(p));
  }

  std::vector<std::vector<double>> points;
  const auto* points_node = yaml::optional(root, "points");
  if (design == Design::grid) {
    if (points_node) yaml::fail(*points_node, "a grid has one point per combination of values: leave out `points`");
    double combinations = 1;
    for (const auto& p : parameters) combinations *= static_cast<double>(p.values.size());
    if (combinations > static_cast<double>(kMaxPoints))
      yaml::fail(list, "the grid has " + scenario::number_text(combinations) + " points: at most " +
                           std::to_string(kMaxPoints));
    points = grid_points(parameters);
  } else {
    if (!points_node) yaml::fail(root, std::string("a ") + design_name(design) + " needs `points`: how many to draw");
    const auto n = static_cast<std::size_t>(yaml::as_integer(*points_node, 1, static_cast<std::int64_t>(kMaxPoints)));
    const auto unit = design == Design::sobol ? sobol_points(n, parameters.size())
                                              : latin_hypercube(n, parameters.size(), seed);
    for (const auto& u : unit) {
      std::vector<double> point;
      for (std::size_t j = 0; j < parameters.size(); ++j) {
        const auto& p = parameters[j];
        double x = p.low + u[j] * (p.high - p.low);
        if (p.integer) x = std::clamp(std::round(x), std::ceil(p.low), std::floor(p.high));
        point.push_back(x);
      }
      points.push_back(std::move(point));
    }
  }

  bool shares_history = true;
  for (const auto& p : parameters) shares_history = shares_history && p.path.rfind("arms[", 0) == 0;

  SweepSpec spec{file.string(), read_text(file), std::move(tree), design, seed, std::move(parameters),
                 std::move(points), shares_history};
  // Every point's comparison is read now, so that a value the comparison refuses (out of its
  // bounds, a fraction where a count is due) is reported before anything runs.
  for (std::size_t p = 0; p < spec.points.size(); ++p) spec.comparison.comparison(spec.settings(p));
  return spec;
}

}  // namespace kokeilu::sweep
