#pragma once
// A way to notify (DESIGN.md: adapters/channels): it takes one delivery and says how it went.
// Asynchronous without showing how: the adapter calls `done` exactly once, from any thread, when
// the try is over (answered, refused, timed out). Failures are values, never exceptions.
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "engine/model/delivery.hpp"

namespace seminarflow {

struct ChannelOutcome {
    enum class Kind {
        success,            // the receiver took it
        retry_after,        // it asked to be tried again after `retry_after` (429/503 Retry-After)
        retryable_failure,  // a failure that may pass: 5xx, 408, a timeout, a refused connection
        final_failure,      // retrying would not help: other 4xx, a redirect, a bad endpoint
        disable_endpoint,   // the receiver is gone for good (410): stop sending to it at all
        // Nothing was sent: seminarflow could not make the message (a template it cannot render).
        // Our bug, not the receiver's: the delivery fails, the endpoint's failure span is untouched.
        not_sent,
    };
    Kind kind = Kind::final_failure;
    std::optional<int> status_code;
    Duration retry_after{0};
    std::string response_excerpt;  // the start of the answer's body, for operators
    std::string error;             // what went wrong, when something did

    static ChannelOutcome success(int status) { return {Kind::success, status, {}, {}, {}}; }
    static ChannelOutcome retry_later(Duration after, std::optional<int> status, std::string error) {
        return {Kind::retry_after, status, after, {}, std::move(error)};
    }
    static ChannelOutcome retryable(std::optional<int> status, std::string error) {
        return {Kind::retryable_failure, status, {}, {}, std::move(error)};
    }
    static ChannelOutcome final(std::optional<int> status, std::string error) {
        return {Kind::final_failure, status, {}, {}, std::move(error)};
    }
    static ChannelOutcome disable(std::optional<int> status, std::string error) {
        return {Kind::disable_endpoint, status, {}, {}, std::move(error)};
    }
    static ChannelOutcome not_sent(std::string error) {
        return {Kind::not_sent, std::nullopt, {}, {}, std::move(error)};
    }
};

// The error of a not_sent outcome for a message its template could not make: what the operator
// reads on the delivery, saying whose problem it is and what to do.
inline std::string not_rendered(std::string_view template_name, std::string_view why) {
    return "not sent: seminarflow could not render the message of template '" + std::string(template_name) +
           "' (" + std::string(why) + "); the receiver is not at fault. Fix config/templates and replay the delivery";
}

// What a channel sends: the delivery (its stable id, the notification, the endpoint), and the
// instant it is sent at, which signatures carry.
struct DeliveryRequest {
    Delivery delivery;
    Time sent_at{};
};

class Channel {
public:
    using Completion = std::function<void(ChannelOutcome)>;
    virtual ~Channel() = default;
    virtual void send(DeliveryRequest request, Completion done) = 0;
    // How many sends it can have under way at once without queuing any (a channel with a fixed
    // pool of threads); nothing: as many as it is given. The dispatcher never hands it more, so
    // that no delivery waits in its queue while the lease it was claimed under runs out.
    virtual std::optional<std::size_t> capacity() const { return std::nullopt; }
};

}  // namespace seminarflow
