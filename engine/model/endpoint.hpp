#pragma once
// A place notifications are sent: a receiver's webhook, a chat group (Slack, Teams, Discord,
// Telegram, Mattermost, Google Chat) or an SMTP relay to participants' mailboxes. Which adapter
// sends to it is its channel; which notifications it gets, its event types; the language its
// chat messages are written in, its language.
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/model/time.hpp"

namespace seminarflow {

struct Endpoint {
    std::string id;       // a UUID
    std::string channel;  // the Channel that sends to it: "webhook", "slack", "telegram" ...
    std::string url;
    // The language chat messages to it are rendered in ("vi", "en"); the generic webhook sends
    // the notification's data, in no language.
    std::string language = "vi";
    // Where in the platform the message goes when the URL does not say (Telegram's chat_id).
    std::optional<std::string> chat_id;
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

    // The URL as logs, listings and operators' notices show it (shown_url below).
    std::string shown_url() const;

    bool wants(std::string_view type) const {
        if (event_types.empty()) return true;
        for (const auto& wanted : event_types) {
            if (wanted == type) return true;
        }
        return false;
    }
};

// A chat platform's webhook URL is its credential (Slack's and Discord's secret path, Telegram's
// bot token): only its scheme and host are shown. Other channels' URLs are shown whole.
std::string shown_url(std::string_view channel, const std::string& url);

inline std::string Endpoint::shown_url() const { return seminarflow::shown_url(channel, url); }

}  // namespace seminarflow
