#include "workflows/shipped_catalogue.hpp"

#include <catch2/catch.hpp>

#include <optional>

#include "engine/definition/template_catalogue.hpp"
#include "engine/interpreter/named_guards.hpp"
#include "support/catalogue_fixture.hpp"

namespace seminarflow::test {
namespace {

// As `seminarflow serve` loads them: the templates first, whose names the workflows may use.
Catalogue load_shipped() {
    auto templates = load_templates_directory(source_dir() / "config" / "templates");
    if (!templates) FAIL("the shipped templates are refused:\n" << formatted(templates.error()));
    LoadContext context;
    context.templates = templates->names();
    context.named_guards = standard_named_guards();
    auto catalogue = load_catalogue_directory(source_dir() / "workflows", context);
    if (!catalogue) FAIL("the shipped workflows are refused:\n" << formatted(catalogue.error()));
    return std::move(catalogue).value();
}

}  // namespace

std::filesystem::path source_dir() { return SEMINARFLOW_SOURCE_DIR; }

const Catalogue& shipped_catalogue() {
    static std::optional<Catalogue> catalogue;
    if (!catalogue) catalogue = load_shipped();
    return *catalogue;
}

}  // namespace seminarflow::test
