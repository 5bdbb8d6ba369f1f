#include "adapters/channels/chat/chat_channel.hpp"

namespace seminarflow::channels {

ChatChannel::ChatChannel(const ChatPlatform& platform, HttpClient& client, const MessageRenderer& renderer,
                         const Clock& clock)
    : platform_(platform), client_(client), renderer_(renderer), clock_(clock) {}

void ChatChannel::send(DeliveryRequest request, Completion done) {
    const Delivery& delivery = request.delivery;
    // A template missing or an endpoint the platform cannot take would fail the same way on every
    // try: the delivery fails for good, for an operator to see and replay once it is fixed. A
    // template is seminarflow's own problem, never held against the receiver (not_sent).
    auto message = renderer_.render(delivery.notification, delivery.endpoint.language);
    if (!message) {
        done(ChannelOutcome::not_sent(not_rendered(delivery.notification.template_name, message.error())));
        return;
    }
    auto body = platform_.format(*message, delivery.endpoint);
    if (!body) {
        done(ChannelOutcome::final(std::nullopt, std::string(platform_.title) + ": " + body.error()));
        return;
    }
    HttpPost post{delivery.endpoint.url, "application/json; charset=utf-8", {}, std::move(body).value()};
    client_.post(std::move(post), [platform = &platform_, clock = &clock_, done = std::move(done)](HttpResult result) {
        if (!result) {
            const HttpFailure& failure = result.error();
            done(failure.final ? ChannelOutcome::final(std::nullopt, failure.message)
                               : ChannelOutcome::retryable(std::nullopt, failure.message));
            return;
        }
        done(platform->read_answer(*result, clock->now()));
    });
}

}  // namespace seminarflow::channels
