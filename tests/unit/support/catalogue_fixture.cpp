#include "support/catalogue_fixture.hpp"

#include <catch2/catch.hpp>

#include "engine/interpreter/named_code.hpp"

namespace seminarflow::test {
namespace {

std::string_view without_leading_newline(std::string_view yaml) {
    if (!yaml.empty() && yaml.front() == '\n') yaml.remove_prefix(1);
    return yaml;
}

}  // namespace

LoadContext test_context() {
    LoadContext context;
    for (const char* name : {"demo.planned", "demo.reminder", "demo.cancelled", "demo.created", "demo.started",
                             "demo.closed", "child.invited", "child.done"}) {
        context.templates[name] = {};
    }
    context.templates["demo.planned"] = {"title"};
    context.named = standard_named_code();
    return context;
}

SourceFile workflow_file(std::string_view name, std::string_view yaml) {
    return {"workflows/" + std::string(name) + ".yaml", std::string(without_leading_newline(yaml))};
}

Catalogue load_ok(std::vector<SourceFile> files) {
    auto catalogue = load_catalogue(std::move(files), test_context());
    if (!catalogue) FAIL("the loader refused the fixture:\n" << formatted(catalogue.error()));
    return std::move(catalogue).value();
}

std::vector<Diagnostic> load_refused(std::vector<SourceFile> files) {
    auto catalogue = load_catalogue(std::move(files), test_context());
    if (catalogue) FAIL("the loader accepted a fixture it must refuse");
    return catalogue.error();
}

Diagnostic single_refusal(std::string_view name, std::string_view yaml) {
    const auto diagnostics = load_refused({workflow_file(name, yaml)});
    INFO(formatted(diagnostics));
    REQUIRE(diagnostics.size() == 1);
    return diagnostics.front();
}

std::string formatted(const std::vector<Diagnostic>& diagnostics) {
    std::string text;
    for (const auto& diagnostic : diagnostics) text += format_diagnostic(diagnostic) + "\n";
    return text;
}

int line_of(std::string_view yaml, std::string_view marker) {
    yaml = without_leading_newline(yaml);
    const auto found = yaml.find(marker);
    REQUIRE(found != std::string_view::npos);
    // A marker that occurs twice would make the expectation ambiguous.
    REQUIRE(yaml.find(marker, found + 1) == std::string_view::npos);
    int line = 1;
    for (std::size_t i = 0; i < found; ++i) line += yaml[i] == '\n' ? 1 : 0;
    return line;
}

}  // namespace seminarflow::test
