// Mattermost incoming webhooks (developers.mattermost.com/integrate/webhooks/incoming): `text`
// in Markdown, at most 16,383 characters; the subject in bold, the text escaped so that it reads
// as written and mentions no one (mattermost_escape: "@all" in a title pings nobody).
// Mattermost answers 200 "ok"; errors are JSON {"id", "message", "status_code"};
// its rate limiter answers 429 with X-Ratelimit-Reset (seconds until the limit resets).
#include <boost/json/serialize.hpp>
#include <charconv>

#include "adapters/channels/chat/chat_answer.hpp"
#include "adapters/channels/chat/chat_platforms.hpp"
#include "adapters/channels/chat/chat_text.hpp"

namespace seminarflow::channels {
namespace {

constexpr std::size_t text_limit = 16383;
constexpr std::size_t subject_limit = 256;

}  // namespace

Result<std::string, std::string> format_mattermost(const RenderedMessage& message, const Endpoint&) {
    std::string text;
    if (!message.subject.empty()) {
        text = "**" + escape_within(message.subject, subject_limit, mattermost_escape, Counted::escaped) + "**";
    }
    if (!message.body.empty()) {
        if (!text.empty()) text += '\n';
        text += escape_within(message.body, text_limit - utf16_length(text), mattermost_escape, Counted::escaped);
    }
    return boost::json::serialize(boost::json::object{{"text", text}});
}

ChannelOutcome read_mattermost_answer(const HttpAnswer& answer, Time now) {
    if (answer.status == 429 && !answer.header("retry-after")) {
        if (const auto reset = answer.header("x-ratelimit-reset")) {
            long long seconds = 0;
            const auto [end, error] = std::from_chars(reset->data(), reset->data() + reset->size(), seconds);
            if (error == std::errc{} && end == reset->data() + reset->size() && seconds >= 0) {
                ChannelOutcome outcome =
                    ChannelOutcome::retry_later(std::chrono::seconds(seconds), 429, answered("Mattermost", answer));
                outcome.response_excerpt = answer.body;
                return outcome;
            }
        }
    }
    return read_http_answer("Mattermost", answer, now);
}

}  // namespace seminarflow::channels
