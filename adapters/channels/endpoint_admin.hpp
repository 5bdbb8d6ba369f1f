#pragma once
// What an operator asks of endpoints and deliveries, checked: pure, and shared by the two ways an
// operator asks, `seminarflow endpoints|deliveries ...` (adapters/cli) and /v1/endpoints,
// /v1/deliveries (adapters/http), so that both accept and refuse the same things with the same
// words. Each refusal names the field at fault; the CLI shows it as its option, the API as the
// JSON member.
#include <optional>
#include <string>
#include <vector>

#include "adapters/channels/http/address_policy.hpp"
#include "engine/model/endpoint.hpp"
#include "engine/model/result.hpp"
#include "engine/ports/id_source.hpp"

namespace seminarflow {

struct EndpointRequest {
    std::string url = {};
    std::string channel = "webhook";                       // webhook, email (an SMTP relay) or a chat platform
    std::string language = "vi";                           // what a chat platform's messages are written in
    std::optional<std::string> chat_id = std::nullopt;     // where the platform needs one (Telegram)
    std::vector<std::string> types = {};                   // notification types; none: every one
    std::string description = {};
    std::optional<std::string> secret = std::nullopt;      // whsec_...; none: a new one is made
    std::optional<std::string> retry_schedule = std::nullopt;  // "5s,1m,10m"; none: the default
    int max_in_flight = 4;
    std::optional<int> rate_limit = std::nullopt;          // sends started per second
    // Email only (adapters/channels/email/smtp_target.hpp says what they mean).
    std::optional<std::string> from = std::nullopt;        // "Name <local@domain>"
    std::optional<std::string> tls = std::nullopt;         // required|opportunistic
    std::optional<std::string> ca_file = std::nullopt;
    std::optional<std::string> password = std::nullopt;    // the relay's, for AUTH
};

// Why a request is refused: `field` is the request's member ("url", "retry_schedule" ...),
// `message` one sentence that does not repeat it.
struct EndpointRefusal {
    std::string field;
    std::string message;
};

// The channels an endpoint may name: "webhook", "email" and the chat platforms, comma-separated,
// for help texts and refusals.
std::string channel_names();

// The endpoint to store, or why not. A URL whose host is an address that `addresses` refuses
// (loopback, private ...: address_policy.hpp) is refused here already; a name is judged by what
// it resolves to when each delivery is sent.
Result<Endpoint, EndpointRefusal> make_endpoint(const EndpointRequest& request, Time now, IdSource& ids,
                                                const channels::AddressPolicy& addresses);

// "5s,1m,10m" -> the delays; refuses an empty list and anything that is not a duration.
Result<std::vector<Duration>, EndpointRefusal> parse_retry_schedule(std::string_view text);

// The secrets after a rotation: `secret` (a new one if none) first, then the newest of the old
// ones, which keeps signing beside it until the next rotation so that the receiver can move over
// without losing a message (Standard Webhooks: several signatures during rotation).
Result<std::vector<std::string>, EndpointRefusal> rotated_secrets(const Endpoint& endpoint,
                                                                  const std::optional<std::string>& secret);

// The time a replay starts from: an RFC 3339 time; the refusal says what one looks like.
Result<Time, EndpointRefusal> parse_replay_since(std::string_view text);

// The delivery statuses an operator filters on, for the refusal of any other.
inline constexpr std::string_view delivery_statuses = "pending, delivered, failed or dead";

}  // namespace seminarflow
