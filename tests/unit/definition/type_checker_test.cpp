// Types are checked when a definition loads: comparing a time with a number is refused there,
// not at 3 a.m. on the day of the seminar (docs/workflow-language.md, "Expressions").
#include <catch2/catch.hpp>

#include "engine/definition/expression_parser.hpp"
#include "engine/definition/type_checker.hpp"

using namespace seminarflow;

namespace {

FieldSpec field(std::string name, ValueType type) {
    FieldSpec spec;
    spec.name = std::move(name);
    spec.type = type;
    return spec;
}

Definition definition_with(std::string name, std::vector<FieldSpec> fields) {
    Definition definition;
    definition.name = std::move(name);
    definition.data = std::move(fields);
    for (std::size_t i = 0; i < definition.data.size(); ++i) definition.field_by_name[definition.data[i].name] = i;
    return definition;
}

const Definition& seminar() {
    static const Definition definition = definition_with(
        "seminar", {field("title", ValueType::string), field("venue", ValueType::string),
                    field("starts_at", ValueType::time), field("budget_vnd", ValueType::vnd),
                    field("approved_vnd", ValueType::vnd), field("min_contributions", ValueType::integer),
                    field("ratio", ValueType::number), field("open", ValueType::boolean),
                    field("units", ValueType::array), field("grace", ValueType::duration)});
    return definition;
}

const Definition& programme() {
    static const Definition definition = definition_with(
        "programme", {field("budget_vnd", ValueType::vnd), field("theme", ValueType::string)});
    return definition;
}

const Definition& association() {
    static const Definition definition = definition_with(
        "association", {field("budget_vnd", ValueType::integer), field("theme", ValueType::integer)});
    return definition;
}

const std::vector<FieldSpec>& payload() {
    static const std::vector<FieldSpec> fields{field("amount_vnd", ValueType::vnd), field("starts_at", ValueType::time),
                                               field("note", ValueType::string)};
    return fields;
}

TypeEnvironment environment() {
    TypeEnvironment environment;
    environment.definition = &seminar();
    environment.payload = &payload();
    environment.parents = {&programme()};
    return environment;
}

// The type of `text`, which must type-check.
ValueType type_of(std::string_view text, const TypeEnvironment& where = environment()) {
    auto expression = parse_expression(text);
    REQUIRE(expression);
    if (auto problem = check_expression(*expression, where)) FAIL("'" << text << "': " << *problem);
    return expression->type;
}

// Why `text` does not type-check (an expression or, with an operator, a comparison).
std::string problem_of(std::string_view text, const TypeEnvironment& where = environment()) {
    std::optional<std::string> problem;
    if (auto comparison = parse_comparison(text)) {
        problem = check_comparison(*comparison, where);
    } else {
        auto expression = parse_expression(text);
        REQUIRE(expression);
        problem = check_expression(*expression, where);
    }
    if (!problem) FAIL("'" << text << "' type-checked, but must not");
    return *problem;
}

bool comparison_fits(std::string_view text) {
    auto comparison = parse_comparison(text);
    REQUIRE(comparison);
    return !check_comparison(*comparison, environment());
}

}  // namespace

TEST_CASE("each term takes the type of what it reads", "[types]") {
    CHECK(type_of("title") == ValueType::string);
    CHECK(type_of("data.starts_at") == ValueType::time);
    CHECK(type_of("payload.amount_vnd") == ValueType::vnd);
    CHECK(type_of("parent.budget_vnd") == ValueType::vnd);
    CHECK(type_of("now") == ValueType::time);
    CHECK(type_of("'text'") == ValueType::string);
    CHECK(type_of("42") == ValueType::integer);
    CHECK(type_of("1.5") == ValueType::number);
    CHECK(type_of("false") == ValueType::boolean);
    CHECK(type_of("2026-12-01T08:00:00Z") == ValueType::time);
    CHECK(type_of("90m") == ValueType::duration);
}

TEST_CASE("sums follow the arithmetic of times, durations and amounts", "[types]") {
    CHECK(type_of("starts_at - 1d") == ValueType::time);
    CHECK(type_of("starts_at + grace") == ValueType::time);
    CHECK(type_of("now - starts_at") == ValueType::duration);
    CHECK(type_of("1d + 12h") == ValueType::duration);
    CHECK(type_of("-1d") == ValueType::duration);
    CHECK(type_of("approved_vnd + payload.amount_vnd") == ValueType::vnd);
    // A difference of amounts may be negative, so it is no longer an amount.
    CHECK(type_of("budget_vnd - approved_vnd") == ValueType::integer);
    CHECK(type_of("min_contributions + 1") == ValueType::integer);
    CHECK(type_of("min_contributions + ratio") == ValueType::number);
    CHECK(type_of("-5") == ValueType::integer);
    // A list with elements added or dropped is a list, whatever the elements.
    CHECK(type_of("units - title") == ValueType::array);
    CHECK(type_of("units + units + 1d") == ValueType::array);
}

