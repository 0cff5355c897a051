// The status and service codes that files store, derived from the list of service modules
// (services/codes.hpp): pinned here, since a code changed is a file read wrongly.
#include <catch2/catch.hpp>

#include <array>
#include <cmath>
#include <cstdint>
#include <span>
#include <string_view>

#include "services/codes.hpp"

using namespace kokeilu;

TEST_CASE("the statuses keep their codes and names", "[services][codes]") {
  // Appended only: a new placed service takes the next code.
  constexpr std::array<std::string_view, 8> written{"employed",   "subsidised_job", "unemployed", "training",
                                                    "rehabilitative", "work_trial", "inactive",   "self_motivated_study"};
  REQUIRE(kStatusCount >= static_cast<int>(written.size()));
  for (std::size_t code = 0; code < written.size(); ++code) {
    CAPTURE(code);
    CHECK(kStatusNames[code] == written[code]);
  }
  CHECK(kStatusNames[static_cast<std::size_t>(services::PaySubsidy::kStatus)] == "subsidised_job");
  CHECK(kStatusNames[static_cast<std::size_t>(services::Training::kStatus)] == "training");
  // Activating: every placed service's status; not employed, unemployed or inactive.
  for (const auto& core : kCoreStatuses) CHECK_FALSE(is_activating_service(core.status));
  services::for_each_status_module([](auto module, auto) { CHECK(is_activating_service(decltype(module)::type::kStatus)); });
}

TEST_CASE("the services keep their codes and names", "[services][codes]") {
  constexpr std::array<std::string_view, 7> written{"assessment", "coach",      "training",           "rehabilitative_work",
                                                    "pay_subsidy", "work_trial", "self_motivated_study"};
  REQUIRE(scenario::kServiceCount >= static_cast<int>(written.size()));
  for (std::size_t code = 0; code < written.size(); ++code) {
    CAPTURE(code);
    CHECK(scenario::kServiceNames[code] == written[code]);
  }
  CHECK(services::Coach::kService == scenario::Service::coach);
  CHECK(services::WorkTrial::kService == scenario::Service::work_trial);
}

TEST_CASE("the activation rate by status counts the activating services", "[services][codes][measures]") {
  std::array<std::int64_t, kStatusCount> counts{};
  counts[static_cast<int>(Status::employed)] = 100;
  counts[static_cast<int>(Status::unemployed)] = 6;
  counts[static_cast<int>(Status::training)] = 1;
  counts[static_cast<int>(Status::work_trial)] = 1;
  counts[static_cast<int>(Status::subsidised_job)] = 2;
  counts[static_cast<int>(Status::inactive)] = 50;
  CHECK(activation_rate_of_counts(std::span<const std::int64_t, kStatusCount>(counts)) == Approx(0.4));
}

TEST_CASE("with nobody unemployed or in services there is no activation rate by counts", "[services][codes][measures]") {
  std::array<std::int64_t, kStatusCount> counts{};
  counts[static_cast<int>(Status::employed)] = 10;
  counts[static_cast<int>(Status::inactive)] = 3;
  CHECK(std::isnan(activation_rate_of_counts(std::span<const std::int64_t, kStatusCount>(counts))));
}
