#pragma once
// The dispatcher's steps against the store, blocking and synchronous so that tests drive them
// with their own clock and outcomes: hand outbox notifications to endpoints, claim due
// deliveries under a lease, and settle a try (judge it by the retry policy, record it). The
// Dispatcher runs them on the store's threads and sends through the channels in between.
#include <cstddef>
#include <functional>
#include <mutex>
#include <random>
#include <string>
#include <vector>

#include "engine/model/result.hpp"
#include "engine/ports/channel.hpp"
#include "engine/ports/clock.hpp"
#include "engine/ports/delivery_observer.hpp"
#include "engine/ports/id_source.hpp"
#include "engine/ports/store.hpp"
#include "engine/runtime/retry_policy.hpp"

namespace seminarflow {

struct DeliveryOptions {
    std::string owner;  // this node, in the leases it takes
    // How long a claimed delivery stays this node's: longer than a send may take (a channel's
    // timeout), or a slow send would be sent again by another node meanwhile.
    Duration lease = std::chrono::seconds(60);
    std::size_t batch = 100;  // notifications fanned out, deliveries claimed, at most per round
    std::vector<Duration> default_schedule = default_retry_schedule();  // for endpoints without one
    // An endpoint whose every try failed for this long (from the first failed try after a
    // success) is disabled and operators are told; nothing: never. Svix's five days by default.
    std::optional<Duration> disable_after = std::chrono::hours(24 * 5);
};

struct SettledAttempt {
    AttemptVerdict verdict;
    bool recorded = false;  // false: the lease was lost and another node's try counts instead
    std::optional<EndpointDisabling> disabled = std::nullopt;  // this try disabled its endpoint
};

// A send that has finished, to be settled (referred to, not copied: an outcome carries the
// receiver's answer).
struct FinishedSend {
    std::reference_wrapper<const Delivery> delivery;
    std::reference_wrapper<const ChannelOutcome> outcome;
    Time started_at;
    Duration latency;
};

class DeliveryWork {
public:
    // A draw in [0, 1) for the retry jitter; by default a seeded generator, one draw at a time.
    using JitterSource = std::function<double()>;

    DeliveryWork(Store& store, const Clock& clock, IdSource& ids, DeliveryOptions options,
                 JitterSource jitter = {}, DeliveryObserver& observer = no_delivery_observer());

    Result<std::size_t, StoreError> fan_out();
    // At most `most`, and of each channel `room` names at most that many.
    Result<std::vector<Delivery>, StoreError> claim(std::size_t most, const ChannelRoom& room = {});
    // fan_out, then claim(most, room), in one trip to the store (Store::run_delivery_round).
    Result<DeliveryRound, StoreError> round(std::size_t most, const ChannelRoom& room = {});
    Result<SettledAttempt, StoreError> settle(const Delivery& delivery, const ChannelOutcome& outcome,
                                              Time started_at, Duration latency);
    // settle for many sends, recorded in one transaction; the answers in the same order.
    Result<std::vector<SettledAttempt>, StoreError> settle_all(const std::vector<FinishedSend>& sends);

    const DeliveryOptions& options() const { return options_; }
    const Clock& clock() const { return clock_; }

private:
    double draw();
    AttemptToRecord judge(const FinishedSend& send);

    Store& store_;
    const Clock& clock_;
    IdSource& ids_;
    DeliveryOptions options_;
    JitterSource jitter_;
    DeliveryObserver& observer_;
    std::mutex random_mutex_;
    std::mt19937_64 random_{std::random_device{}()};
};

}  // namespace seminarflow
