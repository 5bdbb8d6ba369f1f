// Older versions of a workflow loaded from the store beside the current files: an instance keeps
// the version it started on (Catalogue::add_stored_version, add_stored_versions).
#include <catch2/catch.hpp>

#include "engine/runtime/definition_records.hpp"
#include "tests/unit/support/catalogue_fixture.hpp"

namespace seminarflow {
namespace {

using test::load_ok;
using test::test_context;
using test::workflow_file;

constexpr std::string_view ticket_v2 = R"(
name: ticket
version: 2
initial: open
states:
  open:
    on:
      submit: {target: review}
  review:
    on:
      close: {target: closed}
  closed:
    type: final
)";

constexpr std::string_view ticket_v1 = R"(
name: ticket
version: 1
initial: open
states:
  open:
    on:
      close: {target: closed}
  closed:
    type: final
)";

}  // namespace

TEST_CASE("a stored version is found beside the current one", "[catalogue][versions]") {
    Catalogue catalogue = load_ok({workflow_file("ticket", ticket_v2)});
    CHECK(catalogue.find("ticket", 1) == nullptr);

    const auto added = catalogue.add_stored_version(workflow_file("ticket", ticket_v1), test_context());
    REQUIRE(added.ok());
    const Definition* v1 = catalogue.find("ticket", 1);
    REQUIRE(v1 == added->definition);
    CHECK(added->warnings.empty());
    CHECK(v1->version == 1);
    CHECK(v1->find_state("review") == nullptr);
    // New instances still start on the current version, and listings show it alone.
    CHECK(catalogue.find("ticket")->version == 2);
    CHECK(catalogue.find("ticket", 2) == catalogue.find("ticket"));
    CHECK(catalogue.all().size() == 1);
}

TEST_CASE("a stored version that is current, added already or broken is refused", "[catalogue][versions]") {
    Catalogue catalogue = load_ok({workflow_file("ticket", ticket_v2)});
    REQUIRE(catalogue.add_stored_version(workflow_file("ticket", ticket_v1), test_context()).ok());

    const auto again = catalogue.add_stored_version(workflow_file("ticket", ticket_v1), test_context());
    REQUIRE_FALSE(again.ok());
    CHECK_THAT(test::formatted(again.error()), Catch::Matchers::Contains("version 1 is loaded already"));

    const auto current = catalogue.add_stored_version(workflow_file("ticket", ticket_v2), test_context());
    REQUIRE_FALSE(current.ok());
    CHECK_THAT(test::formatted(current.error()), Catch::Matchers::Contains("version 2 is loaded already"));

    // A version whose template is gone from the templates the node loads now.
    const auto broken = catalogue.add_stored_version(workflow_file("ticket", R"(
name: ticket
version: 5
initial: open
states:
  open:
    entry:
      - notify: ticket.gone
)"),
                                                     test_context());
    REQUIRE_FALSE(broken.ok());
    CHECK(catalogue.find("ticket", 5) == nullptr);
}

TEST_CASE("every stored version but the current ones is added, and the broken ones are told", "[catalogue][versions]") {
    Catalogue catalogue = load_ok({workflow_file("ticket", ticket_v2)});
    const std::vector<DefinitionRecord> stored = {
        {"ticket", 1, std::string(ticket_v1.substr(1)), "a"},
        {"ticket", 2, std::string(ticket_v2.substr(1)), "b"},
        {"ticket", 3, "name: ticket\nversion: 3\n", "c"},
    };
    const auto problems = add_stored_versions(catalogue, stored, test_context()).problems;
    CHECK(catalogue.find("ticket", 1) != nullptr);
    CHECK(catalogue.find("ticket", 3) == nullptr);
    REQUIRE_FALSE(problems.empty());
    for (const Diagnostic& problem : problems) CHECK(problem.file == "(stored version 3)/ticket.yaml");
}

TEST_CASE("a template placeholder an older stored version has no field for is a warning, in the current files a refusal",
          "[catalogue][versions][placeholders]") {
    // The template gained {{venue}} in this release; version 1 of the workflow has no venue.
    LoadContext context = test_context();
    context.templates["ticket.opened"] = {"title", "venue"};
    const std::string current = R"(
name: ticket
version: 2
initial: open
data:
  title: string
  venue: string?
states:
  open:
    entry:
      - notify: ticket.opened
    on:
      close: {target: closed}
  closed:
    type: final
)";
    const std::string older = R"(
name: ticket
version: 1
initial: open
data:
  title: string
states:
  open:
    entry:
      - notify: ticket.opened
    on:
      close: {target: closed}
  closed:
    type: final
)";
    auto loaded = load_catalogue({workflow_file("ticket", current)}, context);
    REQUIRE(loaded.ok());
    Catalogue catalogue = std::move(loaded).value();

    const std::vector<DefinitionRecord> stored = {{"ticket", 1, older.substr(1), "a"}};
    const StoredVersionsLoaded added = add_stored_versions(catalogue, stored, context);
    CHECK(added.problems.empty());
    REQUIRE(catalogue.find("ticket", 1) != nullptr);
    REQUIRE(added.warnings.size() == 1);
    CHECK(added.warnings[0].file == "(stored version 1)/ticket.yaml");
    CHECK(added.warnings[0].where.line == test::line_of(older.substr(1), "notify: ticket.opened"));
    CHECK_THAT(added.warnings[0].message, Catch::Matchers::Contains("{{venue}}") &&
                                              Catch::Matchers::Contains("not a data field of ticket"));

    // The same file as the current one is refused: the current files stay strictly checked.
    const auto refused = load_catalogue({workflow_file("ticket", older)}, context);
    REQUIRE_FALSE(refused.ok());
    CHECK_THAT(test::formatted(refused.error()), Catch::Matchers::Contains("uses {{venue}}, which is not a data field"));
}

}  // namespace seminarflow
