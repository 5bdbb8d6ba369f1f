// Field types: what callers send is checked against them, and the message says what was
// expected and what came, so that a person can fix the form without reading the definition.
#include <catch2/catch.hpp>

#include <boost/json.hpp>

#include "engine/model/field.hpp"
#include "support/utf8_check.hpp"

using namespace seminarflow;
using Catch::Matchers::EndsWith;

namespace {

FieldSpec field(ValueType type) {
    FieldSpec spec;
    spec.name = "f";
    spec.type = type;
    return spec;
}

}  // namespace

TEST_CASE("type names round-trip, and `any` cannot be written in a definition", "[field]") {
    for (const auto type : {ValueType::string, ValueType::integer, ValueType::number, ValueType::boolean,
                            ValueType::time, ValueType::duration, ValueType::vnd, ValueType::array,
                            ValueType::object}) {
        CHECK(parse_type_name(type_name(type)) == type);
    }
    CHECK(type_name(ValueType::any) == "any");
    CHECK_FALSE(parse_type_name("any"));
    CHECK_FALSE(parse_type_name("int"));
    CHECK_FALSE(parse_type_name("String"));
}

TEST_CASE("type_problem accepts values of the field's type", "[field]") {
    CHECK_FALSE(type_problem(field(ValueType::string), "Hội thảo"));
    CHECK_FALSE(type_problem(field(ValueType::integer), -3));
    CHECK_FALSE(type_problem(field(ValueType::number), 1.5));
    CHECK_FALSE(type_problem(field(ValueType::number), 2));
    CHECK_FALSE(type_problem(field(ValueType::boolean), true));
    CHECK_FALSE(type_problem(field(ValueType::time), "2026-12-01T08:00:00+07:00"));
    CHECK_FALSE(type_problem(field(ValueType::duration), "1d12h"));
    CHECK_FALSE(type_problem(field(ValueType::vnd), 55000000));
    CHECK_FALSE(type_problem(field(ValueType::vnd), 0));
    CHECK_FALSE(type_problem(field(ValueType::vnd), boost::json::value(std::uint64_t{18000000000000000000u})));
    CHECK_FALSE(type_problem(field(ValueType::array), boost::json::array{"a", "b"}));
    CHECK_FALSE(type_problem(field(ValueType::object), boost::json::object{{"id", "a"}}));
}

TEST_CASE("type_problem says what was expected and what came", "[field]") {
    CHECK(type_problem(field(ValueType::integer), 1.5) == "expected a whole number, got 1.5");
    CHECK(type_problem(field(ValueType::string), 42) == "expected a string, got 42");
    CHECK(type_problem(field(ValueType::boolean), "yes") == "expected true or false, got \"yes\"");
    CHECK(type_problem(field(ValueType::vnd), -1) == "expected a whole, non-negative amount in VND, got -1");
    CHECK(type_problem(field(ValueType::vnd), 1000.5) == "expected a whole, non-negative amount in VND, got 1000.5");
    CHECK(type_problem(field(ValueType::time), "2026-02-30T08:00:00Z") ==
          "expected a time (RFC 3339, e.g. 2026-12-01T08:00:00+07:00), got \"2026-02-30T08:00:00Z\"");
    CHECK(type_problem(field(ValueType::time), "01/12/2026") ==
          "expected a time (RFC 3339, e.g. 2026-12-01T08:00:00+07:00), got \"01/12/2026\"");
    CHECK(type_problem(field(ValueType::duration), "1h1d") == "expected a duration (e.g. 90m, 1d12h), got \"1h1d\"");
    CHECK(type_problem(field(ValueType::array), "a") == "expected a list, got \"a\"");
    CHECK(type_problem(field(ValueType::object), nullptr) == "expected an object, got null");
}

TEST_CASE("type_problem holds a closed list of texts to its values", "[field]") {
    FieldSpec answer = field(ValueType::string);
    answer.one_of = {"answered", "forwarded"};
    CHECK_FALSE(type_problem(answer, "forwarded"));
    CHECK(type_problem(answer, "ignored") == "expected one of answered, forwarded, got \"ignored\"");
    CHECK(type_problem(answer, 1) == "expected a string, got 1");
}

TEST_CASE("describe_value cuts long text between characters", "[field]") {
    CHECK(describe_value("Hội thảo") == "\"Hội thảo\"");
    CHECK(describe_value(boost::json::array{1, 2}) == "[1,2]");
    std::string long_text;
    for (int i = 0; i < 30; ++i) long_text += "ộ";  // 90 bytes: past the 60-byte limit
    const std::string described = describe_value(boost::json::value(long_text));
    CHECK(seminarflow::test::is_valid_utf8(described));
    CHECK_THAT(described, EndsWith("…"));
    CHECK(described.size() <= 60 + std::string("…").size());
}
