// The definitions and templates the repository ships must load together, as `seminarflow serve`
// loads them: a change to the engine that refuses one of them is caught here, not in production.
#include <catch2/catch.hpp>

#include "engine/definition/catalogue.hpp"
#include "engine/definition/diagram.hpp"
#include "engine/definition/definition_set.hpp"
#include "engine/interpreter/named_code.hpp"
#include "support/catalogue_fixture.hpp"

using namespace seminarflow;

TEST_CASE("the shipped workflows load with the shipped templates", "[shipped]") {
    const std::filesystem::path root = SEMINARFLOW_SOURCE_DIR;
    auto loaded = load_definition_set(root / "config" / "templates", root / "workflows", standard_named_code());
    if (!loaded) FAIL("refused:\n" << test::formatted(loaded.error()));
    const Catalogue* catalogue = &loaded->catalogue;
    CHECK(loaded->templates.languages() == std::vector<std::string>{"en", "vi"});

    for (const char* name : {"seminar", "submission", "proposal", "directive", "reward", "contest", "programme"}) {
        INFO(name);
        const Definition* definition = catalogue->find(name);
        REQUIRE(definition);
        CHECK(draw(*definition, DiagramFormat::mermaid).find("stateDiagram-v2") != std::string::npos);
    }
}

TEST_CASE("a definition set is refused with the templates' problems before the workflows are read", "[shipped]") {
    const std::filesystem::path root = SEMINARFLOW_SOURCE_DIR;
    auto loaded = load_definition_set(root / "docs", root / "workflows", standard_named_code());
    REQUIRE_FALSE(loaded.ok());
    REQUIRE(loaded.error().size() == 1);
    CHECK_THAT(loaded.error().front().message, Catch::Contains("no template files"));
}
