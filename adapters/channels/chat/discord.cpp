// Discord webhooks (discord.com/developers/docs/resources/webhook, "Execute Webhook"): `content`
// holds at most 2,000 characters; the subject in bold, then the body, Markdown escaped so that
// a title with * or _ reads as written; allowed_mentions empty, so that "@everyone" in a text
// pings no one. Discord answers 204 (200 with ?wait=true); 429 with a JSON body whose
// `retry_after` is seconds (a fraction) and a Retry-After header; 404 (Unknown Webhook) and the
// other 4xx are final; 5xx passes.
#include <boost/json/serialize.hpp>

#include "adapters/channels/chat/chat_answer.hpp"
#include "adapters/channels/chat/chat_platforms.hpp"
#include "adapters/channels/chat/chat_text.hpp"

namespace seminarflow::channels {
namespace {

constexpr std::size_t content_limit = 2000;
constexpr std::size_t subject_limit = 256;

}  // namespace

Result<std::string, std::string> format_discord(const RenderedMessage& message, const Endpoint&) {
    std::string content;
    if (!message.subject.empty()) {
        content = "**" + escape_within(message.subject, subject_limit, markdown_escape, Counted::escaped) + "**";
    }
    if (!message.body.empty()) {
        if (!content.empty()) content += '\n';
        const std::size_t used = utf16_length(content);
        content += escape_within(message.body, content_limit - used, markdown_escape, Counted::escaped);
    }
    boost::json::object body{{"content", content}, {"allowed_mentions", {{"parse", boost::json::array{}}}}};
    return boost::json::serialize(body);
}

ChannelOutcome read_discord_answer(const HttpAnswer& answer, Time now) {
    if (answer.status == 429) {
        const auto object = json_object(answer.body);
        if (const auto wait = object ? seconds_value(object->if_contains("retry_after")) : std::nullopt) {
            ChannelOutcome outcome = ChannelOutcome::retry_later(*wait, 429, answered("Discord", answer));
            outcome.response_excerpt = answer.body;
            return outcome;
        }
    }
    return read_http_answer("Discord", answer, now);
}

}  // namespace seminarflow::channels
