#pragma once
// YAML keys declared once. A block of a file (a design, a service of a design) lists its keys as
// a table of fields: name, type, unit, range, meaning and the member of the spec struct it sets.
// The default is the member's initial value in the struct (declared there, once). From the table
// follow the loader's key check (with its "did you mean"), the reading with range checks, and the
// key reference docs/keys.md (kokeilu-keys). A key of a nested mapping is named `group.key`
// (`exits.to_training`).
#include <algorithm>
#include <array>
#include <cstdio>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <optional>

#include "core/calendar.hpp"
#include "scenario/design_units.hpp"
#include "scenario/yaml_reader.hpp"

namespace kokeilu::scenario {

using SectorValues = std::array<double, kSectorCount>;

/// One YAML key of a block whose values land in a `Spec`.
template <class Spec>
struct Field {
  /// Custom keys (a target tree, a period) are read by hand-written code; the table still checks,
  /// and documents, them.
  struct Custom {
    std::string_view type;     // as the reference shows it
    std::string_view fallback; // its default, as text
  };
  using Member = std::variant<Custom, bool Spec::*, int Spec::*, double Spec::*, DurationWeeks Spec::*,
                              SectorValues Spec::*, std::optional<Date> Spec::*>;

  std::string_view name;     // YAML key; `group.key` inside a nested mapping
  Member member;
  std::string_view unit;     // "weeks", "EUR per week", ... ("" when none)
  yaml::Bounds bounds{};     // numbers (and each value by sector); whole numbers: [min, max]
  std::string_view meaning;
  bool whole_shares = false; // by sector: given whole (sectors not named get 0), summing to 1

