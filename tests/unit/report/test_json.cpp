#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include "report/json.hpp"

using kokeilu::report::Json;

TEST_CASE("json escapes strings and writes non-finite numbers as null", "[report][json]") {
  const auto text = Json::object()
                        .set("name", Json::string("Kokemäki \"centre\"\n\\"))
                        .set("rate", Json::number(0.25))
                        .set("missing", Json::number(std::nan("")))
                        .set("infinite", Json::number(std::numeric_limits<double>::infinity()))
                        .set("seed", Json::unsigned_integer(18446744073709551615ull))
                        .set("weeks", Json::integer(-3))
                        .set("list", Json::array().push(Json::boolean(true)).push(Json::null()))
                        .set("empty", Json::array())
                        .dump();
  CHECK(text ==
        "{\n"
        "  \"name\": \"Kokemäki \\\"centre\\\"\\n\\\\\",\n"
        "  \"rate\": 0.25,\n"
        "  \"missing\": null,\n"
        "  \"infinite\": null,\n"
        "  \"seed\": 18446744073709551615,\n"
        "  \"weeks\": -3,\n"
        "  \"list\": [\n"
        "    true,\n"
        "    null\n"
        "  ],\n"
        "  \"empty\": []\n"
        "}\n");
  CHECK_THROWS_AS(Json::array().set("key", Json::null()), std::logic_error);
  CHECK_THROWS_AS(Json::object().push(Json::null()), std::logic_error);
}
