// docs/keys.md is generated from the field tables; this test fails when it is stale.
#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

#include "scenario/design_fields.hpp"

TEST_CASE("docs/keys.md is the field tables' reference (regenerate: build/kokeilu-keys > docs/keys.md)") {
  std::ifstream file(KOKEILU_SOURCE_DIR "/docs/keys.md");
  REQUIRE(file.good());
  std::stringstream text;
  text << file.rdbuf();
  INFO("docs/keys.md is stale: run `cmake --build build --target kokeilu-keys && build/kokeilu-keys > docs/keys.md`");
  CHECK(text.str() == kokeilu::scenario::keys_markdown());
}

TEST_CASE("Every key of every service table is documented, with its default") {
  const std::string doc = kokeilu::scenario::keys_markdown();
  for (const auto& field : kokeilu::services::Coach::fields()) CHECK(doc.find("`" + std::string(field.name) + "`") != std::string::npos);
  CHECK(doc.find("| `caseload` | whole number | persons | ≥ 1, ≤ 10000 | `160` |") != std::string::npos);
  CHECK(doc.find("| `exits.to_training` |") != std::string::npos);
}
