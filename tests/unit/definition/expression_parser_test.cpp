// The expression language: a sum of terms, optionally compared. Parsing only says what each
// term reads; types come later (type_checker_test.cpp). Errors carry the byte offset the loader
// turns into a column.
#include <catch2/catch.hpp>

#include "engine/definition/expression_parser.hpp"
#include "support/time_literal.hpp"

using namespace seminarflow;
using namespace std::chrono_literals;
using Catch::Matchers::Contains;
using seminarflow::test::at;

namespace {

// The only term of `text`, which must parse.
Term single_term(std::string_view text) {
    auto expression = parse_expression(text);
    if (!expression) FAIL("'" << text << "' did not parse: " << expression.error().message);
    REQUIRE(expression->terms.size() == 1);
    return expression->terms.front();
}

ExpressionError expression_error(std::string_view text) {
    auto expression = parse_expression(text);
    if (expression) FAIL("'" << text << "' parsed, but must not");
    return expression.error();
}

}  // namespace

TEST_CASE("a bare name and data.name read this instance's data", "[expression]") {
    for (const char* text : {"starts_at", "data.starts_at"}) {
        const Term term = single_term(text);
        CHECK(term.operand.scope == Scope::data);
        CHECK(term.operand.field == "starts_at");
        CHECK_FALSE(term.negated);
    }
}

TEST_CASE("payload., parent. and item read the event, the parent and the for_each element", "[expression]") {
    const Term payload = single_term("payload.amount_vnd");
    CHECK(payload.operand.scope == Scope::payload);
    CHECK(payload.operand.field == "amount_vnd");

    const Term parent = single_term("parent.budget_vnd");
    CHECK(parent.operand.scope == Scope::parent);
    CHECK(parent.operand.field == "budget_vnd");

    const Term item = single_term("item");
    CHECK(item.operand.scope == Scope::item);
    CHECK(item.operand.field.empty());  // the whole element

    const Term item_field = single_term("item.unit");
    CHECK(item_field.operand.scope == Scope::item);
    CHECK(item_field.operand.field == "unit");
}

TEST_CASE("now is the time of the decision", "[expression]") {
    const Term term = single_term("now");
    CHECK(term.operand.scope == Scope::now);
    CHECK(term.operand.type == ValueType::time);
}

TEST_CASE("literals: whole numbers, numbers, booleans, texts, durations, times", "[expression]") {
    const Term whole = single_term("42");
    CHECK(whole.operand.scope == Scope::literal);
    CHECK(whole.operand.type == ValueType::integer);
    CHECK(std::get<std::int64_t>(whole.operand.literal) == 42);

    const Term real = single_term("1.5");
    CHECK(real.operand.type == ValueType::number);
    CHECK(std::get<double>(real.operand.literal) == 1.5);

    const Term yes = single_term("true");
    CHECK(yes.operand.type == ValueType::boolean);
    CHECK(std::get<bool>(yes.operand.literal));
    CHECK_FALSE(std::get<bool>(single_term("false").operand.literal));

    const Term text = single_term("'Hội thảo khoa học'");
    CHECK(text.operand.type == ValueType::string);
    CHECK(std::get<std::string>(text.operand.literal) == "Hội thảo khoa học");
    CHECK(std::get<std::string>(single_term("''").operand.literal).empty());

    const Term duration = single_term("1d12h");
    CHECK(duration.operand.type == ValueType::duration);
    CHECK(std::get<Duration>(duration.operand.literal) == Duration{36h});
    CHECK(std::get<Duration>(single_term("2w").operand.literal) == Duration{14 * 24h});
    CHECK(std::get<Duration>(single_term("30m").operand.literal) == Duration{30min});

    const Term time = single_term("2026-12-01T08:00:00+07:00");
    CHECK(time.operand.type == ValueType::time);
    CHECK(std::get<Time>(time.operand.literal) == at("2026-12-01T01:00:00Z"));
    CHECK(std::get<Time>(single_term("2026-12-01T08:00:00-05:00").operand.literal) == at("2026-12-01T13:00:00Z"));
}

TEST_CASE("a sum keeps its terms in order with their signs, and its source trimmed", "[expression]") {
    auto expression = parse_expression("  data.approved_vnd + payload.amount_vnd - 1000  ");
    REQUIRE(expression);
    REQUIRE(expression->terms.size() == 3);
    CHECK_FALSE(expression->terms[0].negated);
    CHECK(expression->terms[0].operand.field == "approved_vnd");
    CHECK_FALSE(expression->terms[1].negated);
    CHECK(expression->terms[1].operand.scope == Scope::payload);
    CHECK(expression->terms[2].negated);
    CHECK(std::get<std::int64_t>(expression->terms[2].operand.literal) == 1000);
    CHECK(expression->source == "data.approved_vnd + payload.amount_vnd - 1000");

    auto tight = parse_expression("starts_at-1d");
    REQUIRE(tight);
    REQUIRE(tight->terms.size() == 2);
    CHECK(tight->terms[1].negated);

    auto negated = parse_expression("-5");
    REQUIRE(negated);
    CHECK(negated->terms[0].negated);
    CHECK(std::get<std::int64_t>(negated->terms[0].operand.literal) == 5);
}

