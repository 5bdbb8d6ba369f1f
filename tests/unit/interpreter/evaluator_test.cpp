// The evaluator computes type-checked expressions against data, the decision's patch, the
// payload, the parent and a for_each element. Values it cannot compute come back as a reason.
#include <catch2/catch.hpp>

#include "engine/definition/expression_parser.hpp"
#include "engine/definition/type_checker.hpp"
#include "engine/interpreter/evaluator.hpp"
#include "support/time_literal.hpp"

using namespace seminarflow;
using namespace seminarflow::test;
using namespace std::chrono_literals;

namespace {

FieldSpec field(std::string name, ValueType type, std::optional<boost::json::value> fallback = std::nullopt) {
    FieldSpec spec;
    spec.name = std::move(name);
    spec.type = type;
    spec.optional = !fallback;
    spec.fallback = std::move(fallback);
    return spec;
}

const Definition& seminar() {
    static const Definition definition = [] {
        Definition d;
        d.name = "seminar";
        d.data = {field("title", ValueType::string),        field("starts_at", ValueType::time),
                  field("grace", ValueType::duration),      field("spent_vnd", ValueType::vnd, 0),
                  field("rounds", ValueType::integer),      field("ratio", ValueType::number),
                  field("units", ValueType::array),         field("big", ValueType::integer)};
        for (std::size_t i = 0; i < d.data.size(); ++i) d.field_by_name[d.data[i].name] = i;
        return d;
    }();
    return definition;
}

const Definition& programme() {
    static const Definition definition = [] {
        Definition d;
        d.name = "programme";
        d.data = {field("budget_vnd", ValueType::vnd)};
        d.field_by_name["budget_vnd"] = 0;
        return d;
    }();
    return definition;
}

const std::vector<FieldSpec> payload_fields{field("amount_vnd", ValueType::vnd), field("starts_at", ValueType::time)};

Expression typed(std::string_view text) {
    auto expression = parse_expression(text);
    REQUIRE(expression);
    TypeEnvironment environment{&seminar(), &payload_fields, {&programme()}, true};
    if (auto problem = check_expression(*expression, environment)) FAIL(*problem);
    return std::move(expression).value();
}

Comparison typed_comparison(std::string_view text) {
    auto comparison = parse_comparison(text);
    REQUIRE(comparison);
    TypeEnvironment environment{&seminar(), &payload_fields, {&programme()}, true};
    if (auto problem = check_comparison(*comparison, environment)) FAIL(*problem);
    return std::move(comparison).value();
}

const boost::json::object data{{"title", "Tọa đàm"},       {"starts_at", "2026-12-01T08:00:00+07:00"},
                               {"grace", "1d12h"},         {"rounds", 2},
                               {"ratio", 0.5},             {"units", boost::json::array{"a", "b"}},
                               {"big", INT64_MAX}};
const boost::json::object payload{{"amount_vnd", 5000000}, {"starts_at", "2026-12-15T08:00:00+07:00"}};
const boost::json::object parent{{"budget_vnd", 55000000}};
const Time now = at("2026-11-01T02:00:00Z");

struct Fixture {
    boost::json::object patch;
    boost::json::value item = boost::json::object{{"id", "cdcs_tkv"}};

    EvaluationContext context() const { return {seminar(), data, patch, &payload, &parent, &item, now}; }

    boost::json::value value_of(std::string_view text) const {
        // A computed text is a view into the expression (a literal) or the data: keep both alive.
        const Expression expression = typed(text);
        auto value = evaluate(expression, context());
        if (!value) FAIL(value.error());
        return to_json(value.value());
    }
    std::string error_of(std::string_view text) const {
        auto value = evaluate(typed(text), context());
        if (value) FAIL("'" << text << "' evaluated, but must not");
        return value.error();
    }
};

}  // namespace

TEST_CASE("terms read their scope", "[evaluator]") {
    const Fixture f;
    CHECK(f.value_of("title") == boost::json::value("Tọa đàm"));
    CHECK(f.value_of("data.rounds") == boost::json::value(2));
    CHECK(f.value_of("payload.amount_vnd") == boost::json::value(5000000));
    CHECK(f.value_of("parent.budget_vnd") == boost::json::value(55000000));
    CHECK(f.value_of("item.id") == boost::json::value("cdcs_tkv"));
    CHECK(f.value_of("item") == boost::json::value(boost::json::object{{"id", "cdcs_tkv"}}));
    CHECK(f.value_of("units") == boost::json::value(boost::json::array{"a", "b"}));
    CHECK(f.value_of("now") == boost::json::value("2026-11-01T02:00:00Z"));
    CHECK(f.value_of("'Hội thảo'") == boost::json::value("Hội thảo"));
    CHECK(f.value_of("spent_vnd") == boost::json::value(0));  // its default
}

TEST_CASE("the decision's patch is read before the stored data", "[evaluator]") {
    Fixture f;
    f.patch["rounds"] = 7;
    CHECK(f.value_of("rounds + 1") == boost::json::value(8));
}

