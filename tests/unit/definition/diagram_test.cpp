// Drawings of a definition: Mermaid for GitHub and the dashboard, DOT for Graphviz. Both must
// show every transition, so that a committee can check the process it agreed on.
#include <catch2/catch.hpp>

#include "engine/definition/diagram.hpp"
#include "support/catalogue_fixture.hpp"

using namespace seminarflow;
using namespace seminarflow::test;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

namespace {

constexpr std::string_view review_yaml = R"(
name: review
version: 2
initial: draft
states:
  draft:
    on:
      submit: {target: under_review, roles: [member]}
      withdraw: {target: withdrawn, roles: [member]}
  under_review:
    on:
      comment: {roles: [reviewer]}
      accept:
        target: accepted
        roles: [reviewer]
        guard:
          - check: now > 2026-01-01T00:00:00Z
      send_back: {target: draft, roles: [reviewer]}
  accepted:
    type: final
  withdrawn:
    type: final
)";

const Definition& review() {
    static const Catalogue catalogue = load_ok({workflow_file("review", review_yaml)});
    return *catalogue.find("review");
}

std::size_t count_of(std::string_view text, std::string_view part) {
    std::size_t count = 0;
    for (auto at = text.find(part); at != std::string_view::npos; at = text.find(part, at + 1)) ++count;
    return count;
}

}  // namespace

TEST_CASE("diagram formats are named mermaid and dot", "[diagram]") {
    CHECK(parse_diagram_format("mermaid") == DiagramFormat::mermaid);
    CHECK(parse_diagram_format("dot") == DiagramFormat::dot);
    CHECK_FALSE(parse_diagram_format("svg"));
    CHECK_FALSE(parse_diagram_format("Mermaid"));
}

TEST_CASE("mermaid draws the initial arrow, every transition and the final states", "[diagram]") {
    // Four transitions change state, one (comment) keeps it; two states are final.
    const std::string mermaid = draw(review(), DiagramFormat::mermaid);
    CHECK_THAT(mermaid, StartsWith("---\ntitle: review v2\n---\nstateDiagram-v2\n"));
    CHECK_THAT(mermaid, Contains("    [*] --> draft\n"));
    CHECK_THAT(mermaid, Contains("    draft --> under_review : submit\n"));
    CHECK_THAT(mermaid, Contains("    draft --> withdrawn : withdraw\n"));
    // An event that keeps its state is listed beside it: loops would bury the life-cycle.
    CHECK_THAT(mermaid, Contains("    note right of under_review : comment\n"));
    CHECK_THAT(mermaid, Contains("    under_review --> accepted : accept [guarded]\n"));
    CHECK_THAT(mermaid, Contains("    under_review --> draft : send_back\n"));
    CHECK_THAT(mermaid, Contains("    accepted --> [*]\n"));
    CHECK_THAT(mermaid, Contains("    withdrawn --> [*]\n"));
    CHECK(count_of(mermaid, " --> ") == 1 + 4 + 2);
    CHECK_FALSE(Contains("classDef").match(mermaid));
}

TEST_CASE("mermaid highlights the current state, and only a state that exists", "[diagram]") {
    const std::string mermaid = draw(review(), DiagramFormat::mermaid, "under_review");
    CHECK_THAT(mermaid, Contains("classDef current fill:#fde68a"));
    CHECK_THAT(mermaid, Contains("    class under_review current\n"));
    CHECK_FALSE(Contains("classDef").match(draw(review(), DiagramFormat::mermaid, "nowhere")));
}

TEST_CASE("dot draws a digraph with the same edges", "[diagram]") {
    const std::string dot = draw(review(), DiagramFormat::dot);
    CHECK_THAT(dot, StartsWith("digraph \"review\" {\n"));
    CHECK(dot.ends_with("}\n"));
    CHECK_THAT(dot, Contains("    __start -> \"draft\";\n"));
    CHECK_THAT(dot, Contains("    \"draft\" -> \"under_review\" [label=\"submit\"];\n"));
    CHECK_THAT(dot, Contains("    \"draft\" -> \"withdrawn\" [label=\"withdraw\"];\n"));
    CHECK_THAT(dot, Contains("    \"under_review\" [label=\"under_review\\n(comment)\"];\n"));
    CHECK_THAT(dot, Contains("    \"under_review\" -> \"accepted\" [label=\"accept [guarded]\"];\n"));
    CHECK_THAT(dot, Contains("    \"under_review\" -> \"draft\" [label=\"send_back\"];\n"));
    CHECK_THAT(dot, Contains("    \"accepted\" [peripheries=2];\n"));
    CHECK_THAT(dot, Contains("    \"withdrawn\" [peripheries=2];\n"));
    CHECK(count_of(dot, " -> ") == 1 + 4);
}

TEST_CASE("dot highlights the current state, a final one too", "[diagram]") {
    const std::string dot = draw(review(), DiagramFormat::dot, "accepted");
    CHECK_THAT(dot, Contains("    \"accepted\" [peripheries=2, style=\"rounded,filled\", fillcolor=\"#fde68a\"];\n"));
    CHECK_THAT(draw(review(), DiagramFormat::dot, "draft"),
               Contains("    \"draft\" [style=\"rounded,filled\", fillcolor=\"#fde68a\"];\n"));
}
