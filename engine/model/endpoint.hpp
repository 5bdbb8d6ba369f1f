#pragma once
// A place notifications are sent: a receiver's webhook today, chat groups and mailboxes later.
// Which adapter sends to it is its channel; which notifications it gets, its event types.
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/model/time.hpp"

namespace seminarflow {

struct Endpoint {
    std::string id;       // a UUID
    std::string channel;  // the Channel that sends to it: "webhook"
    std::string url;
    std::string description;
    // What the channel needs beyond the URL, by name: email's "from" and "tls".
    std::map<std::string, std::string, std::less<>> settings = {};
    // "whsec_" + base64, newest first; each signs every request while receivers rotate.
    std::vector<std::string> secrets;
    std::vector<std::string> event_types;  // template names it receives; empty: all
    bool enabled = true;
    std::optional<std::string> disabled_reason;  // set exactly when disabled
    // Delays between attempts; nothing: the dispatcher's default schedule.
    std::optional<std::vector<Duration>> retry_schedule;
    int max_in_flight = 4;            // sends to it at once, over all nodes
    std::optional<int> rate_limit;    // sends started per second, per node
    Time created_at{};
    Time updated_at{};
    // When its tries began to fail without a success since; nothing while the last one succeeded.
    std::optional<Time> failing_since = std::nullopt;

    bool wants(std::string_view type) const {
        if (event_types.empty()) return true;
        for (const auto& wanted : event_types) {
            if (wanted == type) return true;
        }
        return false;
    }
};

}  // namespace seminarflow
