#include "services/registry.hpp"

namespace kokeilu::services {

using scenario::Service;

const std::array<ServiceInfo, scenario::kServiceCount>& service_table() {
  static const std::array<ServiceInfo, scenario::kServiceCount> table{{
      {Service::assessment, "assessment", std::nullopt, false},
      {Service::coach, "coach", std::nullopt, true},
      {Service::training, "training", Status::training, true},
      {Service::rehabilitative_work, "rehabilitative_work", Status::rehabilitative, true},
      {Service::pay_subsidy, "pay_subsidy", Status::subsidised_job, true},
      {Service::work_trial, "work_trial", Status::work_trial, true},
  }};
  return table;
}

std::optional<Service> service_named(std::string_view yaml_name) {
  for (const auto& info : service_table())
    if (info.yaml_name == yaml_name) return info.service;
  return std::nullopt;
}

std::optional<Service> service_of_status(Status status) {
  for (const auto& info : service_table())
    if (info.status == status) return info.service;
  return std::nullopt;
}

}  // namespace kokeilu::services
