#pragma once
// Requests and responses as plain values: routing and handlers are ordinary functions with
// ordinary unit tests, and only server.cpp knows Beast.
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/model/event.hpp"

namespace seminarflow::http {

struct Request {
    std::string method;  // "GET"
    std::string target;  // path and query, as sent
    std::string path;    // percent-decoded
    std::vector<std::pair<std::string, std::string>> query;    // decoded, in order
    std::vector<std::pair<std::string, std::string>> headers;  // names lower-case
    std::string body;
    // Who sends it, once the server admitted it with a token (actor.hpp); nothing on open routes.
    std::optional<Actor> actor = std::nullopt;

    std::string_view header(std::string_view name) const;      // "" when absent
    std::string_view query_value(std::string_view name) const;  // "" when absent
};

struct Response {
    unsigned status = 200;
    std::string content_type = "application/json";
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;
};

Response json_response(unsigned status, std::string body);
Response text_response(unsigned status, std::string content_type, std::string body);

// Splits a request target into its decoded path and query; false if it is not a valid target.
bool parse_target(std::string_view target, Request& request);

}  // namespace seminarflow::http
