#include "engine/runtime/dispatcher.hpp"

#include <atomic>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <optional>
#include <string>

#include "engine/runtime/loop_step.hpp"

namespace seminarflow {

namespace asio = boost::asio;

namespace {

constexpr std::chrono::milliseconds idle_floor{50};
// Rounds that wakes bring on (a notification committed here, a try recorded) start at most this
// often. Under a steady stream of events a round then hands over and claims what several of them
// queued, instead of running its few transactions for each one; a round that found more than it
// could take still runs again at once.
constexpr std::chrono::milliseconds woken_round_spacing{10};

// The Channel port's callback as something a coroutine awaits. The channel may call back from
// any thread: the result is posted to the awaiting coroutine's executor, which the work guard
// keeps alive meanwhile. A channel that throws instead made a try that failed: it completes as
// one, to be settled and tried again on its schedule. (Thrown out of the initiation, it would
// end the awaiting coroutine without a word, and the send's slot would never be given back.)
template <class Token>
auto async_send(Channel& channel, DeliveryRequest request, Token&& token) {
    // The request travels in a shared pointer the initiation owns, not as an argument of
    // async_initiate: a deferred initiation (use_awaitable) must not refer to this frame.
    auto shared = std::make_shared<DeliveryRequest>(std::move(request));
    return asio::async_initiate<Token, void(ChannelOutcome)>(
        [&channel, shared](auto handler) {
            using Handler = decltype(handler);
            struct Pending {
                Handler handler;
                asio::executor_work_guard<asio::associated_executor_t<Handler>> guard;
            };
            auto executor = asio::get_associated_executor(handler);
            auto pending = std::make_shared<Pending>(Pending{std::move(handler), asio::make_work_guard(executor)});
            const auto finish = [pending](ChannelOutcome outcome) {
                auto target = pending->guard.get_executor();
                asio::post(target, [pending, outcome = std::move(outcome)]() mutable {
                    std::move(pending->handler)(std::move(outcome));
                    pending->guard.reset();
                });
            };
            const std::string channel_name = shared->delivery.endpoint.channel;
            try {
                channel.send(std::move(*shared), finish);
            } catch (const std::exception& error) {
                finish(ChannelOutcome::retryable(std::nullopt, "the '" + channel_name +
                                                                   "' channel failed unexpectedly: " + error.what()));
            }
        },
        token);
}

}  // namespace

struct Dispatcher::Impl : std::enable_shared_from_this<Dispatcher::Impl> {
    Impl(asio::io_context& io, asio::thread_pool& pool, DeliveryWork& delivery_work, Channels by_name,
         DispatcherOptions dispatcher_options, DispatcherEvents watchers)
        : strand(asio::make_strand(io)), blocking(pool), work(delivery_work), channels(std::move(by_name)),
          options(dispatcher_options), events(std::move(watchers)), sleep(strand) {}

    asio::strand<asio::io_context::executor_type> strand;
    asio::thread_pool& blocking;
    DeliveryWork& work;
    Channels channels;
    DispatcherOptions options;
    DispatcherEvents events;
    asio::steady_timer sleep;
    std::atomic<bool> stopping{false};
    // Set by wake(): work arrived since the current round began; look again (soon) instead of
    // sleeping.
    std::atomic<bool> woken{false};
    // On the strand only: sends under way, all and by channel; the tries of finished sends not yet
    // recorded; and when each rate-limited endpoint may get its next.
    std::size_t in_flight = 0;
    std::map<std::string, std::size_t, std::less<>> channel_in_flight;
    std::size_t unrecorded = 0;
    std::map<std::string, std::chrono::steady_clock::time_point, std::less<>> next_slot;

    // A send whose answer came, waiting to be recorded.
    struct Finished {
        std::shared_ptr<const Delivery> delivery;
        ChannelOutcome outcome;
        Time started;
        Duration latency;
    };
    // On the strand only: the sends that finished while the last ones were being recorded, and
    // whether that is under way. They are recorded together, in one transaction.
    std::vector<Finished> unsettled;
    bool settling = false;

    // What a round on the store's threads brings back (default-constructible, as co_spawn wants).
    struct Round {
        std::optional<StoreError> error;
        DeliveryRound done;
    };

