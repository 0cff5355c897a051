#pragma once
// The services by their YAML names: what status a service holds people in, and who pays for it.
// The service modules (services/modules.hpp: `assessment`, `job_search_meetings`, `coach`) are in
// their own files; a module that is an older service (`assessment`, `coach`) keeps its row here
// and its Service code only as its place on the `service` axis of a run file's counters (for a
// module with places, its queues, starts and waits).
//
// What adding a service costs now:
// - without places or a status (an event or a relation acting through job search): a module, 5
//   files besides the design YAML: services/service_<name>.hpp, services/modules.hpp, the
//   generated docs/keys.md, docs/hdf5-schema.md (its `module` code, U) and U in
//   tests/python/test_run_schema.py: services/module.hpp.
// - a relation with places (like the coach): a module with the hooks of a module with places
//   (services/module.hpp), 11 files besides the design YAML: those 5, and its Service code and
//   name (scenario/design_spec.hpp; the `service` axis: V and codes in docs/hdf5-schema.md and
//   tests/python/test_run_schema.py, analysis/schema.py), a row below (registry.cpp), its person
//   columns (population/people.hpp, their unit in io/schema.cpp), and its counter of places held
//   (services/week_counters.hpp, as `coached`).
// - with places and a status of its own (like work trial): still hard-wired, 18 files counted
//   from where `work_trial` is named: a Status (core/vocabulary.hpp), a Service code, Spec and
//   member (scenario/design_spec.hpp), its field table and keys.md block
//   (scenario/design_fields.{hpp,cpp}), its case in scenario/load_design.cpp, its budget weight
//   (scenario/capacity.hpp), a row in kServiceTable (registry.cpp), a service_<name> file or
//   service_placed.hpp, its plan (services/plan.cpp), the kernel's switches on status
//   (sim/kernel.hpp), admission (sim/admission.cpp), its hash (io/checkpoint.cpp),
//   cli/command_validate.cpp, docs/keys.md, docs/hdf5-schema.md (S, V),
//   tests/python/test_run_schema.py, analysis/schema.py; and calibrate/service_effects.cpp's
//   case. The hooks it would need (admission, entry, the week in service, exit) are not in
//   services/module.hpp yet.

#include <optional>
#include <string_view>

#include "core/vocabulary.hpp"
#include "scenario/design_spec.hpp"

namespace kokeilu::services {

struct ServiceInfo {
  scenario::Service service;
  std::string_view yaml_name;
  std::optional<Status> status;  // the status a participant holds; none for relations/events
  bool has_places;               // filled from a queue by the design's priority rule
};

/// Every built-in service, in Service code order.
const std::array<ServiceInfo, scenario::kServiceCount>& service_table();
std::optional<scenario::Service> service_named(std::string_view yaml_name);
/// The service whose participants hold `status`, if any.
std::optional<scenario::Service> service_of_status(Status status);

}  // namespace kokeilu::services
