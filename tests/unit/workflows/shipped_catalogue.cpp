#include "workflows/shipped_catalogue.hpp"

#include <catch2/catch.hpp>

#include <optional>

#include "engine/definition/definition_set.hpp"
#include "engine/interpreter/named_code.hpp"
#include "support/catalogue_fixture.hpp"

namespace seminarflow::test {
namespace {

Catalogue load_shipped() {
    auto loaded = load_definition_set(source_dir() / "config" / "templates", source_dir() / "workflows",
                                      standard_named_code());
    if (!loaded) FAIL("the shipped templates or workflows are refused:\n" << formatted(loaded.error()));
    return std::move(loaded->catalogue);
}

}  // namespace

std::filesystem::path source_dir() { return SEMINARFLOW_SOURCE_DIR; }

const Catalogue& shipped_catalogue() {
    static std::optional<Catalogue> catalogue;
    if (!catalogue) catalogue = load_shipped();
    return *catalogue;
}

}  // namespace seminarflow::test