    // What each channel with a capacity (the email channel's pool of threads) can start now.
    //
    // A delivery is claimed under a lease (DeliveryOptions::lease, longer than a send may take);
    // were it handed to a channel that queues it behind other sends, it could sit there until the
    // lease ran out, be claimed again by another node and go out twice. So a claim never takes
    // more of a channel's deliveries than the channel can start at once, counting those under way
    // here: each starts as soon as it is claimed and is over within its send timeout, well inside
    // its lease. The rest stay in the outbox, unleased, for the next round (a send finishing wakes
    // it) or another node. Still at least once: a node that dies mid-send loses its lease and the
    // delivery is sent again; only our own queuing can no longer cause a second send.
    ChannelRoom channel_room() const {
        ChannelRoom room;
        for (const auto& [name, channel] : channels) {
            const auto capacity = channel ? channel->capacity() : std::nullopt;
            if (!capacity) continue;
            const auto busy = channel_in_flight.find(name);
            const std::size_t used = busy == channel_in_flight.end() ? 0 : busy->second;
            room.emplace(name, *capacity > used ? *capacity - used : 0);
        }
        return room;
    }

    // How many deliveries a claim may take now. A send's slot is free once its answer came, so the
    // next sends start while the last ones' tries are being recorded; the tries waiting to be
    // recorded are bounded too (by max_in_flight), so a store slower than the receivers holds the
    // sends back instead of letting finished ones pile up under their leases.
    std::size_t send_room() const {
        const std::size_t limit = options.max_in_flight;
        const std::size_t sending = limit > in_flight ? limit - in_flight : 0;
        const std::size_t held = in_flight + unrecorded;
        const std::size_t recording = 2 * limit > held ? 2 * limit - held : 0;
        return std::min(sending, recording);
    }

    // One trip to the store: notifications handed over, deliveries claimed, and, when that did
    // not take all it could, when the next one is due.
    Round run_round(std::size_t room, const ChannelRoom& by_channel) {
        auto done = loop_step("handing notifications over and claiming deliveries",
                              [&] { return work.round(room, by_channel); });
        if (!done) return Round{std::move(done).error(), {}};
        return Round{std::nullopt, std::move(done).value()};
    }

    // How long to sleep after `round`: not at all while there is more than a round took, else
    // until the next delivery is due, within [idle floor, poll interval] when nothing was done
    // (a due delivery another node holds, or one held back by its endpoint's limit, is "due" and
    // yet cannot be claimed: looking again at once would spin).
    std::chrono::milliseconds pause_after(const Round& round) const {
        if (round.error) return options.poll_interval;
        const DeliveryRound& done = round.done;
        if (done.full) return std::chrono::milliseconds(0);
        auto wait = options.poll_interval;
        if (done.next_due) {
            const auto until = std::chrono::duration_cast<std::chrono::milliseconds>(*done.next_due - work.clock().now());
            wait = std::clamp(until, std::chrono::milliseconds(0), options.poll_interval);
        }
        if (done.handed == 0 && done.claimed.empty()) wait = std::max(wait, std::min(idle_floor, options.poll_interval));
        return wait;
    }

    asio::awaitable<void> loop() {
        auto self = shared_from_this();
        asio::steady_timer spacing(strand);
        while (!stopping) {
            woken = false;  // this round looks for whatever the wakes so far were about
            const auto round_started = std::chrono::steady_clock::now();
            const std::size_t room = send_room();
            // Taken on the strand before the round: sends only finish meanwhile, so it errs short.
            // Captured by reference, not moved into the lambda: GCC 12 destroys a co_await
            // expression's temporaries twice, and a lambda owning a map is one.
            const ChannelRoom by_channel = channel_room();
            Round round = co_await asio::co_spawn(
                blocking,
                [this, room, &by_channel]() -> asio::awaitable<Round> { co_return run_round(room, by_channel); },
                asio::use_awaitable);
            if (round.error && events.failed) events.failed(*round.error);
            for (Delivery& delivery : round.done.claimed) {
                ++in_flight;
                ++channel_in_flight[delivery.endpoint.channel];
                asio::co_spawn(strand, send(std::make_shared<const Delivery>(std::move(delivery))), asio::detached);
            }
            const auto wait = pause_after(round);
            if (stopping) break;
            if (wait.count() == 0) continue;
            if (woken) {
                spacing.expires_at(round_started + woken_round_spacing);
                co_await spacing.async_wait(asio::as_tuple(asio::use_awaitable));
                continue;
            }
            sleep.expires_after(wait);
            co_await sleep.async_wait(asio::as_tuple(asio::use_awaitable));  // cancelled by wake() or stop()
        }
    }

