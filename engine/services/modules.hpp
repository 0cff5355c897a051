#pragma once
// The service modules, registered by type in this ONE list (services/module.hpp says what a
// module provides). Adding a service module: its file, one include and one type below.
#include <tuple>

namespace kokeilu::services {

using ServiceModules = std::tuple<>;

}  // namespace kokeilu::services
