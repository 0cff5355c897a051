#pragma once
// The services by their YAML names, derived from the one list of service modules
// (services/modules.hpp): no table to keep in step with it.
//
// What adding a service costs now (counted from where each kind is named; the last measured):
// - without places or a status (an event or a relation acting through job search): a module, 4
//   files besides the design YAML: services/service_<name>.hpp, services/modules.hpp and the
//   generated docs/keys.md and docs/codes.md (`build/kokeilu-keys`, `build/kokeilu-codes`; the
//   schema test takes the sizes and names from docs/codes.md).
// - a relation with places (like the coach): a module with the hooks of a module with places
//   (services/module.hpp) and its code on the `service` axis (`kService`), 7 files besides the
//   design YAML: those 4, its person columns (population/people.hpp, their
//   unit in io/schema.cpp) and its counter of places held (services/week_counters.hpp, as
//   `coached`).
// - a placed service with a status of its own (like work trial): a module with the status hooks
//   (services/module.hpp, "A module with a status"), 4 files besides the design YAML, measured
//   by adding a copy of work trial (code 8, service code 7), switching it on in a design and
//   running the full ctest: its file, modules.hpp (one include, one type) and the generated
//   docs/keys.md and docs/codes.md (whose table was hand-edited in docs/hdf5-schema.md). The count
//   was 18: what follows from the list now is its Status and Service codes' names, the count of
//   statuses and the activating statuses (services/codes.hpp, checked: each code named once),
//   its settings in the design (DesignSpec::placed, a tuple: design.module<Module>()) and their
//   hash (io/checkpoint.cpp, by its field table), the size guard (tests/unit/io/
//   test_checkpoint.cpp measures without the tuples), its measured effect
//   (calibrate/service_effects.cpp folds over the placed services), the determinism test's
//   services (test_mechanisms.cpp switches every placed service on), and the names in the
//   Python analysis and tests (read from the file: its axes name the statuses and services;
//   analysis/measures.py counts every status but employed, unemployed and inactive as in
//   services; tests/python/test_run_schema.py holds the file to docs/codes.md). Optional: its
//   English and Finnish labels in analysis/designs.py and analysis/catalogue_fi.py (without them
//   a report shows its YAML name). A new status code appends to the output schema: whether that
//   bumps io::kSchemaVersion (and the version written in the docs, analysis/ and the schema
//   test, about 7 more files) is the schema's rule, not the module's. Its payment, exits,
//   completion, referral, admission (after the placed services before it in the list, before
//   the coach), budget weight, keys, plan and its line in `kokeilu validate` come from its
//   module: scenario/, sim/ and cli/ fold over them.
#include <optional>
#include <string_view>

#include "core/vocabulary.hpp"
#include "scenario/design_units.hpp"
#include "services/codes.hpp"
#include "services/module_fold.hpp"

namespace kokeilu::services {

/// The service of a YAML name on the `service` axis (scenario::kServiceNames), if any.
constexpr std::optional<scenario::Service> service_named(std::string_view yaml_name) {
  const auto code = code_of(scenario::kServiceNames, yaml_name);
  return code ? std::optional<scenario::Service>(static_cast<scenario::Service>(*code)) : std::nullopt;
}

/// The placed service whose participants hold `status`, if any.
constexpr std::optional<scenario::Service> service_of_status(Status status) {
  std::optional<scenario::Service> found;
  for_each_status_module([&](auto module, auto) {
    using Module = typename decltype(module)::type;
    if (status == Module::kStatus) found = Module::kService;
  });
  return found;
}

}  // namespace kokeilu::services
