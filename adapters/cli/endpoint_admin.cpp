#include "adapters/cli/endpoint_admin.hpp"

#include "adapters/channels/webhook/signature.hpp"
#include "adapters/channels/chat/chat_platforms.hpp"
#include "adapters/channels/http/http_target.hpp"
#include "engine/ports/store.hpp"

namespace seminarflow {

Result<std::vector<Duration>, std::string> parse_retry_schedule(std::string_view text) {
    std::vector<Duration> delays;
    while (true) {
        const std::size_t comma = text.find(',');
        const std::string_view part = text.substr(0, comma);
        const auto delay = parse_duration(part);
        if (!delay) {
            return fail("--retry-schedule: '" + std::string(part) +
                        "' is not a duration; write the delays between tries, e.g. 5s,1m,10m");
        }
        delays.push_back(*delay);
        if (comma == std::string_view::npos) break;
        text.remove_prefix(comma + 1);
    }
    if (delays.size() > 50) return fail(std::string("--retry-schedule: at most 50 retries"));
    return delays;
}

std::string channel_names() {
    std::string names = "webhook";
    for (const auto& platform : channels::chat_platforms()) names += ", " + std::string(platform.name);
    return names;
}

namespace {

// What the channel asks beyond a URL: a webhook signs (its secrets), a chat platform writes in a
// language and may need a chat id.
Result<Done, std::string> fill_channel(const EndpointRequest& request, Endpoint& endpoint) {
    const auto* platform = channels::find_chat_platform(request.channel);
    if (request.channel != "webhook" && platform == nullptr) {
        return fail("--channel: '" + request.channel + "' is not a channel; one of " + channel_names());
    }
    endpoint.channel = request.channel;
    if (request.language != "vi" && request.language != "en") {
        return fail("--language: '" + request.language + "' is not a language messages are written in: vi or en");
    }
    endpoint.language = request.language;
    if (platform == nullptr) {
        if (request.chat_id) return fail(std::string("--chat-id: a webhook endpoint has no chat id"));
        endpoint.secrets = {request.secret.value_or(webhook::new_secret())};
        if (auto key = webhook::secret_key(endpoint.secrets.front()); !key) return fail("--secret: " + key.error().message);
        return Done{};
    }
    if (request.secret) {
        return fail("--secret: only webhook endpoints sign their requests; a " + request.channel + " endpoint has no secret");
    }
    if (!platform->needs_chat_id) {
        if (request.chat_id) return fail("--chat-id: a " + request.channel + " endpoint's URL says where messages go: it takes no chat id");
        return Done{};
    }
    if (!request.chat_id) {
        return fail("--chat-id: a " + request.channel +
                    " endpoint needs the chat its messages go to (a number, or @channelusername)");
    }
    auto chat_id = channels::check_telegram_chat_id(*request.chat_id);
    if (!chat_id) return fail("--chat-id: " + chat_id.error());
    endpoint.chat_id = std::move(chat_id).value();
    return Done{};
}

}  // namespace

Result<Endpoint, std::string> make_endpoint(const EndpointRequest& request, Time now, IdSource& ids) {
    if (auto target = channels::parse_http_url(request.url); !target) {
        return fail("the URL: " + target.error().message);
    }
    Endpoint endpoint;
    endpoint.id = ids.next_id();
    endpoint.url = request.url;
    endpoint.description = request.description;
    if (auto filled = fill_channel(request, endpoint); !filled) return fail(std::move(filled).error());
    for (const std::string& type : request.types) {
        if (type.empty()) return fail(std::string("--type: a notification type is a template name, e.g. seminar.planned"));
    }
    endpoint.event_types = request.types;
    if (request.retry_schedule) {
        auto schedule = parse_retry_schedule(*request.retry_schedule);
        if (!schedule) return fail(std::move(schedule).error());
        endpoint.retry_schedule = std::move(schedule).value();
    }
    if (request.max_in_flight < 1 || request.max_in_flight > 1000) {
        return fail(std::string("--max-in-flight must be between 1 and 1000"));
    }
    endpoint.max_in_flight = request.max_in_flight;
    if (request.rate_limit && *request.rate_limit < 1) return fail(std::string("--rate-limit must be at least 1 a second"));
    endpoint.rate_limit = request.rate_limit;
    endpoint.created_at = endpoint.updated_at = now;
    return endpoint;
}

std::string describe_endpoint(const Endpoint& endpoint) {
    std::string line = endpoint.id + "  " + (endpoint.enabled ? "enabled " : "disabled") + "  " + endpoint.channel +
                       "  " + endpoint.shown_url();
    std::string types;
    for (const auto& type : endpoint.event_types) types += (types.empty() ? "" : ",") + type;
    line += "  types=" + (types.empty() ? std::string("*") : types);
    line += "  max_in_flight=" + std::to_string(endpoint.max_in_flight);
    if (endpoint.rate_limit) line += "  rate_limit=" + std::to_string(*endpoint.rate_limit) + "/s";
    if (endpoint.retry_schedule) {
        std::string delays;
        for (const Duration delay : *endpoint.retry_schedule) delays += (delays.empty() ? "" : ",") + format_duration(delay);
        line += "  retry_schedule=" + delays;
    }
    if (endpoint.channel == "webhook") {
        line += "  secrets=" + std::to_string(endpoint.secrets.size());
    } else {
        line += "  language=" + endpoint.language;
    }
    if (endpoint.chat_id) line += "  chat_id=" + *endpoint.chat_id;
    if (!endpoint.description.empty()) line += "  \"" + endpoint.description + "\"";
    if (endpoint.disabled_reason) line += "  (disabled: " + *endpoint.disabled_reason + ")";
    return line;
}

}  // namespace seminarflow
