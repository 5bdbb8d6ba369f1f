#include "adapters/channels/chat/chat_answer.hpp"

#include <boost/json/parse.hpp>
#include <cmath>

#include "adapters/channels/webhook/response_policy.hpp"
#include "engine/model/utf8.hpp"

namespace seminarflow::channels {
namespace {

constexpr std::size_t summary_bytes = 200;

std::optional<std::string> string_at(const boost::json::object& object, std::string_view key) {
    const auto* found = object.if_contains(key);
    if (found && found->is_string() && !found->as_string().empty()) return std::string(found->as_string());
    return std::nullopt;
}

}  // namespace

std::optional<boost::json::object> json_object(std::string_view body) {
    boost::system::error_code error;
    auto parsed = boost::json::parse(body, error);
    if (error || !parsed.is_object()) return std::nullopt;
    return std::move(parsed.as_object());
}

std::string answer_summary(std::string_view body) {
    if (const auto object = json_object(body)) {
        for (const std::string_view key : {"message", "description", "error"}) {
            if (auto text = string_at(*object, key)) return utf8_prefix(*text, summary_bytes);
        }
        if (const auto* error = object->if_contains("error"); error && error->is_object()) {
            if (auto text = string_at(error->as_object(), "message")) return utf8_prefix(*text, summary_bytes);
        }
    }
    std::string line(body.substr(0, body.find('\n')));
    return utf8_prefix(line, summary_bytes);
}

std::optional<Duration> seconds_value(const boost::json::value* value) {
    if (value == nullptr || !value->is_number()) return std::nullopt;
    boost::system::error_code error;
    const double seconds = value->to_number<double>(error);
    if (error || !(seconds >= 0) || seconds > 365.0 * 24 * 3600) return std::nullopt;
    return std::chrono::milliseconds(static_cast<long long>(std::ceil(seconds * 1000)));
}

std::string answered(std::string_view platform, const HttpAnswer& answer) {
    std::string text = std::string(platform) + " answered " + std::to_string(answer.status);
    const std::string summary = answer_summary(answer.body);
    if (!summary.empty()) text += ": " + summary;
    return text;
}

ChannelOutcome read_http_answer(std::string_view platform, const HttpAnswer& answer, Time now) {
    ChannelOutcome outcome = webhook::outcome_for_status(answer.status, answer.header("retry-after"), now);
    if (outcome.kind != ChannelOutcome::Kind::success) {
        // The policy's own words (a redirect not followed, Retry-After ...) after the platform's.
        const std::string policy = outcome.error;
        outcome.error = answered(platform, answer);
        if (const auto said = policy.find(" ("); said != std::string::npos) outcome.error += policy.substr(said);
        else if (const auto wait = policy.find(", Retry-After"); wait != std::string::npos) outcome.error += policy.substr(wait);
    }
    outcome.response_excerpt = answer.body;
    return outcome;
}

}  // namespace seminarflow::channels
