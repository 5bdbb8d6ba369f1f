// Slack incoming webhooks (api.slack.com/messaging/webhooks, block kit reference): `text` is the
// notification's fallback, `blocks` what the channel shows: a header (plain_text, at most 150
// characters) and a mrkdwn section (at most 3,000). In mrkdwn and in `text`, & < > are control
// characters and must be sent as &amp; &lt; &gt;. Slack answers 200 "ok", or a status with a
// word: 400 invalid_payload, 403 action_prohibited, 404 no_service (the webhook was removed),
// 410 channel_is_archived, 429 with Retry-After, 5xx.
#include <boost/json/serialize.hpp>

#include "adapters/channels/chat/chat_answer.hpp"
#include "adapters/channels/chat/chat_platforms.hpp"
#include "adapters/channels/chat/chat_text.hpp"

namespace seminarflow::channels {
namespace {

constexpr std::size_t header_limit = 150;
constexpr std::size_t section_limit = 3000;
// `text` may be far longer, but Slack advises 4,000 at most for a readable notification.
constexpr std::size_t text_limit = 4000;

}  // namespace

Result<std::string, std::string> format_slack(const RenderedMessage& message, const Endpoint&) {
    boost::json::array blocks;
    if (!message.subject.empty()) {
        blocks.push_back({{"type", "header"},
                          {"text", {{"type", "plain_text"}, {"text", fit_within(message.subject, header_limit)}}}});
    }
    if (!message.body.empty()) {
        blocks.push_back({{"type", "section"},
                          {"text", {{"type", "mrkdwn"},
                                    {"text", escape_within(message.body, section_limit, html_escape, Counted::escaped)}}}});
    }
    const std::string whole = message.body.empty() ? message.subject : message.subject + "\n" + message.body;
    boost::json::object body{{"text", escape_within(whole, text_limit, html_escape, Counted::escaped)},
                             {"blocks", std::move(blocks)}};
    return boost::json::serialize(body);
}

ChannelOutcome read_slack_answer(const HttpAnswer& answer, Time now) {
    // The webhook is gone (removed, disabled, its channel archived): no later try would land.
    if (answer.status == 404 || answer.status == 410) {
        ChannelOutcome outcome = ChannelOutcome::disable(answer.status, answered("Slack", answer) + ": the webhook is gone");
        outcome.response_excerpt = answer.body;
        return outcome;
    }
    return read_http_answer("Slack", answer, now);
}

}  // namespace seminarflow::channels
