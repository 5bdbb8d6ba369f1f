#pragma once
// The pieces every request parser is built of (request_parsing.cpp for instances and participants,
// operator_parsing.cpp for endpoints and deliveries), so that all refuse alike: a bad query
// parameter gets 400 naming it in `field`, a body that is not JSON 400 (malformed-json), JSON of
// the wrong shape 422 (invalid-body) naming the member in `field`.
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "adapters/http/http_message.hpp"
#include "engine/model/result.hpp"

namespace seminarflow::http {

template <class T>
using Parsed = Result<T, Response>;

// How many items a page holds: `limit`, 1 to max_page_limit, default_page_limit without it.
constexpr std::size_t default_page_limit = 50;
constexpr std::size_t max_page_limit = 500;

namespace parsing {

Failure<Response> bad_parameter(std::string_view field, std::string detail, std::string_view type = "invalid-parameter");
// A cursor this server did not give for this `page_kind` (a listing, a history): forged, cut, or
// from another endpoint.
Failure<Response> foreign_cursor(std::string_view page_kind);
Failure<Response> invalid_body(std::string_view field, std::string detail);
// "an object", "a string" ...: what a JSON value is, for refusals.
std::string_view kind_of(const boost::json::value& value);

// The body as a JSON object whose members are all in `known`.
Parsed<boost::json::object> json_object(std::string_view body, std::initializer_list<std::string_view> known);
Parsed<std::string> required_text(const boost::json::object& body, std::string_view name);
// An optional object member: {} when absent.
Parsed<boost::json::object> object_member(boost::json::object& body, std::string_view name);
std::optional<std::int64_t> whole_number(std::string_view text);

// Refuses a query parameter that is not in `known`, or is given twice: a typo such as `?sate=`
// would otherwise list everything without a word.
std::optional<Response> check_parameters(const Request& request, std::initializer_list<std::string_view> known);
// `limit`, 1 to max_page_limit, default_page_limit without it.
Parsed<std::size_t> page_limit(const Request& request);
// A query parameter's value; nothing when absent or empty (no filter).
std::optional<std::string> filter_value(const Request& request, std::string_view name);

constexpr std::size_t max_text_bytes = 500;
// An optional string member of at most max_text_bytes, which `valid` (if given) accepts.
Parsed<std::optional<std::string>> optional_text(const boost::json::object& body, std::string_view name,
                                                 std::string_view expected, bool (*valid)(std::string_view) = nullptr);

}  // namespace parsing
}  // namespace seminarflow::http
