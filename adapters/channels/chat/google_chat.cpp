// Google Chat incoming webhooks (developers.google.com/workspace/chat/quickstart/webhooks): a
// Message whose `text` holds at most 4,096 characters, the subject in *bold* (Chat's own
// formatting, which has no escapes: google_chat_escape keeps instance data from formatting or
// mentioning "<users/all>" with zero-width spaces). Chat answers 200 with the message created;
// errors are Google's JSON {"error": {"code", "message", "status"}}: 400 INVALID_ARGUMENT, 403
// PERMISSION_DENIED, 404 NOT_FOUND, 429 RESOURCE_EXHAUSTED, 5xx.
#include <boost/json/serialize.hpp>

#include "adapters/channels/chat/chat_answer.hpp"
#include "adapters/channels/chat/chat_platforms.hpp"
#include "adapters/channels/chat/chat_text.hpp"

namespace seminarflow::channels {
namespace {

constexpr std::size_t text_limit = 4096;
constexpr std::size_t subject_limit = 256;

}  // namespace

Result<std::string, std::string> format_google_chat(const RenderedMessage& message, const Endpoint&) {
    std::string text;
    if (!message.subject.empty()) {
        text = "*" + escape_within(message.subject, subject_limit, google_chat_escape, Counted::escaped) + "*";
    }
    if (!message.body.empty()) {
        if (!text.empty()) text += '\n';
        text += escape_within(message.body, text_limit - utf16_length(text), google_chat_escape, Counted::escaped);
    }
    return boost::json::serialize(boost::json::object{{"text", text}});
}

ChannelOutcome read_google_chat_answer(const HttpAnswer& answer, Time now) {
    return read_http_answer("Google Chat", answer, now);
}

}  // namespace seminarflow::channels
