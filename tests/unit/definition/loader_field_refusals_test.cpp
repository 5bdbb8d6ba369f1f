// Field declarations (`data:` and `payload:`): types, closed lists and defaults are checked when
// the definition loads, so that a default can never be a value its own field refuses.
#include <catch2/catch.hpp>

#include "support/catalogue_fixture.hpp"

using namespace seminarflow;
using namespace seminarflow::test;

namespace {

// A one-state workflow whose `data:` holds `fields` (indented by two spaces).
std::string with_data(std::string_view fields) {
    return "name: demo\nversion: 1\ninitial: draft\ndata:\n" + std::string(fields) +
           "states:\n  draft:\n    type: final\n";
}

}  // namespace

TEST_CASE("an unknown type is refused with a suggestion and the list of types", "[loader][refusal]") {
    const std::string yaml = with_data("  title: strng\n");
    const Diagnostic error = single_refusal("demo", yaml);
    CHECK(error.where.line == 5);
    CHECK(error.where.column == 10);
    CHECK(error.message == "field 'title': unknown type 'strng' (did you mean 'string'?); types are string, integer, "
                           "number, boolean, time, duration, vnd, array, object");
}

TEST_CASE("`any` is inferred, never declared", "[loader][refusal]") {
    const Diagnostic error = single_refusal("demo", with_data("  whatever: any\n"));
    CHECK(error.where.line == 5);
    CHECK(error.message.starts_with("field 'whatever': unknown type 'any'"));
}

TEST_CASE("one_of lists texts, so only a string field may have one", "[loader][refusal]") {
    const std::string yaml = with_data("  title: string\n  rank: {type: integer, one_of: [first, second]}\n");
    const Diagnostic error = single_refusal("demo", yaml);
    CHECK(error.where.line == line_of(yaml, "rank"));
    CHECK(error.where.column == 9);
    CHECK(error.message == "field 'rank': one_of lists texts, so the type must be string");
}

TEST_CASE("a default must be a value of its field", "[loader][refusal]") {
    SECTION("text for a whole number") {
        const std::string yaml = with_data("  rounds: {type: integer, default: three}\n");
        const Diagnostic error = single_refusal("demo", yaml);
        CHECK(error.where.line == 5);
        CHECK(error.where.column == 36);
        CHECK(error.message == "field 'rounds' default: expected a whole number, got \"three\"");
    }
    SECTION("a negative amount") {
        const Diagnostic error = single_refusal("demo", with_data("  budget_vnd: {type: vnd, default: -5}\n"));
        CHECK(error.where.line == 5);
        CHECK(error.message == "field 'budget_vnd' default: expected a whole, non-negative amount in VND, got -5");
    }
    SECTION("a date that does not exist") {
        const Diagnostic error =
            single_refusal("demo", with_data("  starts_at: {type: time, default: 2026-02-30T08:00:00Z}\n"));
        CHECK(error.where.line == 5);
        CHECK(error.message == "field 'starts_at' default: expected a time (RFC 3339, e.g. 2026-12-01T08:00:00+07:00), "
                               "got \"2026-02-30T08:00:00Z\"");
    }
    SECTION("a choice outside the closed list") {
        const Diagnostic error =
            single_refusal("demo", with_data("  kind: {type: string, one_of: [hoi_thao, toa_dam], default: hoi_nghi}\n"));
        CHECK(error.where.line == 5);
        CHECK(error.message == "field 'kind' default: expected one of hoi_thao, toa_dam, got \"hoi_nghi\"");
    }
    SECTION("a number for a text: write it in quotes") {
        const Diagnostic error = single_refusal("demo", with_data("  code: {type: string, default: 42}\n"));
        CHECK(error.message == "field 'code' default: expected a string, got 42");
    }
}

TEST_CASE("defaults of every scalar type are read as their type", "[loader]") {
    const Catalogue catalogue = load_ok({workflow_file(
        "demo", with_data("  code: {type: string, default: '42'}\n"
                          "  rounds: {type: integer, default: 3}\n"
                          "  ratio: {type: number, default: 0.5}\n"
                          "  open: {type: boolean, default: true}\n"
                          "  grace: {type: duration, default: 1d12h}\n"
                          "  starts_at: {type: time, default: 2026-12-01T08:00:00+07:00}\n"))});
    const Definition& demo = *catalogue.find("demo");
    CHECK(demo.find_field("code")->fallback == boost::json::value("42"));
    CHECK(demo.find_field("rounds")->fallback == boost::json::value(3));
    CHECK(demo.find_field("ratio")->fallback == boost::json::value(0.5));
    CHECK(demo.find_field("open")->fallback == boost::json::value(true));
    CHECK(demo.find_field("grace")->fallback == boost::json::value("1d12h"));
    CHECK(demo.find_field("starts_at")->fallback == boost::json::value("2026-12-01T08:00:00+07:00"));
}

TEST_CASE("a field declared twice is refused", "[loader][refusal]") {
    const std::string yaml = with_data("  title: string\n  title: string?   # again\n");
    const Diagnostic error = single_refusal("demo", yaml);
    CHECK(error.where.line == line_of(yaml, "# again"));
    CHECK(error.message == "field 'title' is given twice in data");
}

TEST_CASE("`optional` is true or false", "[loader][refusal]") {
    const Diagnostic error = single_refusal("demo", with_data("  venue: {type: string, optional: maybe}\n"));
    CHECK(error.where.line == 5);
    CHECK(error.message == "field 'venue' optional must be true or false");
}

TEST_CASE("payload fields are declared like data fields", "[loader][refusal]") {
    constexpr std::string_view yaml = R"(
name: demo
version: 1
initial: draft
states:
  draft:
    on:
      close:
        target: done
        payload:
          reason: text
  done:
    type: final
)";
    const Diagnostic error = single_refusal("demo", yaml);
    CHECK(error.where.line == line_of(yaml, "reason: text"));
    CHECK(error.message.starts_with("field 'reason': unknown type 'text'"));
}

TEST_CASE("an optional type inside {...} is written in quotes, and the refusal says so", "[loader][refusal]") {
    // YAML allows `string?` there; yaml-cpp 0.7 does not. The block form needs no quotes.
    const std::string yaml = with_data("  venue: string?\n  note: {type: string?, description: free text}\n");
    const Diagnostic error = single_refusal("demo", yaml);
    CHECK(error.where.line == 6);
    CHECK(error.where.column == 22);
    CHECK(error.message == "not valid YAML: unknown token (inside {...} or [...], put an optional type in quotes: "
                           "'string?')");

    const Catalogue catalogue = load_ok({workflow_file(
        "demo", with_data("  venue: string?\n  note: {type: 'string?', description: free text}\n"))});
    CHECK(catalogue.find("demo")->find_field("venue")->optional);
    CHECK(catalogue.find("demo")->find_field("note")->optional);
}
