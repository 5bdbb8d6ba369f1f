#pragma once
// The generic webhook channel: POSTs each delivery to its endpoint's URL as a CloudEvents 1.0
// structured JSON event, signed per Standard Webhooks (webhook-id = the delivery's id, stable
// across retries; webhook-timestamp; webhook-signature), and reads the answer as an outcome
// (response_policy.hpp). The exchange itself (one connection per try, a deadline over all of it,
// redirects never followed) is the channels' shared HTTP client (http/http_client.hpp).
#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

#include "adapters/channels/http/address_policy.hpp"
#include "engine/ports/channel.hpp"
#include "engine/ports/clock.hpp"

namespace boost::asio {
class io_context;
}

namespace seminarflow::webhook {

struct WebhookOptions {
    // The whole try: resolving, connecting, sending and reading the answer.
    std::chrono::milliseconds timeout{15'000};
    // An answer's body beyond this is not read: receivers answer with a status, not a document.
    std::size_t max_response_bytes = 64 * 1024;
    std::string user_agent = "seminarflow-webhook/1";
    // Where it may connect, and the CAs trusted beside the system's (http/http_client.hpp).
    channels::AddressPolicy addresses = {};
    std::string ca_file = {};
};

class WebhookChannel final : public Channel {
public:
    // Sends run on `io`; `clock` says "now" for Retry-After dates. Throws std::runtime_error if
    // options.ca_file cannot be read.
    WebhookChannel(boost::asio::io_context& io, const Clock& clock, WebhookOptions options = {});
    ~WebhookChannel() override;
    void send(DeliveryRequest request, Completion done) override;

private:
    struct Impl;
    std::shared_ptr<Impl> impl_;
};

}  // namespace seminarflow::webhook
