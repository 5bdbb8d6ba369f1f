#pragma once
// The email channel: each delivery is one participant's message (its recipient), rendered in the
// participant's language, composed (email_composer.hpp) and handed to the endpoint's SMTP relay
// (smtp_target.hpp) by libcurl: STARTTLS or implicit TLS, AUTH when the URL names a user. The
// exchange blocks, so it runs on the channel's own threads, never on the I/O threads; `done` is
// called once per delivery, from one of them. The relay's answer reads as smtp_outcome.hpp says.
#include <chrono>
#include <functional>
#include <memory>
#include <string_view>

#include "adapters/channels/email/email_composer.hpp"
#include "adapters/channels/http/address_policy.hpp"
#include "engine/ports/channel.hpp"

namespace seminarflow::email {

struct EmailOptions {
    // The whole exchange with the relay: connecting, TLS, AUTH, the message and its answer.
    std::chrono::milliseconds timeout{15'000};
    // Exchanges under way at once on this node: the channel's capacity(), so the dispatcher
    // claims no more email deliveries than can start at once (none waits out its lease queued).
    std::size_t threads = 4;
    // Which of the relay's addresses may be connected to (channels.allow_cidrs), judged on each
    // address libcurl is about to connect to, after resolving: as the HTTP channels do.
    channels::AddressPolicy addresses = {};
};

// The notification in the recipient's language; an error (a sentence) when it cannot be.
using RenderMessage = std::function<Result<MessageText, std::string>(const Notification&, std::string_view language)>;

class EmailChannel final : public Channel {
public:
    EmailChannel(RenderMessage render, EmailOptions options = {});
    // Waits for the exchanges under way; deliveries not started yet are answered as retryable.
    ~EmailChannel() override;
    void send(DeliveryRequest request, Completion done) override;
    std::optional<std::size_t> capacity() const override;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace seminarflow::email
