// Telegram Bot API sendMessage (core.telegram.org/bots/api#sendmessage): `chat_id`, `text` of
// 1 to 4,096 characters after entity parsing, parse_mode HTML (the subject in <b>; & < > in the
// text as entities, as the API asks). The API answers JSON: {"ok": true, "result": ...}, or
// {"ok": false, "error_code", "description", "parameters"}; 429 carries parameters.retry_after
// in seconds, and a group that became a supergroup parameters.migrate_to_chat_id.
#include <boost/json/serialize.hpp>
#include <charconv>

#include "adapters/channels/chat/chat_answer.hpp"
#include "adapters/channels/chat/chat_platforms.hpp"
#include "adapters/channels/chat/chat_text.hpp"

namespace seminarflow::channels {
namespace {

constexpr std::size_t text_limit = 4096;
constexpr std::size_t subject_limit = 256;

// A numeric chat id goes as a JSON integer, a @channelusername as a string.
boost::json::value chat_id_value(const std::string& chat_id) {
    long long number = 0;
    const auto [end, error] = std::from_chars(chat_id.data(), chat_id.data() + chat_id.size(), number);
    if (error == std::errc{} && end == chat_id.data() + chat_id.size()) return number;
    return boost::json::value(chat_id);
}

ChannelOutcome with_excerpt(ChannelOutcome outcome, const HttpAnswer& answer) {
    outcome.response_excerpt = answer.body;
    return outcome;
}

}  // namespace

Result<std::string, std::string> format_telegram(const RenderedMessage& message, const Endpoint& endpoint) {
    if (!endpoint.chat_id) return fail(std::string("a Telegram endpoint needs a chat id, and this one has none"));
    auto chat_id = check_telegram_chat_id(*endpoint.chat_id);
    if (!chat_id) return fail(std::move(chat_id).error());
    // The limit counts what the reader sees: the subject, the newline, the body; not the markup.
    std::string text;
    std::size_t used = 0;
    if (!message.subject.empty()) {
        const std::string subject = escape_within(message.subject, subject_limit, html_escape, Counted::visible);
        text = "<b>" + subject + "</b>";
        used = escaped_length(message.subject, no_escape, Counted::visible);
        used = std::min(used, subject_limit);
    }
    if (!message.body.empty()) {
        if (!text.empty()) text += '\n', ++used;
        text += escape_within(message.body, text_limit - used, html_escape, Counted::visible);
    }
    boost::json::object body{{"chat_id", chat_id_value(*chat_id)},
                             {"text", text},
                             {"parse_mode", "HTML"},
                             {"link_preview_options", {{"is_disabled", true}}}};
    return boost::json::serialize(body);
}

ChannelOutcome read_telegram_answer(const HttpAnswer& answer, Time now) {
    const auto object = json_object(answer.body);
    const auto* ok = object ? object->if_contains("ok") : nullptr;
    if (ok == nullptr || !ok->is_bool()) {
        // Not the Bot API speaking (a proxy, a wrong URL): its status says what it can.
        if (answer.status >= 200 && answer.status <= 299) {
            return with_excerpt(ChannelOutcome::final(answer.status, "Telegram answered " + std::to_string(answer.status) +
                                                                       " without the Bot API's {\"ok\": ...}: is the URL a sendMessage URL?"),
                                answer);
        }
        return read_http_answer("Telegram", answer, now);
    }
    if (ok->as_bool()) return with_excerpt(ChannelOutcome::success(answer.status), answer);
    const auto* parameters = object->if_contains("parameters");
    const auto* details = parameters && parameters->is_object() ? &parameters->as_object() : nullptr;
    const std::string said = answered("Telegram", answer);
    if (answer.status == 429) {
        if (const auto wait = details ? seconds_value(details->if_contains("retry_after")) : std::nullopt) {
            return with_excerpt(ChannelOutcome::retry_later(*wait, 429, said), answer);
        }
        return with_excerpt(ChannelOutcome::retryable(429, said), answer);
    }
    if (const auto* moved = details ? details->if_contains("migrate_to_chat_id") : nullptr; moved && moved->is_int64()) {
        return with_excerpt(ChannelOutcome::final(answer.status, said + " (the group is now a supergroup: its chat id is " +
                                                                     std::to_string(moved->as_int64()) + ")"),
                            answer);
    }
    // The bot's token was revoked, or the bot was blocked or removed from the chat: nothing will
    // reach it until an operator acts.
    if (answer.status == 401 || answer.status == 403) {
        return with_excerpt(ChannelOutcome::disable(answer.status, said), answer);
    }
    if (answer.status >= 500 && answer.status <= 599) return with_excerpt(ChannelOutcome::retryable(answer.status, said), answer);
    return with_excerpt(ChannelOutcome::final(answer.status, said), answer);
}

}  // namespace seminarflow::channels
