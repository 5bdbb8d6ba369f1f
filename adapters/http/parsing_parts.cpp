// The pieces every request parser is built of (parsing_parts.hpp).
#include "adapters/http/parsing_parts.hpp"

#include <boost/json/stream_parser.hpp>
#include <charconv>
#include <cmath>

#include "adapters/http/problem.hpp"

namespace seminarflow::http::parsing {
namespace {

// The first number in `value` that JSON text cannot hold again (1e999 parses as infinity), as a
// path under `path` such as "data.seats".
std::optional<std::string> non_finite(const boost::json::value& value, const std::string& path) {
    if (value.is_double()) return std::isfinite(value.get_double()) ? std::nullopt : std::optional(path);
    if (value.is_object()) {
        for (const auto& [key, member] : value.get_object()) {
            if (auto found = non_finite(member, path.empty() ? std::string(key) : path + "." + std::string(key))) {
                return found;
            }
        }
    } else if (value.is_array()) {
        const auto& array = value.get_array();
        for (std::size_t i = 0; i < array.size(); ++i) {
            if (auto found = non_finite(array[i], path + "[" + std::to_string(i) + "]")) return found;
        }
    }
    return std::nullopt;
}

}  // namespace

Failure<Response> bad_parameter(std::string_view field, std::string detail, std::string_view type) {
    return fail(problem(400, type, type == "invalid-cursor" ? "Invalid cursor" : "Invalid parameter", detail,
                        {{"field", field}}));
}

// A cursor this server did not give for this `page_kind` (a listing, a history): forged, cut, or
// from another endpoint.
Failure<Response> foreign_cursor(std::string_view page_kind) {
    return bad_parameter("cursor", "this cursor was not given by this " + std::string(page_kind) +
                                       ": pass next_cursor as it came",
                         "invalid-cursor");
}

Failure<Response> invalid_body(std::string_view field, std::string detail) {
    boost::json::object extra;
    if (!field.empty()) extra["field"] = field;
    return fail(problem(422, "invalid-body", "Invalid request body", detail, std::move(extra)));
}

std::string_view kind_of(const boost::json::value& value) {
    switch (value.kind()) {
    case boost::json::kind::object: return "an object";
    case boost::json::kind::array: return "an array";
    case boost::json::kind::string: return "a string";
    case boost::json::kind::bool_: return "a boolean";
    case boost::json::kind::null: return "null";
    default: return "a number";
    }
}

// The body as a JSON object whose members are all in `known`.
Parsed<boost::json::object> json_object(std::string_view body, std::initializer_list<std::string_view> known) {
    if (body.find_first_not_of(" \t\r\n") == std::string_view::npos) {
        return fail(problem(400, "malformed-json", "Malformed JSON", "the body is empty: send a JSON object"));
    }
    boost::json::stream_parser parser;
    boost::system::error_code error;
    const std::size_t used = parser.write(body.data(), body.size(), error);
    if (!error) parser.finish(error);
    if (error) {
        return fail(problem(400, "malformed-json", "Malformed JSON",
                            "the body is not JSON (in UTF-8): " + error.message() + " at byte " + std::to_string(used)));
    }
    boost::json::value value = parser.release();
    if (!value.is_object()) return invalid_body("", "the body must be a JSON object, not " + std::string(kind_of(value)));
    if (auto path = non_finite(value, "")) return invalid_body(*path, "'" + *path + "' is a number too large to keep");
    for (const auto& [key, member] : value.get_object()) {
        bool listed = false;
        std::string expected;
        for (const auto name : known) {
            listed = listed || key == name;
            expected += (expected.empty() ? "" : ", ") + std::string(name);
        }
        if (!listed) return invalid_body(key, "unknown member '" + std::string(key) + "'; expected: " + expected);
    }
    return std::move(value.get_object());
}

Parsed<std::string> required_text(const boost::json::object& body, std::string_view name) {
    const auto* value = body.if_contains(name);
    if (!value) return invalid_body(name, "'" + std::string(name) + "' is required");
    if (!value->is_string() || value->get_string().empty()) {
        return invalid_body(name, "'" + std::string(name) + "' must be a non-empty string, not " +
                                      (value->is_string() ? std::string("an empty one") : std::string(kind_of(*value))));
    }
    return std::string(value->get_string());
}

// An optional object member: {} when absent.
Parsed<boost::json::object> object_member(boost::json::object& body, std::string_view name) {
    auto* value = body.if_contains(name);
    if (!value) return boost::json::object{};
    if (!value->is_object()) {
        return invalid_body(name, "'" + std::string(name) + "' must be an object, not " + std::string(kind_of(*value)));
    }
    return std::move(value->get_object());
}

std::optional<std::int64_t> whole_number(std::string_view text) {
    std::int64_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || error != std::errc{} || end != text.data() + text.size()) return std::nullopt;
    return value;
}

// Refuses a query parameter that is not in `known`, or is given twice: a typo such as `?sate=`
// would otherwise list everything without a word.
std::optional<Response> check_parameters(const Request& request, std::initializer_list<std::string_view> known) {
    for (std::size_t i = 0; i < request.query.size(); ++i) {
        const std::string& name = request.query[i].first;
        bool listed = false;
        std::string expected;
        for (const auto candidate : known) {
            listed = listed || name == candidate;
            expected += (expected.empty() ? "" : ", ") + std::string(candidate);
        }
        if (!listed) return bad_parameter(name, "unknown parameter '" + name + "'; expected: " + expected).error;
        for (std::size_t j = 0; j < i; ++j) {
            if (request.query[j].first == name) return bad_parameter(name, "'" + name + "' is given twice").error;
        }
    }
    return std::nullopt;
}

Parsed<std::size_t> page_limit(const Request& request) {
    const std::string_view text = request.query_value("limit");
    if (text.empty()) return default_page_limit;
    const auto limit = whole_number(text);
    if (!limit || *limit < 1 || *limit > static_cast<std::int64_t>(max_page_limit)) {
        return bad_parameter("limit", "limit must be a whole number from 1 to " + std::to_string(max_page_limit) +
                                          ", not '" + std::string(text) + "'");
    }
    return static_cast<std::size_t>(*limit);
}

std::optional<std::string> filter_value(const Request& request, std::string_view name) {
    const std::string_view value = request.query_value(name);
    return value.empty() ? std::nullopt : std::optional<std::string>(value);
}
// An optional string member of at most max_text_bytes, which `valid` (if given) accepts.
Parsed<std::optional<std::string>> optional_text(const boost::json::object& body, std::string_view name,
                                                 std::string_view expected, bool (*valid)(std::string_view)) {
    const auto* value = body.if_contains(name);
    if (!value) return std::optional<std::string>{};
    if (!value->is_string()) {
        return invalid_body(name, "'" + std::string(name) + "' must be " + std::string(expected) + ", not " +
                                      std::string(kind_of(*value)));
    }
    const std::string_view text = value->get_string();
    if (text.size() > max_text_bytes || (valid && !valid(text))) {
        return invalid_body(name, "'" + std::string(name) + "' must be " + std::string(expected) + ", not '" +
                                      std::string(text.substr(0, 100)) + "'");
    }
    return std::optional<std::string>(text);
}

}  // namespace seminarflow::http::parsing
