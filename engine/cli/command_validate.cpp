// kokeilu validate FILE: any input file (scenario, comparison, design, region, behaviour,
// benefits, settings overlay, design overrides, calibration, sweep), its kind told from its keys,
// checked with everything it includes, then described.
#include <algorithm>
#include <iostream>
#include <memory>
#include <optional>

#include <fmt/format.h>

#include "calibrate/calibration_file.hpp"
#include "cli/commands.hpp"
#include "cli/session.hpp"
#include "core/calendar.hpp"
#include "report/text_table.hpp"
#include "scenario/kind.hpp"
#include "sim/simulation.hpp"
#include "sweep/sweep_spec.hpp"

namespace kokeilu::cli {

namespace {

template <class... F>
struct Overloaded : F... {
  using F::operator()...;
};
template <class... F>
Overloaded(F...) -> Overloaded<F...>;

std::string period(Date start, Date end) {
  return fmt::format("{} to {} ({} weeks)", format_date(start), format_date(end), Calendar(start, end).weeks());
}

std::string population(const std::vector<scenario::MunicipalitySpec>& municipalities, std::size_t markets) {
  std::int64_t persons = 0;
  for (const auto& m : municipalities) persons += m.working_age_persons;
  return fmt::format("{} working-age persons in {} {}, {} labour-market {}", report::grouped(static_cast<double>(persons)),
                     municipalities.size(), municipalities.size() == 1 ? "municipality" : "municipalities", markets,
                     markets == 1 ? "area" : "areas");
}

std::string services(const scenario::DesignSpec& d) {
  std::vector<std::string> on;
  // The service modules (services/modules.hpp) by their YAML names, then the placed services.
  services::for_each_module([&](auto module, auto) {
    using Module = typename decltype(module)::type;
    if (!d.module<Module>().enabled) return;
    if constexpr (std::is_same_v<Module, services::Coach>)
      on.push_back(fmt::format("coach (caseload {})", d.module<Module>().caseload));
    else
      on.emplace_back(Module::kName);
  });
  services::for_each_status_module([&](auto module, auto) {
    using Module = typename decltype(module)::type;
    if (!d.module<Module>().enabled) return;
    std::string name(Module::kName);  // `work_trial` reads "work trial"
    std::replace(name.begin(), name.end(), '_', ' ');
    on.push_back(std::move(name));
  });
  return on.empty() ? "none" : fmt::format("{}", fmt::join(on, ", "));
}

/// Two to five lines after "FILE: valid (KIND)".
std::string describe(const scenario::InputFile& input) {
  return std::visit(
      Overloaded{
          [](const scenario::ScenarioSpec& s) {
            return fmt::format(
                "  scenario: {}\n  period: {}, seed {}\n  persons: {}\n  memory needed: about {} MiB\n"
                "  run it: kokeilu run {} -o OUT.h5\n",
                s.name, period(s.run.start, s.run.end), s.run.seed, population(s.municipalities, s.markets.size()),
                sim::estimate_run_bytes(s, sim::RunOptions{}.trajectory_block_weeks) >> 20, s.source_file);
          },
          [](const scenario::ComparisonSpec& c) {
            std::vector<std::string> arms;
            for (const auto& arm : c.arms) arms.push_back(arm.name);
            return fmt::format(
                "  comparison: {}\n  arms: {} (baseline first), {} replications\n  pilot period: {}, then {} weeks "
                "of follow-up\n  persons: {}\n  run it: kokeilu compare {} -o OUT.h5\n",
                c.name, fmt::join(arms, ", "), c.replications, period(c.pilot_start, c.pilot_end), c.follow_up_weeks,
                population(c.base.municipalities, c.base.markets.size()), c.source_file);
          },
          [](const scenario::DesignSpec& d) {
            return fmt::format("  design: {}\n  organiser: {}\n  period: {}\n  services: {}\n", d.name,
                               scenario::kOrganiserNames[static_cast<int>(d.organiser)],
                               d.start && d.end ? period(*d.start, *d.end) : std::string("the whole run"), services(d));
          },
          [](const scenario::RegionPart& r) {
            return fmt::format("  region: {}\n  persons: {}\n", r.name.empty() ? "(unnamed)" : r.name,
                               population(r.municipalities, r.markets.size()));
          },
          [](const scenario::BehaviourSpec& b) {
            return fmt::format("  behaviour: matching {}, retirement at {}, {} calibration targets\n",
                               b.matching_enabled ? "on" : "off", b.retirement_age_years,
                               b.target_monthly_job_finding.size());
          },
          [](const scenario::BenefitSpec& b) {
            return fmt::format("  benefits: {} regimes from {}, {} benefit days a week\n", b.regimes.size(),
                               format_date(b.regimes.front().from), b.benefit_days_per_week);
          },
          [](const scenario::SettingsPart& p) {
            return fmt::format("  settings: {} values, each checked against the file that includes them (`settings:`)\n",
                               p.paths.size());
          },
          [](const scenario::OverridesPart& p) {
            return fmt::format("  design overrides: {}{}\n", fmt::join(p.keys, ", "),
                               p.area.empty() ? std::string()
                                              : fmt::format(" (an area of {} municipalities, checked against the region "
                                                            "where it is included)", p.area.size()));
          },
      },
      input.spec);
}

/// Calibration and sweep files are tasks for their own commands, not parts of a scenario: told
/// by `scenario` / `comparison` beside `parameters`, and checked by those commands' readers.
std::optional<int> validate_task(const std::string& file) {
  const auto root = loading([&] { return scenario::yaml::load_file(file); });
  if (!root.is_mapping() || !root.find("parameters")) return std::nullopt;
  if (root.find("scenario")) {
    std::optional<scenario::SourceTree> tree;
    const auto spec = loading([&] { return calibrate::read_calibration(file, tree); });
    std::cout << file << ": valid (calibration)\n"
              << fmt::format("  calibration: {}\n  scenario: {}\n  {} parameters, {} targets, {} replications an "
                             "evaluation\n  run it: kokeilu calibrate {}\n",
                             spec.name, spec.scenario_file.string(), spec.parameters.size(), spec.targets.size(),
                             spec.replications, file);
    return 0;
  }
  if (root.find("comparison")) {
    const auto spec = loading([&] { return sweep::load_sweep(file); });
    std::cout << file << ": valid (sweep)\n"
              << fmt::format("  sweep: {} design, {} parameters, {} points{}\n  run it: kokeilu sweep {} -o OUT.h5\n",
                             sweep::design_name(spec.design), spec.parameters.size(), spec.points.size(),
                             spec.shares_history ? ", one shared history" : "", file);
    return 0;
  }
  return std::nullopt;
}

int validate(const std::string& file) {
  if (const auto done = validate_task(file)) return *done;
  const auto input = loading([&] { return scenario::load_any(file); });
  std::cout << file << ": valid (" << scenario::kind_name(input.kind) << ")\n" << describe(input);
  return 0;
}

}  // namespace

void add_validate_command(CommandLine& cli) {
  auto file = std::make_shared<std::string>();
  auto& command = cli.add(
      "validate", "validate FILE", "check any input file (and every file it includes)",
      "Tells what kind of file FILE is from its keys (scenario, comparison, design, region, behaviour,\n"
      "benefits, settings overlay, design overrides, calibration, sweep), loads it and every file it\n"
      "includes, checks every value, and prints a short description. Errors name file:line:column and the key; exit status 2.",
      [file] { return validate(*file); });
  command.add_option("FILE", *file, "the file to check")->required();
}

}  // namespace kokeilu::cli
