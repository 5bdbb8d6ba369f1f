#include "engine/model/field.hpp"

#include <array>
#include <boost/json/serialize.hpp>
#include <charconv>

#include "engine/model/time.hpp"
#include "engine/model/utf8.hpp"

namespace seminarflow {
namespace {

constexpr std::array<std::string_view, 10> type_names{"string", "integer", "number", "boolean", "time",
                                                      "duration", "vnd", "array", "object", "any"};

std::string_view expected_phrase(ValueType type) {
    switch (type) {
    case ValueType::string: return "a string";
    case ValueType::integer: return "a whole number";
    case ValueType::number: return "a number";
    case ValueType::boolean: return "true or false";
    case ValueType::time: return "a time (RFC 3339, e.g. 2026-12-01T08:00:00+07:00)";
    case ValueType::duration: return "a duration (e.g. 90m, 1d12h)";
    case ValueType::vnd: return "a whole, non-negative amount in VND";
    case ValueType::array: return "a list";
    case ValueType::object: return "an object";
    case ValueType::any: return "a value";
    }
    return "a value";
}

bool fits(ValueType type, const boost::json::value& value) {
    switch (type) {
    case ValueType::string: return value.is_string();
    case ValueType::integer: return value.is_int64() || value.is_uint64();
    case ValueType::number: return value.is_number();
    case ValueType::boolean: return value.is_bool();
    case ValueType::time: return value.is_string() && parse_rfc3339(value.get_string()).has_value();
    case ValueType::duration: return value.is_string() && parse_duration(value.get_string()).has_value();
    case ValueType::vnd: return (value.is_int64() && value.get_int64() >= 0) || value.is_uint64();
    case ValueType::array: return value.is_array();
    case ValueType::object: return value.is_object();
    case ValueType::any: return true;
    }
    return false;
}

}  // namespace

std::string_view type_name(ValueType type) { return type_names[static_cast<std::size_t>(type)]; }

std::string a_type_name(ValueType type) {
    const std::string_view name = type_name(type);
    return (std::string_view("aeiou").find(name.front()) == std::string_view::npos ? "a " : "an ") + std::string(name);
}

std::optional<ValueType> parse_type_name(std::string_view name) {
    for (std::size_t i = 0; i + 1 < type_names.size(); ++i) {
        if (type_names[i] == name) return static_cast<ValueType>(i);
    }
    return std::nullopt;
}

std::optional<std::string> type_problem(const FieldSpec& spec, const boost::json::value& value) {
    if (!fits(spec.type, value)) {
        return "expected " + std::string(expected_phrase(spec.type)) + ", got " + describe_value(value);
    }
    if (!spec.one_of.empty()) {
        const std::string_view text = value.get_string();
        for (const auto& allowed : spec.one_of) {
            if (allowed == text) return std::nullopt;
        }
        std::string list;
        for (const auto& allowed : spec.one_of) list += (list.empty() ? "" : ", ") + allowed;
        return "expected one of " + list + ", got " + describe_value(value);
    }
    return std::nullopt;
}

std::string describe_value(const boost::json::value& value) {
    constexpr std::size_t limit = 60;
    if (value.is_double()) {  // 1.5, where JSON's serializer writes 1.5E0
        std::array<char, 32> digits{};
        const auto written = std::to_chars(digits.data(), digits.data() + digits.size(), value.get_double());
        return std::string(digits.data(), written.ptr);
    }
    std::string text = boost::json::serialize(value);
    if (text.size() > limit) text = utf8_prefix(text, limit) + "…";
    return text;
}

}  // namespace seminarflow
