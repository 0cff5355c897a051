#pragma once
// The keys of a design file, declared once (scenario/fields.hpp; a service's are in its module,
// services/service_<name>.hpp):
// load_design.cpp reads with these tables, and docs/keys.md is generated from them
// (`build/kokeilu-keys > docs/keys.md`; a test fails when the file is stale).
#include <span>
#include <string>

#include "scenario/design_spec.hpp"
#include "scenario/fields.hpp"

namespace kokeilu::scenario {

std::span<const Field<DesignSpec>> design_fields();
std::span<const Field<StaffSpec>> staff_fields();
std::span<const Field<BudgetSpec>> budget_fields();
std::span<const Field<MunicipalityResponseSpec>> municipality_response_fields();

/// docs/keys.md: every key of a design file, by block.
std::string keys_markdown();

}  // namespace kokeilu::scenario
