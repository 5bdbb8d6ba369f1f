#include "adapters/channels/webhook/webhook_channel.hpp"

#include "adapters/channels/http/http_client.hpp"
#include "adapters/channels/webhook/cloud_event.hpp"
#include "adapters/channels/webhook/response_policy.hpp"
#include "adapters/channels/webhook/signature.hpp"

namespace seminarflow::webhook {

namespace {

channels::HttpClientOptions client_options(const WebhookOptions& options) {
    return {.timeout = options.timeout,
            .max_response_bytes = options.max_response_bytes,
            .user_agent = options.user_agent,
            .addresses = options.addresses,
            .ca_file = options.ca_file};
}

ChannelOutcome outcome_of(const channels::HttpResult& result, Time now) {
    if (!result) {
        const channels::HttpFailure& failure = result.error();
        return failure.final ? ChannelOutcome::final(std::nullopt, failure.message)
                             : ChannelOutcome::retryable(std::nullopt, failure.message);
    }
    ChannelOutcome outcome = outcome_for_status(result->status, result->header("retry-after"), now);
    outcome.response_excerpt = result->body;
    return outcome;
}

}  // namespace

struct WebhookChannel::Impl {
    Impl(boost::asio::io_context& io, const Clock& time, const WebhookOptions& options)
        : clock(time), client(io, client_options(options)) {}

    const Clock& clock;
    channels::HttpClient client;
};

WebhookChannel::WebhookChannel(boost::asio::io_context& io, const Clock& clock, WebhookOptions options)
    : impl_(std::make_shared<Impl>(io, clock, options)) {}

WebhookChannel::~WebhookChannel() = default;

void WebhookChannel::send(DeliveryRequest request, Completion done) {
    const Delivery& delivery = request.delivery;
    std::string body = render_cloud_event(delivery.notification);
    const long long timestamp = std::chrono::duration_cast<std::chrono::seconds>(request.sent_at.time_since_epoch()).count();
    const auto signature = signature_header(delivery.endpoint.secrets, delivery.id, timestamp, body);
    if (!signature) {
        done(ChannelOutcome::final(std::nullopt, signature.error().message));
        return;
    }
    channels::HttpPost post{delivery.endpoint.url, cloud_event_content_type,
                            {{"webhook-id", delivery.id},
                             {"webhook-timestamp", std::to_string(timestamp)},
                             {"webhook-signature", *signature}},
                            std::move(body)};
    // The answer is read with the clock as it is when it comes (Retry-After may be a date).
    impl_->client.post(std::move(post), [impl = impl_, done = std::move(done)](channels::HttpResult result) {
        done(outcome_of(result, impl->clock.now()));
    });
}

}  // namespace seminarflow::webhook
