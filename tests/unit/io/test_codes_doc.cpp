// docs/codes.md is generated from the engine's lists; this test fails when it is stale.
#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>
#include <string>

#include "io/schema.hpp"
#include "services/codes.hpp"

TEST_CASE("docs/codes.md is the engine's codes (regenerate: build/kokeilu-codes > docs/codes.md)", "[io]") {
  std::ifstream file(KOKEILU_SOURCE_DIR "/docs/codes.md");
  REQUIRE(file.good());
  std::stringstream text;
  text << file.rdbuf();
  INFO("docs/codes.md is stale: run `cmake --build build --target kokeilu-codes && build/kokeilu-codes > docs/codes.md`");
  CHECK(text.str() == kokeilu::io::codes_markdown());
}

TEST_CASE("the codes page names every status and service in code order", "[io]") {
  const std::string doc = kokeilu::io::codes_markdown();
  std::string statuses = "| status |";
  for (int s = 0; s < kokeilu::kStatusCount; ++s) {
    statuses += s ? ", " : " ";
    statuses += kokeilu::kStatusNames[s];
  }
  CHECK(doc.find(statuses + " |\n") != std::string::npos);
  CHECK(doc.find("| service | assessment, coach, training,") != std::string::npos);
}