    // Waits for the endpoint's next slot when it has a rate limit: sends start at most
    // `rate_limit` a second from this node.
    asio::awaitable<void> pace(const Endpoint& endpoint) {
        if (!endpoint.rate_limit || *endpoint.rate_limit <= 0) co_return;
        const auto now = std::chrono::steady_clock::now();
        auto& slot = next_slot[endpoint.id];
        const auto start = std::max(slot, now);
        slot = start + std::chrono::microseconds(1'000'000 / *endpoint.rate_limit);
        if (start <= now) co_return;
        asio::steady_timer wait(strand, start);
        co_await wait.async_wait(asio::as_tuple(asio::use_awaitable));
    }

    asio::awaitable<ChannelOutcome> send_through(const Delivery& delivery) {
        const auto found = channels.find(delivery.endpoint.channel);
        if (found == channels.end() || found->second == nullptr) {
            co_return ChannelOutcome::final(std::nullopt, "no channel '" + delivery.endpoint.channel + "' on this node");
        }
        // Named, not a temporary of the co_await's full expression: GCC 12 destroys such
        // temporaries twice.
        DeliveryRequest request{delivery, work.clock().now()};
        ChannelOutcome outcome = co_await async_send(*found->second, std::move(request), asio::use_awaitable);
        co_return outcome;
    }

    // The delivery comes shared, not by value (see webhook_channel.cpp: GCC 12 and by-value
    // coroutine parameters).
    asio::awaitable<void> send(std::shared_ptr<const Delivery> shared) {
        auto self = shared_from_this();
        const Delivery& delivery = *shared;
        co_await pace(delivery.endpoint);
        const Time started = work.clock().now();
        const auto began = std::chrono::steady_clock::now();
        ChannelOutcome outcome = co_await send_through(delivery);
        const auto latency = std::chrono::duration_cast<Duration>(std::chrono::steady_clock::now() - began);
        --in_flight;
        --channel_in_flight[delivery.endpoint.channel];
        ++unrecorded;
        wake();  // room for another send
        unsettled.push_back(Finished{std::move(shared), std::move(outcome), started, latency});
        if (!settling) {
            settling = true;
            asio::co_spawn(strand, settle_finished(), asio::detached);
        }
    }

    // Records every finished send, in batches, until none is left (group commit: the sends that
    // finish during one batch's transaction make the next). A delivery stays leased until its
    // try is recorded, so no claim takes it again meanwhile; send_room() bounds how many wait.
    asio::awaitable<void> settle_finished() {
        auto self = shared_from_this();
        while (!unsettled.empty()) {
            std::vector<Finished> batch;
            batch.swap(unsettled);
            std::vector<FinishedSend> sends;
            sends.reserve(batch.size());
            for (const Finished& finished : batch) {
                sends.push_back(FinishedSend{*finished.delivery, finished.outcome, finished.started, finished.latency});
            }
            using Settled = std::optional<Result<std::vector<SettledAttempt>, StoreError>>;
            const Settled settled = co_await asio::co_spawn(
                blocking,
                [&]() -> asio::awaitable<Settled> {
                    co_return Settled{loop_step("recording tries", [&] { return work.settle_all(sends); })};
                },
                asio::use_awaitable);
            if (events.settled) {
                for (std::size_t i = 0; i < batch.size(); ++i) {
                    const auto each = *settled ? Result<SettledAttempt, StoreError>((**settled)[i])
                                               : Result<SettledAttempt, StoreError>(fail(settled->error()));
                    events.settled(*batch[i].delivery, batch[i].outcome, each);
                }
            }
            unrecorded -= batch.size();
            wake();  // room for more tries to record
        }
        settling = false;
    }

    void wake() {
        woken = true;
        asio::post(strand, [self = shared_from_this()] { self->sleep.cancel(); });
    }
};

Dispatcher::Dispatcher(asio::io_context& io, asio::thread_pool& blocking, DeliveryWork& work, Channels channels,
                       DispatcherOptions options, DispatcherEvents events)
    : impl_(std::make_shared<Impl>(io, blocking, work, std::move(channels), options, std::move(events))) {}

Dispatcher::~Dispatcher() { stop(); }

void Dispatcher::start() { asio::co_spawn(impl_->strand, impl_->loop(), asio::detached); }

void Dispatcher::stop() {
    impl_->stopping = true;
    impl_->wake();
}

void Dispatcher::wake() { impl_->wake(); }

}  // namespace seminarflow
