#pragma once
// A chat platform as a Channel: renders each delivery's notification in its endpoint's language,
// formats it as the platform wants (chat_platforms.hpp), POSTs it through the channels' shared
// HTTP client and reads the platform's answer as the outcome. One class for every platform: what
// differs between them is data and pure functions.
#include "adapters/channels/chat/chat_platforms.hpp"
#include "adapters/channels/http/http_client.hpp"
#include "engine/ports/channel.hpp"
#include "engine/ports/clock.hpp"

namespace seminarflow::channels {

class ChatChannel final : public Channel {
public:
    // All four must outlive the channel and the sends under way.
    ChatChannel(const ChatPlatform& platform, HttpClient& client, const MessageRenderer& renderer, const Clock& clock);
    void send(DeliveryRequest request, Completion done) override;
    const ChatPlatform& platform() const { return platform_; }

private:
    const ChatPlatform& platform_;
    HttpClient& client_;
    const MessageRenderer& renderer_;
    const Clock& clock_;
};

}  // namespace seminarflow::channels