  std::string_view key() const { return name.substr(name.find('.') + 1); }
  std::string_view group() const {
    const auto dot = name.find('.');
    return dot == std::string_view::npos ? std::string_view() : name.substr(0, dot);
  }
};

// ---- Table rows ---------------------------------------------------------------------------------

template <class Spec>
Field<Spec> flag_field(std::string_view name, bool Spec::*member, std::string_view meaning) {
  return {name, member, "", {}, meaning};
}
template <class Spec>
Field<Spec> whole_field(std::string_view name, int Spec::*member, int min, int max, std::string_view unit,
                        std::string_view meaning) {
  return {name, member, unit, yaml::Bounds{double(min), double(max), false, false, ""}, meaning};
}
template <class Spec>
Field<Spec> number_field(std::string_view name, double Spec::*member, const yaml::Bounds& bounds,
                         std::string_view meaning) {
  return {name, member, bounds.meaning, bounds, meaning};
}
template <class Spec>
Field<Spec> weeks_range_field(std::string_view name, DurationWeeks Spec::*member, std::string_view meaning) {
  return {name, member, "weeks", yaml::Bounds{1, double(yaml::kMaxWeeks), false, false, ""}, meaning};
}
template <class Spec>
Field<Spec> by_sector_field(std::string_view name, SectorValues Spec::*member, bool whole_shares,
                            std::string_view meaning) {
  return {name, member, yaml::kProbability.meaning, yaml::kProbability, meaning, whole_shares};
}
template <class Spec>
Field<Spec> date_field(std::string_view name, std::optional<Date> Spec::*member, std::string_view meaning) {
  return {name, member, "", {}, meaning};
}
template <class Spec>
Field<Spec> custom_field(std::string_view name, std::string_view type, std::string_view fallback,
                         std::string_view meaning) {
  return {name, typename Field<Spec>::Custom{type, fallback}, "", {}, meaning};
}

// ---- Reading -----------------------------------------------------------------------------------

namespace detail {

inline SectorValues read_by_sector(const yaml::Node& node, SectorValues values) {
  yaml::expect_mapping(node, "a mapping of sectors (company, municipality, third_sector) to values");
  yaml::check_keys(node, kSectorNames);
  for (const auto& e : node.entries)
    values[static_cast<std::size_t>(*code_of(kSectorNames, e.key))] = yaml::as_double(e.value, yaml::kProbability);
  return values;
}

template <class Spec>
void read_field(const yaml::Node& value, const Field<Spec>& field, Spec& spec) {
  std::visit(
      [&](auto member) {
        using Member = decltype(member);
        if constexpr (std::is_same_v<Member, bool Spec::*>) {
          spec.*member = yaml::as_bool(value);
        } else if constexpr (std::is_same_v<Member, int Spec::*>) {
          spec.*member = yaml::as_int(value, static_cast<int>(field.bounds.min), static_cast<int>(field.bounds.max));
        } else if constexpr (std::is_same_v<Member, double Spec::*>) {
          spec.*member = yaml::as_double(value, field.bounds);
        } else if constexpr (std::is_same_v<Member, DurationWeeks Spec::*>) {
          yaml::expect_sequence(value, "[min, max] weeks");
          if (value.items.size() != 2)
            yaml::fail(value, "expected [min, max] weeks, found " + std::to_string(value.items.size()) + " values");
          const DurationWeeks weeks{yaml::as_int(value.items[0], 1, yaml::kMaxWeeks),
                                    yaml::as_int(value.items[1], 1, yaml::kMaxWeeks)};
          if (weeks.min > weeks.max)
            yaml::fail(value, "the minimum duration (" + std::to_string(weeks.min) + " weeks) is above the maximum (" +
                                  std::to_string(weeks.max) + " weeks)");
          spec.*member = weeks;
        } else if constexpr (std::is_same_v<Member, SectorValues Spec::*>) {
          if (field.whole_shares) {
            const SectorValues shares = read_by_sector(value, {});
            yaml::check_sum_is_one(value, shares[0] + shares[1] + shares[2], "the sector shares");
            spec.*member = shares;
          } else {
            spec.*member = read_by_sector(value, spec.*member);
          }
        } else if constexpr (std::is_same_v<Member, std::optional<Date> Spec::*>) {
          spec.*member = yaml::as_date(value);
        }
        // Custom keys are read by their block's own code.
      },
      field.member);
}

/// The distinct keys of one level: the top level (group ""), or the keys inside `group`.
template <class Spec>
std::vector<std::string_view> keys_of(std::span<const Field<Spec>> fields, std::string_view group, bool top) {
  std::vector<std::string_view> keys;
  for (const auto& f : fields) {
    const std::string_view key = top ? (f.group().empty() ? f.name : f.group()) : f.key();
    if (!top && f.group() != group) continue;
    if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(key);
  }
  return keys;
}

}  // namespace detail

/// Reads a block: rejects keys not in the table (naming the nearest), then sets every field given
/// (custom keys are left to the caller). Absent keys keep the spec's defaults.
template <class Spec>
void read_fields(const yaml::Node& node, std::span<const Field<Spec>> fields, Spec& spec) {
  yaml::check_keys(node, detail::keys_of(fields, "", true));
  std::string_view checked_group;
  for (const auto& field : fields) {
    const yaml::Node* holder = &node;
    if (!field.group().empty()) {
      holder = yaml::optional(node, field.group());
      if (holder == nullptr) continue;
      if (field.group() != checked_group) {
        yaml::check_keys(*holder, detail::keys_of(fields, field.group(), false));
        checked_group = field.group();
      }
    }
    if (const yaml::Node* value = yaml::optional(*holder, field.key())) detail::read_field(*value, field, spec);
  }
}

// ---- The reference ----------------------------------------------------------------------------

namespace detail {

inline std::string number_text(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.10g", value);
  return text;
}

inline std::string range_text(const yaml::Bounds& b, bool whole) {
  const auto bound = [&](double v) { return whole ? std::to_string(static_cast<long long>(v)) : number_text(v); };
  const bool has_min = b.min > -std::numeric_limits<double>::infinity();
  const bool has_max = b.max < std::numeric_limits<double>::infinity();
  if (!has_min && !has_max) return "";
  std::string text = has_min ? std::string(b.min_open ? "> " : "≥ ") + bound(b.min) : "";
  if (has_max) text += (has_min ? ", " : "") + std::string(b.max_open ? "< " : "≤ ") + bound(b.max);
  return text;
}

inline std::string sector_text(const SectorValues& v) {
  std::string text = "{";
  for (int s = 0; s < kSectorCount; ++s)
    text += std::string(s ? ", " : "") + std::string(kSectorNames[s]) + ": " + number_text(v[s]);
  return text + "}";
}

}  // namespace detail

/// The block's keys as a Markdown table: key, type, unit, range, default, meaning. Defaults are
/// read from `defaults` (a spec as its struct initialises it).
template <class Spec>
std::string fields_markdown(std::span<const Field<Spec>> fields, const Spec& defaults) {
  std::string text = "| key | type | unit | range | default | meaning |\n| --- | --- | --- | --- | --- | --- |\n";
  for (const auto& f : fields) {
    std::string type, range, fallback;
    std::visit(
        [&](auto member) {
          using Member = decltype(member);
          if constexpr (std::is_same_v<Member, typename Field<Spec>::Custom>) {
            type = member.type, fallback = member.fallback;
          } else if constexpr (std::is_same_v<Member, bool Spec::*>) {
            type = "true/false", fallback = defaults.*member ? "true" : "false";
          } else if constexpr (std::is_same_v<Member, int Spec::*>) {
            type = "whole number", range = detail::range_text(f.bounds, true);
            fallback = std::to_string(defaults.*member);
          } else if constexpr (std::is_same_v<Member, double Spec::*>) {
            type = "number", range = detail::range_text(f.bounds, false), fallback = detail::number_text(defaults.*member);
          } else if constexpr (std::is_same_v<Member, DurationWeeks Spec::*>) {
            type = "[min, max]", range = detail::range_text(f.bounds, true) + ", min ≤ max";
            fallback = "[" + std::to_string((defaults.*member).min) + ", " + std::to_string((defaults.*member).max) + "]";
          } else if constexpr (std::is_same_v<Member, SectorValues Spec::*>) {
            type = f.whole_shares ? "shares by sector" : "by sector";
            range = detail::range_text(f.bounds, false) + (f.whole_shares ? ", sum 1 (unnamed sectors 0)" : "");
            fallback = detail::sector_text(defaults.*member);
          } else if constexpr (std::is_same_v<Member, std::optional<Date> Spec::*>) {
            type = "date (YYYY-MM-DD)";
            fallback = defaults.*member ? format_date(*(defaults.*member)) : "(none)";
          }
        },
        f.member);
    text += "| `" + std::string(f.name) + "` | " + type + " | " + std::string(f.unit) + " | " + range + " | " +
            (fallback.empty() || fallback.front() == '(' ? fallback : "`" + fallback + "`") + " | " + std::string(f.meaning) + " |\n";
  }
  return text;
}

}  // namespace kokeilu::scenario