TEST_CASE("item is untyped, and only exists inside spawn for_each", "[types]") {
    TypeEnvironment inside = environment();
    inside.has_item = true;
    CHECK(type_of("item", inside) == ValueType::any);
    CHECK(type_of("item.unit", inside) == ValueType::any);
    CHECK(type_of("item.amount + 1", inside) == ValueType::any);
    CHECK(problem_of("item") == "'item' only has a meaning inside spawn with for_each");
}

TEST_CASE("comparisons need comparable sides", "[types]") {
    CHECK(comparison_fits("payload.starts_at > now"));
    CHECK(comparison_fits("approved_vnd + payload.amount_vnd <= parent.budget_vnd"));
    CHECK(comparison_fits("ratio >= min_contributions"));
    CHECK(comparison_fits("now - starts_at < 2h"));
    CHECK(comparison_fits("title == 'Tọa đàm'"));
    CHECK(comparison_fits("open != true"));
    CHECK_FALSE(comparison_fits("title < venue"));  // texts have no order worth checking
    CHECK_FALSE(comparison_fits("open < true"));
    CHECK_FALSE(comparison_fits("units == units"));
    CHECK_FALSE(comparison_fits("grace == starts_at"));
}

TEST_CASE("type refusals name the types, the operation and the expression", "[types]") {
    CHECK(problem_of("starts_at > 42") == "cannot compare a time with an integer using > in 'starts_at > 42'");
    CHECK(problem_of("payload.starts_at >= 1.5") ==
          "cannot compare a time with a number using >= in 'payload.starts_at >= 1.5'");
    CHECK(problem_of("title + budget_vnd") == "cannot add a vnd to a string in 'title + budget_vnd'");
    CHECK(problem_of("budget_vnd + title") == "cannot add a string to a vnd in 'budget_vnd + title'");
    CHECK(problem_of("-title") == "cannot negate a string in '-title'");
    CHECK(problem_of("-starts_at") == "cannot negate a time in '-starts_at'");
    CHECK(problem_of("starts_at + now") == "cannot add a time to a time in 'starts_at + now'");
    CHECK(problem_of("1d - starts_at") == "cannot subtract a time from a duration in '1d - starts_at'");
    CHECK(problem_of("starts_at + 5") == "cannot add an integer to a time in 'starts_at + 5'");
    CHECK(problem_of("title < venue") == "cannot compare a string with a string using < in 'title < venue'");
    CHECK(problem_of("units == units") == "cannot compare an array with an array using == in 'units == units'");
    CHECK(problem_of("title + units") == "cannot add an array to a string in 'title + units'");
}

TEST_CASE("names are resolved, with a suggestion for a typo", "[types]") {
    CHECK(problem_of("strats_at - 1d") == "'strats_at' is not a data field of seminar (did you mean 'starts_at'?)");
    CHECK(problem_of("payload.amout_vnd") ==
          "payload.amout_vnd is not a payload field of this event (did you mean 'amount_vnd'?)");
    CHECK(problem_of("parent.budjet_vnd") ==
          "parent.budjet_vnd: parent workflow programme has no data field 'budjet_vnd' (did you mean 'budget_vnd'?)");

    TypeEnvironment entry = environment();
    entry.payload = nullptr;  // entry actions and timers run without an event
    CHECK(problem_of("payload.note", entry) == "there is no event payload here to read payload.note from");

    TypeEnvironment orphan = environment();
    orphan.parents.clear();
    CHECK(problem_of("parent.budget_vnd", orphan) == "parent.budget_vnd is read, but seminar declares no parents");
}

TEST_CASE("a parent field read from several parent workflows must have one type", "[types]") {
    TypeEnvironment two_parents = environment();
    two_parents.parents = {&programme(), &association()};
    // integer and vnd are both whole numbers: one can stand for the other.
    CHECK(type_of("parent.budget_vnd", two_parents) == ValueType::integer);
    CHECK(problem_of("parent.theme", two_parents) == "parent.theme has different types in the parent workflows");
}

TEST_CASE("assignable says which values a field may hold", "[types]") {
    CHECK(assignable(ValueType::vnd, ValueType::vnd));
    CHECK(assignable(ValueType::vnd, ValueType::integer));  // checked to be non-negative when stored
    CHECK(assignable(ValueType::integer, ValueType::vnd));
    CHECK(assignable(ValueType::number, ValueType::integer));
    CHECK(assignable(ValueType::string, ValueType::any));
    CHECK(assignable(ValueType::any, ValueType::time));
    CHECK_FALSE(assignable(ValueType::integer, ValueType::number));
    CHECK_FALSE(assignable(ValueType::time, ValueType::string));
    CHECK_FALSE(assignable(ValueType::string, ValueType::time));
    CHECK_FALSE(assignable(ValueType::duration, ValueType::time));
}
