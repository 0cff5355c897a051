#pragma once
// The services by their YAML names, derived from the one list of service modules
// (services/modules.hpp): no table to keep in step with it.
//
// What adding a service costs now (counted from where each kind is named):
// - without places or a status (an event or a relation acting through job search): a module, 5
//   files besides the design YAML: services/service_<name>.hpp, services/modules.hpp, the
//   generated docs/keys.md, docs/hdf5-schema.md (its `module` code, U) and U in
//   tests/python/test_run_schema.py: services/module.hpp.
// - a relation with places (like the coach): a module with the hooks of a module with places
//   (services/module.hpp), 10 files besides the design YAML: those 5, its Service code and name
//   (scenario/design_units.hpp; the `service` axis: V and codes in docs/hdf5-schema.md and
//   tests/python/test_run_schema.py, analysis/schema.py), its person columns
//   (population/people.hpp, their unit in io/schema.cpp), and its counter of places held
//   (services/week_counters.hpp, as `coached`).
// - a placed service with a status of its own (like work trial): a module with the status hooks
//   (services/module.hpp, "A module with a status"), 18 files besides the design YAML (counted
//   when self-motivated study was added; the count said 10 before): its file and modules.hpp;
//   its Status code and name (core/vocabulary.hpp: the enum, kStatusCount, kStatusNames,
//   is_activating_service); its Service code and name (scenario/design_units.hpp); its settings
//   as a member of the design with their alias (scenario/design_spec.hpp, found by
//   Module::spec_of) and their hash (io/checkpoint.cpp); its case in
//   calibrate/service_effects.cpp (a switch over Service: it does not build without); the
//   generated docs/keys.md; the status and service codes in docs/hdf5-schema.md (S, V),
//   tests/python/test_run_schema.py and analysis/schema.py; the status names written out again in
//   tests/python/test_xarray.py and tests/regression/regression.py; the activation rate's
//   statuses in analysis/measures.py (IN_SERVICE_STATUSES); its labels in analysis/designs.py
//   and analysis/catalogue_fi.py; the size guard of the design in tests/unit/io/test_checkpoint.cpp
//   and the list of placed services switched on in test_mechanisms.cpp's determinism test (it
//   checks every service code starts). A new Status code changes the output schema: io::kSchemaVersion
//   and the version written in the docs, analysis/ and the schema test (about 7 more files). Its
//   payment, exits, completion, referral, admission (after the placed services before it in the
//   list, before the coach), budget weight, keys, plan and its line in `kokeilu validate` come
//   from its module: scenario/, sim/ and cli/ fold over them.
#include <optional>
#include <string_view>

#include "core/vocabulary.hpp"
#include "scenario/design_units.hpp"
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
    if (status == Module::kStatus) found = service_named(Module::kName);
  });
  return found;
}

}  // namespace kokeilu::services
