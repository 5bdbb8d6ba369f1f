#pragma once
// What `seminarflow endpoints add` asks for, checked and made into an Endpoint: pure, so that
// every refusal has a plain test. The command itself is endpoints_command.cpp.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "engine/model/endpoint.hpp"
#include "engine/model/result.hpp"
#include "engine/ports/id_source.hpp"

namespace seminarflow {

struct EndpointRequest {
    std::string url = {};
    std::string channel = "webhook";                       // --channel webhook|email
    std::vector<std::string> types = {};                   // --type, repeated; none: every notification
    std::string description = {};                          // --description
    std::optional<std::string> secret = std::nullopt;      // --secret whsec_...; none: a new one is made
    std::optional<std::string> retry_schedule = std::nullopt;  // --retry-schedule "5s,1m,10m"
    int max_in_flight = 4;                                 // --max-in-flight
    std::optional<int> rate_limit = std::nullopt;          // --rate-limit, sends per second
    // Email only (adapters/channels/email/smtp_target.hpp says what they mean).
    std::optional<std::string> from = std::nullopt;        // --from "Name <local@domain>"
    std::optional<std::string> tls = std::nullopt;         // --tls required|opportunistic
    std::optional<std::string> ca_file = std::nullopt;     // --ca-file
    // The relay's password as read from --password-file or --password-env, never the command line.
    std::optional<std::string> password = std::nullopt;
};

// The endpoint to store, or why not (one sentence, for the operator).
Result<Endpoint, std::string> make_endpoint(const EndpointRequest& request, Time now, IdSource& ids);

// "5s,1m,10m" -> the delays; refuses an empty list and anything that is not a duration.
Result<std::vector<Duration>, std::string> parse_retry_schedule(std::string_view text);

// The password an email endpoint's relay wants, from a file (its first line) or an environment
// variable, so that it never stands on a command line (ps, shell history); `file` and `variable`
// are what the operator gave, `environment` looks a variable up.
Result<std::optional<std::string>, std::string> read_password(const std::optional<std::string>& file,
                                                              const std::optional<std::string>& variable,
                                                              const std::function<const char*(const char*)>& environment);

// One line per endpoint for `endpoints list`: never its secrets, only how many it has.
std::string describe_endpoint(const Endpoint& endpoint);

}  // namespace seminarflow
