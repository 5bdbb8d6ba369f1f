#pragma once
// Typed fields: the instance data schema and each event's payload are lists of these.
#include <boost/json/value.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace seminarflow {

// `vnd` is a whole, non-negative amount of Vietnamese đồng; it behaves as an integer in
// expressions. `any` is only inferred (a `for_each` element), never written in a definition.
enum class ValueType { string, integer, number, boolean, time, duration, vnd, array, object, any };

std::string_view type_name(ValueType type);
// The name with its article, for sentences: "a time", "an integer".
std::string a_type_name(ValueType type);
std::optional<ValueType> parse_type_name(std::string_view name);

struct FieldSpec {
    std::string name;
    ValueType type = ValueType::string;
    bool optional = false;
    std::vector<std::string> one_of;            // a closed list of allowed strings, if any
    std::optional<boost::json::value> fallback;  // `default:` used when the field is absent
};

// Why `value` does not fit `spec` ("expected a time (RFC 3339), got 42"), or nothing if it fits.
std::optional<std::string> type_problem(const FieldSpec& spec, const boost::json::value& value);

// A short rendering of a JSON value for messages: strings quoted, long text cut.
std::string describe_value(const boost::json::value& value);

}  // namespace seminarflow
