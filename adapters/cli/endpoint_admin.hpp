#pragma once
// What `seminarflow endpoints add` asks for, checked and made into an Endpoint: pure, so that
// every refusal has a plain test. The command itself is endpoints_command.cpp.
#include <optional>
#include <string>
#include <vector>

#include "engine/model/endpoint.hpp"
#include "engine/model/result.hpp"
#include "engine/ports/id_source.hpp"

namespace seminarflow {

struct EndpointRequest {
    std::string url = {};
    std::vector<std::string> types = {};                   // --type, repeated; none: every notification
    std::string description = {};                          // --description
    std::optional<std::string> secret = std::nullopt;      // --secret whsec_...; none: a new one is made
    std::optional<std::string> retry_schedule = std::nullopt;  // --retry-schedule "5s,1m,10m"
    int max_in_flight = 4;                                 // --max-in-flight
    std::optional<int> rate_limit = std::nullopt;          // --rate-limit, sends per second
    std::string channel = "webhook";                       // --channel: webhook or a chat platform
    std::string language = "vi";                           // --language its messages are written in
    std::optional<std::string> chat_id = std::nullopt;     // --chat-id, where the platform needs one
};

// The channels an endpoint may name: "webhook" and the chat platforms, comma-separated, for help
// texts and refusals.
std::string channel_names();

// The endpoint to store, or why not (one sentence, for the operator).
Result<Endpoint, std::string> make_endpoint(const EndpointRequest& request, Time now, IdSource& ids);

// "5s,1m,10m" -> the delays; refuses an empty list and anything that is not a duration.
Result<std::vector<Duration>, std::string> parse_retry_schedule(std::string_view text);

// One line per endpoint for `endpoints list`: never its secrets, only how many it has, and a chat
// endpoint's URL only as far as its host (the rest is the platform's credential).
std::string describe_endpoint(const Endpoint& endpoint);

}  // namespace seminarflow
