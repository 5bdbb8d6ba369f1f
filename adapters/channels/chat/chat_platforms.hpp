#pragma once
// The chat platforms seminarflow posts to, each as two pure functions: the request body it wants
// for a rendered message (in its own documented format, within its limits), and how its answer
// reads as a channel outcome. chat_channel.hpp sends; these are tested without a network.
//
//   slack        Slack incoming webhook: text + blocks (header, mrkdwn section), & < > escaped
//   teams        Microsoft Teams workflow webhook: a message with an Adaptive Card attachment,
//                each TextBlock's Markdown escaped
//   discord      Discord webhook: content (2,000 characters), no mentions; 429 retry_after
//   telegram     Telegram Bot API sendMessage: chat_id, HTML text (4,096 characters as read)
//   mattermost   Mattermost incoming webhook: Markdown text (16,383 characters), escaped, no mentions
//   google_chat  Google Chat incoming webhook: text (4,096 characters), its markup and mentions broken
#include <span>
#include <string>
#include <string_view>

#include "adapters/channels/http/http_answer.hpp"
#include "engine/messages/message_renderer.hpp"
#include "engine/model/endpoint.hpp"
#include "engine/model/result.hpp"
#include "engine/ports/channel.hpp"

namespace seminarflow::channels {

struct ChatPlatform {
    std::string_view name;   // the endpoint's channel: "slack"
    std::string_view title;  // for people: "Slack"
    bool needs_chat_id;      // the URL alone does not say where the message goes (Telegram)
    // The JSON body to POST, or why this endpoint cannot be sent to (a sentence).
    Result<std::string, std::string> (*format)(const RenderedMessage& message, const Endpoint& endpoint);
    ChannelOutcome (*read_answer)(const HttpAnswer& answer, Time now);
};

std::span<const ChatPlatform> chat_platforms();
const ChatPlatform* find_chat_platform(std::string_view name);

// A Telegram chat id: an integer (a group's is negative) or a public "@channelusername".
// Refuses anything else, with why.
Result<std::string, std::string> check_telegram_chat_id(std::string_view chat_id);

Result<std::string, std::string> format_slack(const RenderedMessage& message, const Endpoint& endpoint);
ChannelOutcome read_slack_answer(const HttpAnswer& answer, Time now);

Result<std::string, std::string> format_teams(const RenderedMessage& message, const Endpoint& endpoint);
ChannelOutcome read_teams_answer(const HttpAnswer& answer, Time now);

Result<std::string, std::string> format_discord(const RenderedMessage& message, const Endpoint& endpoint);
ChannelOutcome read_discord_answer(const HttpAnswer& answer, Time now);

Result<std::string, std::string> format_telegram(const RenderedMessage& message, const Endpoint& endpoint);
ChannelOutcome read_telegram_answer(const HttpAnswer& answer, Time now);

Result<std::string, std::string> format_mattermost(const RenderedMessage& message, const Endpoint& endpoint);
ChannelOutcome read_mattermost_answer(const HttpAnswer& answer, Time now);

Result<std::string, std::string> format_google_chat(const RenderedMessage& message, const Endpoint& endpoint);
ChannelOutcome read_google_chat_answer(const HttpAnswer& answer, Time now);

}  // namespace seminarflow::channels
