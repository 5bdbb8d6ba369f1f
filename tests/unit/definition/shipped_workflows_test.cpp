// The definitions and templates the repository ships must load together, as `seminarflow serve`
// loads them: a change to the engine that refuses one of them is caught here, not in production.
#include <catch2/catch.hpp>

#include "engine/definition/catalogue.hpp"
#include "engine/definition/diagram.hpp"
#include "engine/definition/template_catalogue.hpp"
#include "engine/interpreter/named_guards.hpp"
#include "support/catalogue_fixture.hpp"

using namespace seminarflow;

TEST_CASE("the shipped workflows load with the shipped templates", "[shipped]") {
    const std::filesystem::path root = SEMINARFLOW_SOURCE_DIR;
    auto templates = load_templates_directory(root / "config" / "templates");
    if (!templates) FAIL("templates refused:\n" << test::formatted(templates.error()));

    LoadContext context;
    context.templates = templates->names();
    context.named_guards = standard_named_guards();
    auto catalogue = load_catalogue_directory(root / "workflows", context);
    if (!catalogue) FAIL("workflows refused:\n" << test::formatted(catalogue.error()));

    for (const char* name : {"seminar", "submission", "proposal", "directive", "reward", "contest", "programme"}) {
        INFO(name);
        const Definition* definition = catalogue->find(name);
        REQUIRE(definition);
        CHECK(draw(*definition, DiagramFormat::mermaid).find("stateDiagram-v2") != std::string::npos);
    }
}
