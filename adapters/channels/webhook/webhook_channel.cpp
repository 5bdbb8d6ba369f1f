#include "adapters/channels/webhook/webhook_channel.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

#include "adapters/channels/webhook/cloud_event.hpp"
#include "adapters/channels/webhook/response_policy.hpp"
#include "adapters/channels/webhook/signature.hpp"
#include "adapters/channels/webhook/webhook_target.hpp"

namespace seminarflow::webhook {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace {

constexpr auto awaitable_tuple = asio::as_tuple(asio::use_awaitable);

std::string failure_text(const boost::system::error_code& error, std::chrono::milliseconds timeout) {
    if (error == beast::error::timeout) {
        return "no answer within " + std::to_string(timeout.count()) + " ms";
    }
    return error.message();
}

http::request<http::string_body> signed_request(const WebhookTarget& target, const WebhookOptions& options,
                                                const DeliveryRequest& request, std::string body,
                                                const std::string& signature, long long timestamp) {
    http::request<http::string_body> message{http::verb::post, target.target, 11};
    message.set(http::field::host, target.host_header);
    message.set(http::field::user_agent, options.user_agent);
    message.set(http::field::content_type, cloud_event_content_type);
    message.set("webhook-id", request.delivery.id);
    message.set("webhook-timestamp", std::to_string(timestamp));
    message.set("webhook-signature", signature);
    message.keep_alive(false);
    message.body() = std::move(body);
    message.prepare_payload();
    return message;
}

}  // namespace

struct WebhookChannel::Impl : std::enable_shared_from_this<WebhookChannel::Impl> {
    Impl(asio::io_context& io_context, const Clock& time, WebhookOptions webhook_options)
        : io(io_context), clock(time), options(std::move(webhook_options)) {}

    asio::io_context& io;
    const Clock& clock;
    WebhookOptions options;

    // Reads the answer: its status and the start of its body, even when the body is too long.
    asio::awaitable<ChannelOutcome> read_answer(beast::tcp_stream& stream) {
        beast::flat_buffer buffer;
        http::response_parser<http::string_body> parser;
        parser.body_limit(options.max_response_bytes);
        const auto read = co_await http::async_read(stream, buffer, parser, awaitable_tuple);
        const boost::system::error_code& error = std::get<0>(read);
        if (error && !(error == http::error::body_limit && parser.is_header_done())) {
            co_return ChannelOutcome::retryable(std::nullopt, "reading the answer: " + failure_text(error, options.timeout));
        }
        const auto& response = parser.get();
        std::optional<std::string_view> retry_after;
        if (const auto found = response.find(http::field::retry_after); found != response.end()) {
            retry_after = std::string_view(found->value().data(), found->value().size());
        }
        ChannelOutcome outcome = outcome_for_status(static_cast<int>(response.result_int()), retry_after, clock.now());
        outcome.response_excerpt = response.body();
        co_return outcome;
    }

    // The request comes shared, not by value: GCC 12 mis-destroys some by-value coroutine
    // parameters, and a pointer copy is all this frame needs to own.
    asio::awaitable<ChannelOutcome> deliver(std::shared_ptr<const DeliveryRequest> shared) {
        auto self = shared_from_this();
        const DeliveryRequest& request = *shared;
        const auto target = parse_webhook_url(request.delivery.endpoint.url);
        if (!target) co_return ChannelOutcome::final(std::nullopt, target.error().message);
        std::string body = render_cloud_event(request.delivery.notification);
        const long long timestamp =
            std::chrono::duration_cast<std::chrono::seconds>(request.sent_at.time_since_epoch()).count();
        const auto signature = signature_header(request.delivery.endpoint.secrets, request.delivery.id, timestamp, body);
        if (!signature) co_return ChannelOutcome::final(std::nullopt, signature.error().message);

        beast::tcp_stream stream(io);
        stream.expires_after(options.timeout);
        tcp::resolver resolver(io);
        const auto resolved = co_await resolver.async_resolve(target->host, target->port, awaitable_tuple);
        const boost::system::error_code& resolve_error = std::get<0>(resolved);
        if (resolve_error) {
            co_return ChannelOutcome::retryable(std::nullopt, "resolving " + target->host + ": " + resolve_error.message());
        }
        const auto connected = co_await stream.async_connect(std::get<1>(resolved), awaitable_tuple);
        const boost::system::error_code& connect_error = std::get<0>(connected);
        if (connect_error) {
            co_return ChannelOutcome::retryable(std::nullopt, "connecting to " + target->host_header + ": " +
                                                                  failure_text(connect_error, options.timeout));
        }
        auto message = signed_request(*target, options, request, std::move(body), *signature, timestamp);
        const auto written = co_await http::async_write(stream, message, awaitable_tuple);
        const boost::system::error_code& write_error = std::get<0>(written);
        if (write_error) {
            co_return ChannelOutcome::retryable(std::nullopt, "sending: " + failure_text(write_error, options.timeout));
        }
        ChannelOutcome outcome = co_await read_answer(stream);
        boost::system::error_code ignored;
        stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
        co_return outcome;
    }
};

WebhookChannel::WebhookChannel(asio::io_context& io, const Clock& clock, WebhookOptions options)
    : impl_(std::make_shared<Impl>(io, clock, std::move(options))) {}

WebhookChannel::~WebhookChannel() = default;

void WebhookChannel::send(DeliveryRequest request, Completion done) {
    asio::co_spawn(impl_->io, impl_->deliver(std::make_shared<const DeliveryRequest>(std::move(request))),
                   [done = std::move(done)](std::exception_ptr error, ChannelOutcome outcome) {
                       // Beast's calls answer as values here; an exception is a bug (or memory ran
                       // out): the try counts as failed, to be retried.
                       if (error) outcome = ChannelOutcome::retryable(std::nullopt, "the webhook client failed unexpectedly");
                       done(std::move(outcome));
                   });
}

}  // namespace seminarflow::webhook
