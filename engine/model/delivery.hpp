#pragma once
// One notification on its way to one endpoint, and what each try to send it left. The delivery's
// id is what receivers dedupe on (Standard Webhooks' webhook-id): the same on every retry.
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/model/endpoint.hpp"
#include "engine/model/notification.hpp"
#include "engine/model/recipient.hpp"
#include "engine/model/time.hpp"

namespace seminarflow {

enum class DeliveryStatus {
    pending,    // waiting for its next attempt, or being sent
    delivered,  // the receiver took it (2xx)
    failed,     // ended by an answer retrying would not change (4xx, redirect, endpoint gone)
    dead,       // the retry schedule ran out
};
std::string_view to_string(DeliveryStatus status);
std::optional<DeliveryStatus> parse_delivery_status(std::string_view text);

// A delivery as a dispatcher claimed it: with the notification and the endpoint to send it to.
struct Delivery {
    std::string id;
    Notification notification;
    Endpoint endpoint;
    int attempt = 0;  // this try's number: 1 for the first
    Time created_at{};
    // The participant it is for, when the endpoint's channel addresses participants (email).
    std::optional<Recipient> recipient = std::nullopt;
};

// A delivery as operators see it (listings, replays): where it stands, not what it carries.
struct DeliveryRecord {
    std::string id;
    std::string notification_id;
    std::string endpoint_id;
    std::string type;  // the notification's template
    DeliveryStatus status = DeliveryStatus::pending;
    int attempts = 0;
    Time next_attempt_at{};
    std::optional<int> last_status_code;
    std::optional<std::string> last_error;
    Time created_at{};
    std::optional<Time> finished_at;
    std::optional<std::string> recipient = std::nullopt;  // the participant's address, for email
};

// How many more deliveries a claim may take for each channel named (by the endpoints' `channel`):
// what this node can start at once, not queue. A channel not named: as many as the claim's limit.
using ChannelRoom = std::map<std::string, std::size_t, std::less<>>;

// One dispatcher round against the store (Store::run_delivery_round): pending notifications
// handed over to the endpoints that want them, then due deliveries claimed under a lease.
struct DeliveryRoundRequest {
    std::string owner;          // this node, in the leases it takes
    Time now{};
    Time lease_until{};
    std::size_t hand_over = 0;  // notifications to hand over, at most
    std::size_t claim = 0;      // deliveries to claim, at most
    ChannelRoom room = {};      // of a channel named, at most that many claimed
};

struct DeliveryRound {
    std::size_t handed = 0;  // notifications handed over
    std::vector<Delivery> claimed;
    // When the earliest pending delivery is due, read only when the round took less than it
    // could on both counts: a round that did not is followed by another at once.
    std::optional<Time> next_due = std::nullopt;
    bool full = false;  // it took as much as it could, of notifications or of deliveries
};

// Where a listing of deliveries (newest first) stands: the last one a page held.
struct DeliveryPosition {
    Time created_at{};
    std::string id;
};

// Designated initializers may leave any member out (the = {} keep -Wmissing-field-initializers quiet).
struct DeliveryFilter {
    std::optional<DeliveryStatus> status = std::nullopt;
    std::optional<std::string> endpoint_id = std::nullopt;
    std::size_t limit = 100;
    std::optional<DeliveryPosition> after = std::nullopt;  // those listed after it; none: from the newest
};

// How a try went, as the dispatcher read the channel's answer.
enum class AttemptOutcome { success, retry, failure, disable };
std::string_view to_string(AttemptOutcome outcome);

struct DeliveryAttempt {
    std::string delivery_id;
    int attempt = 0;
    Time started_at{};
    Duration latency{0};
    std::optional<int> status_code = std::nullopt;  // nothing: no answer (refused, timed out)
    AttemptOutcome outcome = AttemptOutcome::failure;
    std::string response_excerpt = {};
    std::optional<std::string> error = std::nullopt;
};

// What a try leaves the delivery in, written with the attempt in one transaction.
struct DeliverySettlement {
    DeliveryStatus status = DeliveryStatus::pending;
    Time next_attempt_at{};                       // when pending: the next try
    std::optional<std::string> disable_endpoint;  // the endpoint is disabled, for this reason
    // An endpoint whose tries have all failed for at least this long (from the first failed try
    // after its last success) is disabled by the try that finds it so. Nothing: never for that.
    std::optional<Duration> disable_after = std::nullopt;
    // The id of the operators' notification (endpoint_disabled_notice) written to the outbox if
    // this try disables the endpoint, whatever the cause.
    std::string notice_id = {};
    // False for a try that says nothing of the receiver (seminarflow could not render the message,
    // and sent nothing): it neither starts nor ends the endpoint's failure span, and never disables it.
    bool receiver_judged = true;
};

// The notification type operators are told of an endpoint disabled without them by: delivered,
// like any other, to the endpoints that want it, never to the disabled one.
inline constexpr std::string_view endpoint_disabled_notice = "seminarflow.endpoint.disabled";

// Why an endpoint was disabled without an operator: the receiver said it is gone for good (410
// Gone, or a platform's own word for it: DeliverySettlement::disable_endpoint), or every try
// failed for longer than the dispatcher's disable_after. The metric's label and the operators'
// notice's `cause`.
enum class DisableCause { gone, failing };
inline std::string_view to_string(DisableCause cause) { return cause == DisableCause::gone ? "gone" : "failing"; }

// An endpoint disabled by a try, as the store decided it.
struct EndpointDisabling {
    DisableCause cause;
    std::string reason;  // for operators: "410 Gone ...", "every try failed since ..."
};

// What recording a try came to. False (no recorded) if the node no longer held the delivery.
// One try to record, with what it leaves its delivery in.
struct AttemptToRecord {
    DeliveryAttempt attempt;
    DeliverySettlement settlement;
};

struct AttemptRecorded {
    bool recorded = false;
    std::optional<EndpointDisabling> disabled = std::nullopt;  // the try disabled its endpoint
    explicit operator bool() const { return recorded; }
};

}  // namespace seminarflow
