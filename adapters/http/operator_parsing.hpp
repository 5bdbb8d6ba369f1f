#pragma once
// What the endpoint and delivery routes read from a request, checked before anything runs, with
// the refusals of parsing_parts.hpp. What the values must be beyond their JSON shape (a URL the
// webhook channel can reach, a secret's form, an RFC 3339 time) is endpoint_admin.hpp's to say,
// for the CLI and the API alike.
#include <optional>
#include <string>

#include "adapters/channels/endpoint_admin.hpp"
#include "adapters/http/parsing_parts.hpp"
#include "engine/model/delivery.hpp"

namespace seminarflow::http {

// POST /v1/endpoints: {"url", "channel"?, "types"?: [...], "description"?, "secret"?,
// "retry_schedule"?: ["5s", "5m", ...], "max_in_flight"?, "rate_limit"?}.
Parsed<EndpointRequest> parse_endpoint_request(std::string_view body);

// The optional body of POST /v1/endpoints/{id}/disable ({"reason"?}) and .../secret/rotate
// ({"secret"?}): nothing (no body, or {}) or the one member's text.
Parsed<std::optional<std::string>> parse_optional_member(std::string_view body, std::string_view name);

// GET /v1/deliveries?status=&endpoint=&cursor=&limit=
Parsed<DeliveryFilter> parse_deliveries_query(const Request& request);

// POST /v1/deliveries/replay: {"since": RFC 3339, "endpoint"?}.
struct ReplayRequest {
    Time since{};
    std::optional<std::string> endpoint;
};
Parsed<ReplayRequest> parse_replay_request(std::string_view body);

}  // namespace seminarflow::http
