#include "adapters/cli/delivery_wiring.hpp"

#include <spdlog/spdlog.h>

#include <deque>

#include "adapters/channels/chat/chat_channel.hpp"
#include "adapters/channels/webhook/webhook_channel.hpp"
#include "engine/runtime/dispatcher.hpp"

namespace seminarflow {
namespace {

// Successes are the common case: debug. Everything else an operator may want to know about.
void log_settled(const Delivery& delivery, const ChannelOutcome& outcome,
                 const Result<SettledAttempt, StoreError>& settled) {
    if (!settled) {
        spdlog::warn("dispatcher: delivery {} to {}: the try is not recorded and will be made again: {}", delivery.id,
                     delivery.endpoint.shown_url(), settled.error().message);
        return;
    }
    if (!settled->recorded) {
        spdlog::warn("dispatcher: delivery {} was taken over by another node while it was being sent", delivery.id);
        return;
    }
    const DeliverySettlement& settlement = settled->verdict.settlement;
    const std::string status = outcome.status_code ? std::to_string(*outcome.status_code) : std::string("no answer");
    switch (settlement.status) {
    case DeliveryStatus::delivered:
        spdlog::debug("dispatcher: delivery {} ({}) to {}: {} on try {}", delivery.id,
                      delivery.notification.template_name, delivery.endpoint.shown_url(), status, delivery.attempt);
        break;
    case DeliveryStatus::pending:
        spdlog::info("dispatcher: delivery {} to {}: try {} failed ({}: {}), next at {}", delivery.id,
                     delivery.endpoint.shown_url(), delivery.attempt, status, outcome.error,
                     format_rfc3339(settlement.next_attempt_at));
        break;
    case DeliveryStatus::failed:
        spdlog::warn("dispatcher: delivery {} to {} failed for good ({}: {})", delivery.id, delivery.endpoint.shown_url(),
                     status, outcome.error);
        break;
    case DeliveryStatus::dead:
        spdlog::warn("dispatcher: delivery {} to {} is dead after {} tries (last: {}: {})", delivery.id,
                     delivery.endpoint.shown_url(), delivery.attempt, status, outcome.error);
        break;
    }
    if (settlement.disable_endpoint) {
        spdlog::warn("dispatcher: endpoint {} ({}) is disabled: {}", delivery.endpoint.id, delivery.endpoint.shown_url(),
                     *settlement.disable_endpoint);
    }
}

}  // namespace

// Every chat platform's channel, all on one HTTP client; and the dispatcher's map of channels by
// name with the webhook's among them.
struct ChatChannels {
    ChatChannels(boost::asio::io_context& io, const Clock& clock, const MessageRenderer& renderer,
                 std::chrono::milliseconds timeout)
        : http(io, channels::HttpClientOptions{.timeout = timeout}) {
        for (const channels::ChatPlatform& platform : channels::chat_platforms()) {
            each.emplace_back(platform, http, renderer, clock);
        }
    }

    Channels with(Channel& webhook) {
        Channels all{{"webhook", &webhook}};
        for (channels::ChatChannel& channel : each) all.emplace(std::string(channel.platform().name), &channel);
        return all;
    }

    channels::HttpClient http;
    std::deque<channels::ChatChannel> each;  // a deque: channels stay where they are as more come
};

struct NodeDelivery::Parts {
    Parts(boost::asio::io_context& io, boost::asio::thread_pool& blocking, Store& store, const Clock& clock,
          IdSource& ids, const MessageRenderer& renderer, const DispatcherConfig& config, std::string owner)
        : webhook(io, clock, webhook::WebhookOptions{.timeout = config.send_timeout}),
          chats(io, clock, renderer, config.send_timeout),
          work(store, clock, ids, DeliveryOptions{.owner = std::move(owner), .lease = config.lease}),
          dispatcher(io, blocking, work, chats.with(webhook),
                     DispatcherOptions{.poll_interval = config.poll_interval,
                                       .max_in_flight = static_cast<std::size_t>(config.max_in_flight)},
                     DispatcherEvents{.settled = log_settled, .failed = [](const StoreError& error) {
                                          spdlog::warn("dispatcher: {}", error.message);
                                      }}) {}

    webhook::WebhookChannel webhook;
    ChatChannels chats;
    DeliveryWork work;
    Dispatcher dispatcher;
};

NodeDelivery::NodeDelivery(boost::asio::io_context& io, boost::asio::thread_pool& blocking, Store& store,
                           const Clock& clock, IdSource& ids, const MessageRenderer& renderer,
                           const DispatcherConfig& config, std::string owner)
    : parts_(std::make_unique<Parts>(io, blocking, store, clock, ids, renderer, config, std::move(owner))),
      enabled_(config.enabled) {}

NodeDelivery::~NodeDelivery() = default;

void NodeDelivery::start() {
    if (!enabled_) {
        spdlog::info("serve: the dispatcher is off (dispatcher.enabled: false): this node sends no notifications");
        return;
    }
    parts_->dispatcher.start();
    spdlog::info("serve: delivering notifications as {}", parts_->work.options().owner);
}

void NodeDelivery::stop() { parts_->dispatcher.stop(); }

void NodeDelivery::wake() {
    if (enabled_) parts_->dispatcher.wake();
}

}  // namespace seminarflow