TEST_CASE("a comparison has a left side, an operator and a right side", "[expression]") {
    const std::pair<const char*, CompareOp> cases[] = {
        {"a == b", CompareOp::equal},   {"a != b", CompareOp::not_equal},     {"a < b", CompareOp::less},
        {"a <= b", CompareOp::less_equal}, {"a > b", CompareOp::greater}, {"a >= b", CompareOp::greater_equal},
    };
    for (const auto& [text, op] : cases) {
        INFO(text);
        auto comparison = parse_comparison(text);
        REQUIRE(comparison);
        CHECK(comparison->op == op);
        CHECK(comparison->left.terms[0].operand.field == "a");
        CHECK(comparison->right.terms[0].operand.field == "b");
        CHECK(comparison->source == text);
    }
    auto spaced = parse_comparison("data.approved_vnd+payload.amount_vnd<=parent.budget_vnd");
    REQUIRE(spaced);
    CHECK(spaced->source == "data.approved_vnd+payload.amount_vnd <= parent.budget_vnd");
    CHECK(spaced->left.terms.size() == 2);
}

TEST_CASE("expression errors say what is wrong and where", "[expression]") {
    SECTION("an empty expression") {
        const auto error = expression_error("");
        CHECK(error.offset == 0);
        CHECK(error.message == "an expression ends where a value was expected");
    }
    SECTION("a sum that ends with an operator") {
        const auto error = expression_error("starts_at - ");
        CHECK(error.offset == 12);
        CHECK(error.message == "an expression ends where a value was expected");
    }
    SECTION("a character that starts no term") {
        const auto error = expression_error("starts_at + #");
        CHECK(error.offset == 12);
        CHECK(error.message == "unexpected '#'");
    }
    SECTION("a capital letter: names are lower_snake_case") {
        const auto error = expression_error("Title");
        CHECK(error.offset == 0);
        CHECK(error.message == "unexpected 'T'");
    }
    SECTION("an unclosed text") {
        const auto error = expression_error("title + 'Hội thảo");
        CHECK(error.offset == 8);
        CHECK(error.message == "a text in quotes is not closed");
    }
    SECTION("an unknown scope") {
        const auto error = expression_error("1d + instance.starts_at");
        CHECK(error.offset == 5);
        CHECK(error.message == "unknown scope 'instance': use data., payload., parent. or item.");
    }
    SECTION("reading too deep") {
        const auto error = expression_error("payload.unit.name");
        CHECK(error.offset == 0);
        CHECK_THAT(error.message, Contains("'payload.unit.name' reads too deep"));
    }
    SECTION("a scope without a field") {
        const auto error = expression_error("payload");
        CHECK(error.offset == 0);
        CHECK(error.message == "'payload' needs a field, e.g. payload.title");
    }
    SECTION("a malformed duration") {
        const auto error = expression_error("starts_at - 1x");
        CHECK(error.offset == 12);
        CHECK(error.message == "'1x' is not a valid duration (write e.g. 30m, 2h, 1d12h, 2w)");
        CHECK(expression_error("starts_at - 1h1d").message == "'1h1d' is not a valid duration (write e.g. 30m, 2h, 1d12h, 2w)");
    }
    SECTION("a malformed time") {
        const auto error = expression_error("now + 2026-02-30T08:00:00Z");
        CHECK(error.offset == 6);
        CHECK(error.message == "'2026-02-30T08:00:00Z' is not a valid RFC 3339 time");
        CHECK(expression_error("2026-12-01T08:00:00").message == "'2026-12-01T08:00:00' is not a valid RFC 3339 time");
    }
    SECTION("a number too large for 64 bits") {
        const auto error = expression_error("99999999999999999999");
        CHECK(error.offset == 0);
        CHECK(error.message == "'99999999999999999999' is too large a number");
    }
    SECTION("two terms without an operator") {
        const auto error = expression_error("starts_at ends_at");
        CHECK(error.offset == 10);
        CHECK(error.message == "unexpected 'ends_at' after the expression");
    }
    SECTION("a comparison where a value is expected") {
        const auto error = expression_error("payload.starts_at > now");
        CHECK(error.offset == 18);
        CHECK(error.message == "unexpected '> now' after the expression");
    }
}

TEST_CASE("comparison errors say what is wrong and where", "[expression]") {
    SECTION("no operator") {
        auto comparison = parse_comparison("payload.starts_at = now");
        REQUIRE_FALSE(comparison);
        CHECK(comparison.error().offset == 18);
        CHECK(comparison.error().message ==
              "a check compares two values: expected ==, !=, <, <=, > or >= after 'payload.starts_at'");
    }
    SECTION("nothing to compare with") {
        auto comparison = parse_comparison("payload.starts_at >");
        REQUIRE_FALSE(comparison);
        CHECK(comparison.error().offset == 19);
        CHECK(comparison.error().message == "an expression ends where a value was expected");
    }
    SECTION("two comparisons in one check") {
        auto comparison = parse_comparison("a < b < c");
        REQUIRE_FALSE(comparison);
        CHECK(comparison.error().offset == 6);
        CHECK(comparison.error().message == "unexpected '< c' after the comparison");
    }
    SECTION("an error inside the right side keeps its offset in the whole text") {
        auto comparison = parse_comparison("starts_at > now + 1x");
        REQUIRE_FALSE(comparison);
        CHECK(comparison.error().offset == 18);
    }
}
