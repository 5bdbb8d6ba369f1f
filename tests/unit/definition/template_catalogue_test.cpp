#include <catch2/catch.hpp>

#include "engine/definition/template_catalogue.hpp"

using namespace seminarflow;

namespace {

std::string messages(const std::vector<Diagnostic>& diagnostics) {
    std::string text;
    for (const auto& diagnostic : diagnostics) text += format_diagnostic(diagnostic) + "\n";
    return text;
}

}  // namespace

TEST_CASE("templates load per language and are found by name", "[templates]") {
    const auto catalogue = load_templates({
        {"t/vi.yaml", "seminar.planned:\n  subject: \"Hội thảo {{title}}\"\n  body: \"Kính mời dự {{title}} tại {{venue}}.\"\n"},
        {"t/en.yaml", "seminar.planned:\n  subject: \"Seminar {{title}}\"\n  body: \"You are invited to {{title}} at {{venue}}.\"\n"},
    });
    REQUIRE(catalogue.ok());
    CHECK(catalogue->fields() == TemplateFields{{"seminar.planned", {"title", "venue"}}});
    CHECK(catalogue->languages() == std::vector<std::string>{"en", "vi"});
    REQUIRE(catalogue->find("vi", "seminar.planned"));
    CHECK(catalogue->find("vi", "seminar.planned")->subject == "Hội thảo {{title}}");
    CHECK_FALSE(catalogue->find("fr", "seminar.planned"));
    CHECK_FALSE(catalogue->find("en", "seminar.cancelled"));
}

TEST_CASE("a template missing in one language is refused, naming the file", "[templates]") {
    const auto catalogue = load_templates({
        {"t/vi.yaml", "a:\n  subject: x\n  body: y\nb:\n  subject: x\n  body: y\n"},
        {"t/en.yaml", "a:\n  subject: x\n  body: y\n"},
    });
    REQUIRE_FALSE(catalogue.ok());
    CHECK(messages(catalogue.error()) == "t/en.yaml: template 'b' is defined in vi.yaml but missing here\n");
}

TEST_CASE("templates refuse unknown keys, empty texts, broken placeholders and duplicates", "[templates]") {
    const auto unknown = load_templates({{"t/vi.yaml", "a:\n  subject: x\n  body: y\n  footer: z\n"}});
    REQUIRE_FALSE(unknown.ok());
    CHECK_THAT(messages(unknown.error()), Catch::StartsWith("t/vi.yaml:4:3: unknown key 'footer' in template 'a'"));

    const auto empty = load_templates({{"t/vi.yaml", "a:\n  subject: ''\n  body: y\n"}});
    REQUIRE_FALSE(empty.ok());
    CHECK_THAT(messages(empty.error()), Catch::Contains("t/vi.yaml:2:12: template 'a' subject is empty"));

    const auto unclosed = load_templates({{"t/vi.yaml", "a:\n  subject: x\n  body: \"Kính mời {{title\"\n"}});
    REQUIRE_FALSE(unclosed.ok());
    CHECK_THAT(messages(unclosed.error()), Catch::Contains("template 'a' body: a `{{` is never closed with `}}`"));

    const auto not_a_field = load_templates({{"t/vi.yaml", "a:\n  subject: \"{{Tên}}\"\n  body: y\n"}});
    REQUIRE_FALSE(not_a_field.ok());
    CHECK_THAT(messages(not_a_field.error()), Catch::Contains("`{{Tên}}` is not a field name"));

    const auto twice = load_templates({{"t/vi.yaml", "a:\n  subject: x\n  body: y\na:\n  subject: x\n  body: y\n"}});
    REQUIRE_FALSE(twice.ok());
    CHECK_THAT(messages(twice.error()), Catch::Contains("t/vi.yaml:4:1: template 'a' is defined twice"));

    const auto broken = load_templates({{"t/vi.yaml", "a: [\n"}});
    REQUIRE_FALSE(broken.ok());
    CHECK_THAT(messages(broken.error()), Catch::Contains("not valid YAML"));
}

TEST_CASE("the shipped templates load, in Vietnamese and English", "[templates][shipped]") {
    const auto catalogue = load_templates_directory(std::filesystem::path(SEMINARFLOW_SOURCE_DIR) / "config" / "templates");
    if (!catalogue) FAIL(messages(catalogue.error()));
    CHECK(catalogue->languages() == std::vector<std::string>{"en", "vi"});
    CHECK(catalogue->fields().size() > 10);
}

TEST_CASE("a folder without templates is refused", "[templates]") {
    const auto catalogue = load_templates_directory(std::filesystem::path(SEMINARFLOW_SOURCE_DIR) / "docs");
    REQUIRE_FALSE(catalogue.ok());
    CHECK_THAT(messages(catalogue.error()), Catch::Contains("no template files"));
}
