#pragma once
// Delivers the outbox: hands new notifications to their endpoints, claims due deliveries, sends
// each through its endpoint's channel as a coroutine of its own, and settles it (records the try,
// reschedules, dead-letters). Many sends are in flight at once, up to a node-wide limit, and each
// endpoint has its own limit (enforced when claiming) and rate: a slow or failing receiver holds
// its own sends and never the others'. A channel that can start only so many sends at once
// (Channel::capacity: the email channel's threads) is never given more than it can start, so
// that no delivery waits in a queue while its lease runs out (dispatcher.cpp, channel_room). Between rounds it sleeps until the next delivery is due,
// at most `poll_interval`, or until woken (a commit with notifications, a send that finished).
// Asio stays in dispatcher.cpp; the store's blocking calls run on `blocking`.
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "engine/ports/channel.hpp"
#include "engine/runtime/delivery_work.hpp"

namespace boost::asio {
class io_context;
class thread_pool;
}  // namespace boost::asio

namespace seminarflow {

struct DispatcherOptions {
    std::chrono::milliseconds poll_interval{1000};
    std::size_t max_in_flight = 64;  // sends under way at once on this node
};

// The channels by name, as endpoints name them ("webhook"); they must outlive the dispatcher.
using Channels = std::map<std::string, Channel*, std::less<>>;

// What the dispatcher tells whoever watches it (logs, metrics). Called on its strand; must not block.
struct DispatcherEvents {
    std::function<void(const Delivery&, const ChannelOutcome&, const Result<SettledAttempt, StoreError>&)> settled;
    std::function<void(const StoreError&)> failed;  // a round could not reach the store
};

class Dispatcher {
public:
    Dispatcher(boost::asio::io_context& io, boost::asio::thread_pool& blocking, DeliveryWork& work, Channels channels,
               DispatcherOptions options, DispatcherEvents events = {});
    ~Dispatcher();
    Dispatcher(const Dispatcher&) = delete;
    Dispatcher& operator=(const Dispatcher&) = delete;

    void start();
    // Claims no more. Sends under way finish if the I/O loop keeps running; the leases of those
    // that do not run out (or are released), and another node sends them again.
    void stop();
    // Notifications were just committed here: look now rather than at the next poll.
    void wake();

private:
    struct Impl;
    std::shared_ptr<Impl> impl_;
};

}  // namespace seminarflow
