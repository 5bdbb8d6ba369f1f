#include <catch2/catch.hpp>

#include "engine/definition/template_text.hpp"

using namespace seminarflow;

TEST_CASE("template text reads into literal pieces and placeholders", "[messages]") {
    const auto pieces = parse_template_text("Kính mời dự {{ title }} tại {{venue}}{{unit.name}}.");
    REQUIRE(pieces.ok());
    REQUIRE(pieces->size() == 6);
    CHECK(((*pieces)[0].text == "Kính mời dự " && !(*pieces)[0].placeholder));
    CHECK(((*pieces)[1].text == "title" && (*pieces)[1].placeholder));
    CHECK(((*pieces)[3].text == "venue" && (*pieces)[3].placeholder));
    CHECK(((*pieces)[4].text == "unit.name" && (*pieces)[4].placeholder));
    CHECK((*pieces)[5].text == ".");
    CHECK(placeholder_field("unit.name") == "unit");
    CHECK(placeholder_field("title") == "title");
    CHECK(parse_template_text("").value().empty());
}

TEST_CASE("template text that is not a template says why", "[messages]") {
    CHECK(parse_template_text("Hạn {{due").error() == "a `{{` is never closed with `}}`");
    CHECK(parse_template_text("{{Title}}").error() == "`{{Title}}` is not a field name");
    CHECK(parse_template_text("{{  }}").error() == "`{{  }}` is not a field name");
    CHECK(parse_template_text("{{unit..name}}").error() == "`{{unit..name}}` is not a field name");
    CHECK(parse_template_text("{{.name}}").error() == "`{{.name}}` is not a field name");
}
