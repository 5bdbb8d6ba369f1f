// What callers send — an event's payload, a new instance's data — against the declared fields.
#include <catch2/catch.hpp>

#include "engine/interpreter/payload_check.hpp"

using namespace seminarflow;

namespace {

FieldSpec field(std::string name, ValueType type, bool optional = false) {
    FieldSpec spec;
    spec.name = std::move(name);
    spec.type = type;
    spec.optional = optional;
    return spec;
}

const std::vector<FieldSpec> fields{field("unit", ValueType::string), field("amount_vnd", ValueType::vnd),
                                    field("note", ValueType::string, true)};

}  // namespace

TEST_CASE("a payload with the required fields of the right types passes", "[payload]") {
    CHECK_FALSE(check_payload(fields, {{"unit", "cdcs_tkv"}, {"amount_vnd", 5000000}}));
    CHECK_FALSE(check_payload(fields, {{"unit", "cdcs_tkv"}, {"amount_vnd", 0}, {"note", "Khen thưởng"}}));
    CHECK_FALSE(check_payload(fields, {{"unit", "cdcs_tkv"}, {"amount_vnd", 0}, {"note", nullptr}}));
    CHECK_FALSE(check_payload({}, {}));
}

TEST_CASE("a timezone the IANA database does not know is refused, with what would do", "[payload][zones]") {
    const std::vector<FieldSpec> zoned{field("timezone", ValueType::string, true), field("venue", ValueType::string, true)};
    CHECK_FALSE(check_payload(zoned, {{"timezone", "Europe/Paris"}}));
    CHECK_FALSE(check_payload(zoned, {{"timezone", nullptr}}));
    CHECK_FALSE(check_payload(zoned, {{"venue", "Mars/Olympus"}}));  // only the field messages read a zone from
    const auto refused = check_payload(zoned, {{"timezone", "Mars/Olympus"}});
    REQUIRE(refused);
    CHECK(refused->kind == RejectionKind::payload_invalid);
    CHECK(refused->rule == "timezone");
    CHECK(refused->message ==
          "payload field 'timezone': 'Mars/Olympus' is not a time zone the IANA database knows (such as Asia/Ho_Chi_Minh)");
    const auto data = check_initial_data(zoned, {{"timezone", "Asia/Hanoi"}});
    REQUIRE(data);
    CHECK(data->message.starts_with("data field 'timezone': 'Asia/Hanoi' is not a time zone"));
}

TEST_CASE("a payload is refused for the first field that is wrong", "[payload]") {
    const auto unknown = check_payload(fields, {{"unit", "a"}, {"amount_vnd", 1}, {"amout_vnd", 1}});
    REQUIRE(unknown);
    CHECK(unknown->kind == RejectionKind::payload_invalid);
    CHECK(unknown->rule == "amout_vnd");
    CHECK(unknown->message == "unknown payload field 'amout_vnd'; expected: unit, amount_vnd, note");

    const auto missing = check_payload(fields, {{"amount_vnd", 1}});
    REQUIRE(missing);
    CHECK(missing->rule == "unit");
    CHECK(missing->message == "payload field 'unit' is required (string)");

    const auto mistyped = check_payload(fields, {{"unit", "a"}, {"amount_vnd", "năm triệu"}});
    REQUIRE(mistyped);
    CHECK(mistyped->rule == "amount_vnd");
    CHECK(mistyped->message == "payload field 'amount_vnd': expected a whole, non-negative amount in VND, got \"năm triệu\"");
}

TEST_CASE("initial data may leave out the fields that have a default", "[payload]") {
    std::vector<FieldSpec> data_fields = fields;
    data_fields[1].fallback = boost::json::value(0);
    CHECK_FALSE(check_initial_data(data_fields, {{"unit", "a"}}));
    const auto missing = check_initial_data(data_fields, {});
    REQUIRE(missing);
    CHECK(missing->message == "data field 'unit' is required (string)");
    const auto unknown = check_initial_data(data_fields, {{"unit", "a"}, {"x", 1}});
    REQUIRE(unknown);
    CHECK(unknown->message == "unknown data field 'x'; expected: unit, amount_vnd, note");
}
