#pragma once
// The services by their YAML names: what status a service holds people in, and who pays for it.
// Adding a service: a Service code in scenario/design_spec.hpp, a service_<name> file here, a row
// in kServiceTable, its YAML keys in scenario/load_design.cpp.
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