TEST_CASE("arithmetic on numbers, times and durations", "[evaluator]") {
    const Fixture f;
    CHECK(f.value_of("rounds + 3 - 10") == boost::json::value(-5));
    CHECK(f.value_of("-rounds") == boost::json::value(-2));
    CHECK(f.value_of("rounds + ratio") == boost::json::value(2.5));
    CHECK(f.value_of("starts_at - 1d") == boost::json::value("2026-11-30T01:00:00Z"));
    CHECK(f.value_of("starts_at + grace") == boost::json::value("2026-12-02T13:00:00Z"));
    CHECK(f.value_of("payload.starts_at - starts_at") == boost::json::value("2w"));
    CHECK(f.value_of("grace + 30m") == boost::json::value("1d12h30m"));
    CHECK(f.value_of("-grace") == boost::json::value("-1d12h"));
}

TEST_CASE("a sum that starts with a list adds and drops elements", "[evaluator]") {
    const Fixture f;
    using boost::json::array;
    CHECK(f.value_of("units + 'c'") == boost::json::value(array{"a", "b", "c"}));
    CHECK(f.value_of("units - 'a'") == boost::json::value(array{"b"}));
    CHECK(f.value_of("units - 'z'") == boost::json::value(array{"a", "b"}));  // nothing to drop
    CHECK(f.value_of("units + units") == boost::json::value(array{"a", "b", "a", "b"}));
    CHECK(f.value_of("units + units - 'a'") == boost::json::value(array{"b", "b"}));  // every equal element
    CHECK(f.value_of("units - units") == boost::json::value(array{}));
    CHECK(f.value_of("units + item") == boost::json::value(array{"a", "b", boost::json::object{{"id", "cdcs_tkv"}}}));
    CHECK(f.value_of("units - title + rounds") == boost::json::value(array{"a", "b", 2}));
}

TEST_CASE("what cannot be computed says why", "[evaluator]") {
    Fixture f;
    CHECK(f.error_of("big + 1") == "'big + 1' is too large to compute");
    const boost::json::object sparse{{"title", "x"}};
    const EvaluationContext context{seminar(), sparse, f.patch, nullptr, nullptr, nullptr, now};
    CHECK(evaluate(typed("starts_at - 1d"), context).error() == "data.starts_at is not set");
    CHECK(evaluate(typed("payload.amount_vnd"), context).error() == "payload.amount_vnd is not set");
    CHECK(evaluate(typed("parent.budget_vnd"), context).error() ==
          "parent.budget_vnd is read, but this instance has no parent");
    CHECK(evaluate(typed("item"), context).error() == "'item' is read outside for_each");
    f.item = "cdcs_tkv";  // a text has no fields
    CHECK(f.error_of("item.id") == "item.id is not set");
}

TEST_CASE("a stored value of the wrong type is reported, not misread", "[evaluator]") {
    const boost::json::object corrupt{{"title", "x"}, {"starts_at", "tomorrow"}, {"rounds", "two"}};
    const boost::json::object no_patch;
    const EvaluationContext context{seminar(), corrupt, no_patch, nullptr, nullptr, nullptr, now};
    CHECK(evaluate(typed("starts_at"), context).error() == "data.starts_at holds \"tomorrow\", not a time");
    CHECK(evaluate(typed("rounds"), context).error() == "data.rounds holds \"two\", not an integer");
}

TEST_CASE("comparisons hold or not, and a failure shows both values", "[evaluator]") {
    const Fixture f;
    const auto holds = [&](std::string_view text) {
        auto result = evaluate(typed_comparison(text), f.context());
        if (!result) FAIL(result.error());
        return result.value();
    };
    CHECK(holds("payload.starts_at > starts_at"));
    CHECK_FALSE(holds("now > starts_at"));
    CHECK(holds("spent_vnd + payload.amount_vnd <= parent.budget_vnd"));
    CHECK(holds("rounds < ratio + 2"));
    CHECK(holds("title == 'Tọa đàm'"));
    CHECK(holds("title != 'Hội thảo'"));
    CHECK(holds("grace >= 36h"));
    CHECK(describe_failure(typed_comparison("parent.budget_vnd < payload.amount_vnd"), f.context()) ==
          "55000000 < 5000000 is false");
    CHECK(describe_failure(typed_comparison("now > starts_at"), f.context()) ==
          "2026-11-01T02:00:00Z > 2026-12-01T01:00:00Z is false");
    CHECK(describe_failure(typed_comparison("title == 'x'"), f.context()) == "'Tọa đàm' == 'x' is false");
}

TEST_CASE("describe writes values as a person reads them", "[evaluator]") {
    CHECK(describe(Scalar{std::int64_t{42}}) == "42");
    CHECK(describe(Scalar{true}) == "true");
    CHECK(describe(Scalar{std::string_view("Hội thảo")}) == "'Hội thảo'");
    CHECK(describe(Scalar{at("2026-12-01T08:00:00+07:00")}) == "2026-12-01T01:00:00Z");
    CHECK(describe(Scalar{Duration{90min}}) == "1h30m");
    CHECK(describe(Scalar{}) == "null");
}
