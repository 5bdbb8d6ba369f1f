// Microsoft Teams workflow webhooks ("Post to a channel when a webhook request is received", the
// successor of the retired Office 365 connectors): the body is a message whose attachment is an
// Adaptive Card (adaptivecards.io, version 1.4 as Teams renders it). Each line of the body is a
// TextBlock of its own: Teams joins a TextBlock's single newlines. A TextBlock reads a subset of
// Markdown (bold, italic, lists, links), so each line is escaped (teams_line_escape) to read as
// written; the limits are kept on the text before escaping, which at most doubles a character. Teams takes at most about
// 28 KB a message, so the body keeps to 7,000 characters (21 KB of UTF-8 at most). The workflow
// answers 202 Accepted; errors are statuses (400, 401, 403, 404 when the workflow is gone,
// 429 with Retry-After, 5xx).
#include <boost/json/serialize.hpp>

#include "adapters/channels/chat/chat_answer.hpp"
#include "adapters/channels/chat/chat_platforms.hpp"
#include "adapters/channels/chat/chat_text.hpp"

namespace seminarflow::channels {
namespace {

constexpr std::size_t subject_limit = 256;
constexpr std::size_t body_limit = 7000;

boost::json::array card_body(const RenderedMessage& message) {
    boost::json::array blocks;
    if (!message.subject.empty()) {
        blocks.push_back({{"type", "TextBlock"}, {"text", teams_line_escape(fit_within(message.subject, subject_limit))},
                          {"weight", "Bolder"}, {"size", "Medium"}, {"wrap", true}, {"style", "heading"}});
    }
    const std::string body = fit_within(message.body, body_limit);
    bool gap = false;  // an empty line: the next block keeps its distance
    for (std::size_t at = 0; at <= body.size();) {
        const std::size_t end = std::min(body.find('\n', at), body.size());
        const std::string_view line = std::string_view(body).substr(at, end - at);
        if (line.empty()) {
            gap = true;
        } else {
            blocks.push_back({{"type", "TextBlock"}, {"text", teams_line_escape(line)}, {"wrap", true},
                              {"spacing", gap ? "Medium" : "None"}});
            gap = false;
        }
        at = end + 1;
    }
    return blocks;
}

}  // namespace

Result<std::string, std::string> format_teams(const RenderedMessage& message, const Endpoint&) {
    boost::json::object card{{"$schema", "http://adaptivecards.io/schemas/adaptive-card.json"},
                             {"type", "AdaptiveCard"},
                             {"version", "1.4"},
                             {"body", card_body(message)}};
    boost::json::object attachment{{"contentType", "application/vnd.microsoft.card.adaptive"},
                                   {"contentUrl", nullptr},
                                   {"content", std::move(card)}};
    boost::json::object body{{"type", "message"}, {"attachments", boost::json::array{std::move(attachment)}}};
    return boost::json::serialize(body);
}

ChannelOutcome read_teams_answer(const HttpAnswer& answer, Time now) {
    return read_http_answer("Microsoft Teams", answer, now);
}

}  // namespace seminarflow::channels
