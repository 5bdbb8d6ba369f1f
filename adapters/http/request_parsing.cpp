#include "adapters/http/request_parsing.hpp"

#include <algorithm>
#include <boost/json/stream_parser.hpp>
#include <charconv>
#include <cmath>
#include <initializer_list>

#include "adapters/http/cursor.hpp"
#include "adapters/http/problem.hpp"

namespace seminarflow::http {
namespace {

Failure<Response> bad_parameter(std::string_view field, std::string detail, std::string_view type = "invalid-parameter") {
    return fail(problem(400, type, type == "invalid-cursor" ? "Invalid cursor" : "Invalid parameter", detail,
                        {{"field", field}}));
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

}  // namespace

Parsed<CreateRequest> parse_create_request(std::string_view body) {
    auto object = json_object(body, {"workflow", "data", "parent"});
    if (!object) return fail(std::move(object).error());
    auto workflow = required_text(*object, "workflow");
    if (!workflow) return fail(std::move(workflow).error());
    auto data = object_member(*object, "data");
    if (!data) return fail(std::move(data).error());
    CreateRequest request{std::move(workflow).value(), std::move(data).value(), std::nullopt};
    if (const auto* parent = object->if_contains("parent"); parent && !parent->is_null()) {
        if (!parent->is_string() || parent->get_string().empty()) {
            return invalid_body("parent", "'parent' must be an instance id (a string) or null, not " +
                                              std::string(parent->is_string() ? "an empty string" : kind_of(*parent)));
        }
        request.parent = std::string(parent->get_string());
    }
    return request;
}

Parsed<EventRequest> parse_event_request(std::string_view body) {
    auto object = json_object(body, {"type", "payload"});
    if (!object) return fail(std::move(object).error());
    auto type = required_text(*object, "type");
    if (!type) return fail(std::move(type).error());
    auto payload = object_member(*object, "payload");
    if (!payload) return fail(std::move(payload).error());
    return EventRequest{std::move(type).value(), std::move(payload).value()};
}

Parsed<std::optional<std::string>> parse_idempotency_key(const Request& request) {
    bool present = false;
    for (const auto& [name, value] : request.headers) present = present || name == "idempotency-key";
    if (!present) return std::optional<std::string>{};
    const std::string_view key = request.header("idempotency-key");
    const bool visible = std::all_of(key.begin(), key.end(), [](char c) { return c > ' ' && c < 0x7f; });
    if (key.empty() || key.size() > 255 || !visible) {
        return fail(problem(400, "invalid-header", "Invalid header",
                            "Idempotency-Key must be 1 to 255 visible ASCII characters (a UUID is a good choice)",
                            {{"field", "Idempotency-Key"}}));
    }
    return std::optional<std::string>(key);
}

Parsed<ListingQuery> parse_listing_query(const Request& request) {
    if (auto refused = check_parameters(request, {"workflow", "state", "parent", "cursor", "limit"})) {
        return fail(std::move(*refused));
    }
    auto limit = page_limit(request);
    if (!limit) return fail(std::move(limit).error());
    ListingQuery query;
    query.filter = InstanceFilter{filter_value(request, "workflow"), filter_value(request, "state"),
                                  filter_value(request, "parent")};
    query.limit = *limit;
    if (const std::string_view cursor = request.query_value("cursor"); !cursor.empty()) {
        query.after = decode_instance_cursor(cursor);
        if (!query.after) {
            return bad_parameter("cursor", "this cursor was not given by this listing: pass next_cursor as it came",
                                 "invalid-cursor");
        }
    }
    return query;
}

Parsed<HistoryQuery> parse_history_query(const Request& request) {
    if (auto refused = check_parameters(request, {"after", "cursor", "limit"})) return fail(std::move(*refused));
    auto limit = page_limit(request);
    if (!limit) return fail(std::move(limit).error());
    HistoryQuery query;
    query.limit = *limit;
    const std::string_view after = request.query_value("after");
    const std::string_view cursor = request.query_value("cursor");
    if (!after.empty() && !cursor.empty()) return bad_parameter("cursor", "give 'after' or 'cursor', not both");
    if (!after.empty()) {
        const auto seq = whole_number(after);
        if (!seq || *seq < 0) {
            return bad_parameter("after", "after must be a history seq (a whole number from 0), not '" +
                                              std::string(after) + "'");
        }
        query.after = *seq;
    } else if (!cursor.empty()) {
        const auto seq = decode_history_cursor(cursor);
        if (!seq) {
            return bad_parameter("cursor", "this cursor was not given by this history: pass next_cursor as it came",
                                 "invalid-cursor");
        }
        query.after = *seq;
    }
    return query;
}

}  // namespace seminarflow::http
