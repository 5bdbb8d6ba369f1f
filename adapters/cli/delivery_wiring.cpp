#include "adapters/cli/delivery_wiring.hpp"

#include <spdlog/spdlog.h>

#include <deque>

#include "adapters/channels/chat/chat_channel.hpp"
#include "adapters/channels/email/email_channel.hpp"
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
    if (const auto& disabled = settled->disabled) {
        spdlog::warn("dispatcher: endpoint {} ({}) is disabled ({}): {}; a {} notification tells the other endpoints "
                     "(enable it again with `seminarflow endpoints enable` or POST /v1/endpoints/{{id}}/enable)",
                     delivery.endpoint.id, delivery.endpoint.shown_url(), to_string(disabled->cause), disabled->reason,
                     endpoint_disabled_notice);
    }
}

// The email channel's view of the renderer: the message in the recipient's language.
email::RenderMessage render_with(const MessageRenderer& renderer) {
    return [&renderer](const Notification& notification,
                       std::string_view language) -> Result<email::MessageText, std::string> {
        auto rendered = renderer.render(notification, language);
        if (!rendered) return fail(std::move(rendered).error());
        return email::MessageText{std::move(rendered->language), std::move(rendered->subject),
                                  std::move(rendered->body)};
    };
}

// Every chat platform's channel, all on one HTTP client; and the dispatcher's map of channels by
// name with the others among them.
struct ChatChannels {
    ChatChannels(boost::asio::io_context& io, const Clock& clock, const MessageRenderer& renderer,
                 std::chrono::milliseconds timeout, const ChannelsConfig& config)
        : http(io, channels::HttpClientOptions{
                       .timeout = timeout, .addresses = config.addresses, .ca_file = config.ca_file}) {
        for (const channels::ChatPlatform& platform : channels::chat_platforms()) {
            each.emplace_back(platform, http, renderer, clock);
        }
    }

    Channels with(Channels all) {
        for (channels::ChatChannel& channel : each) all.emplace(std::string(channel.platform().name), &channel);
        return all;
    }

    channels::HttpClient http;
    std::deque<channels::ChatChannel> each;  // a deque: channels stay where they are as more come
};

}  // namespace

struct NodeDelivery::Parts {
    Parts(boost::asio::io_context& io, boost::asio::thread_pool& blocking, Store& store, const Clock& clock,
          IdSource& ids, const DispatcherConfig& config, const ChannelsConfig& channels, std::string owner,
          DeliveryObserver& observer, const MessageRenderer& renderer)
        : webhook(io, clock,
                  webhook::WebhookOptions{
                      .timeout = config.send_timeout, .addresses = channels.addresses, .ca_file = channels.ca_file}),
          chats(io, clock, renderer, config.send_timeout, channels),
          email(render_with(renderer),
                email::EmailOptions{.timeout = config.send_timeout, .addresses = channels.addresses}),
          work(store, clock, ids,
               DeliveryOptions{.owner = std::move(owner), .lease = config.lease, .disable_after = config.disable_after},
               {}, observer),
          dispatcher(io, blocking, work, chats.with(Channels{{"webhook", &webhook}, {"email", &email}}),
                     DispatcherOptions{.poll_interval = config.poll_interval,
                                       .max_in_flight = static_cast<std::size_t>(config.max_in_flight)},
                     DispatcherEvents{.settled = log_settled, .failed = [](const StoreError& error) {
                                          spdlog::warn("dispatcher: {}", error.message);
                                      }}) {}

    webhook::WebhookChannel webhook;
    ChatChannels chats;
    // Destroyed after the dispatcher: a send it started still gets its answer (posted to the
    // I/O loop, which outlives this).
    email::EmailChannel email;
    DeliveryWork work;
    Dispatcher dispatcher;
};

NodeDelivery::NodeDelivery(boost::asio::io_context& io, boost::asio::thread_pool& blocking, Store& store,
                           const Clock& clock, IdSource& ids, const DispatcherConfig& config,
                           const ChannelsConfig& channels, std::string owner, DeliveryObserver& observer,
                           const MessageRenderer& renderer)
    : parts_(std::make_unique<Parts>(io, blocking, store, clock, ids, config, channels, std::move(owner), observer,
                                     renderer)),
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
