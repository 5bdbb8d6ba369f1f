#include "adapters/channels/endpoint_admin.hpp"

#include "adapters/channels/chat/chat_platforms.hpp"
#include "adapters/channels/email/smtp_target.hpp"
#include "adapters/channels/http/http_target.hpp"
#include "adapters/channels/webhook/signature.hpp"
#include "engine/model/message_language.hpp"

namespace seminarflow {
namespace {

Failure<EndpointRefusal> refuse(std::string field, std::string message) {
    return fail(EndpointRefusal{std::move(field), std::move(message)});
}

Result<std::string, EndpointRefusal> checked_secret(const std::string& secret) {
    if (auto key = webhook::secret_key(secret); !key) return refuse("secret", key.error().message);
    return secret;
}

// A host written as an address the policy refuses: no delivery could ever be sent there.
std::optional<EndpointRefusal> refused_host(const std::string& host, const channels::AddressPolicy& addresses) {
    const auto address = channels::host_as_ip(host);
    if (!address) return std::nullopt;
    const auto why = addresses.refusal(*address);
    if (!why) return std::nullopt;
    return EndpointRefusal{"url", "seminarflow does not deliver there: " + channels::with_remedy(*why)};
}

std::optional<EndpointRefusal> http_url_refusal(const std::string& url, const channels::AddressPolicy& addresses) {
    auto target = channels::parse_http_url(url);
    if (!target) return EndpointRefusal{"url", target.error().message};
    return refused_host(target->host, addresses);
}

// Each fills in what its channel needs, or says why it cannot.
std::optional<EndpointRefusal> webhook_parts(const EndpointRequest& request, const channels::AddressPolicy& addresses,
                                             Endpoint& endpoint) {
    if (auto refusal = http_url_refusal(request.url, addresses)) return refusal;
    if (request.from || request.tls || request.ca_file || request.password) {
        return EndpointRefusal{"channel", "a sender, TLS mode, CA file and password are for the email channel"};
    }
    auto secret = checked_secret(request.secret.value_or(webhook::new_secret()));
    if (!secret) return std::move(secret).error();
    endpoint.secrets = {std::move(secret).value()};
    return std::nullopt;
}

// A chat platform writes for people, in a language, and may need to be told which chat.
std::optional<EndpointRefusal> chat_parts(const EndpointRequest& request, const channels::ChatPlatform& platform,
                                          const channels::AddressPolicy& addresses, Endpoint& endpoint) {
    if (auto refusal = http_url_refusal(request.url, addresses)) return refusal;
    if (request.secret) {
        return EndpointRefusal{"secret", "only webhook endpoints sign their requests; a " + request.channel +
                                             " endpoint has no secret"};
    }
    if (request.from || request.tls || request.ca_file || request.password) {
        return EndpointRefusal{"channel", "a sender, TLS mode, CA file and password are for the email channel"};
    }
    if (!platform.needs_chat_id) {
        if (!request.chat_id) return std::nullopt;
        return EndpointRefusal{"chat_id", "a " + request.channel +
                                              " endpoint's URL says where messages go: it takes no chat id"};
    }
    if (!request.chat_id) {
        return EndpointRefusal{"chat_id", "a " + request.channel +
                                              " endpoint needs the chat its messages go to (a number, or @channelusername)"};
    }
    auto chat_id = channels::check_telegram_chat_id(*request.chat_id);
    if (!chat_id) return EndpointRefusal{"chat_id", chat_id.error()};
    endpoint.chat_id = std::move(chat_id).value();
    return std::nullopt;
}

std::optional<EndpointRefusal> email_parts(const EndpointRequest& request, const channels::AddressPolicy& addresses,
                                           Endpoint& endpoint) {
    if (request.secret) {
        return EndpointRefusal{"secret", "signs webhooks; an email relay takes a password instead"};
    }
    if (request.from) endpoint.settings["from"] = *request.from;
    if (request.tls) endpoint.settings["tls"] = *request.tls;
    if (request.ca_file) endpoint.settings["ca_file"] = *request.ca_file;
    if (request.password) endpoint.secrets = {*request.password};
    auto target = email::smtp_target(endpoint);
    if (!target) return EndpointRefusal{"url", std::move(target).error()};
    if (auto refusal = refused_host(target->host, addresses)) return refusal;
    if (target->username.empty() != endpoint.secrets.empty()) {
        return EndpointRefusal{"password", "AUTH needs both a user (smtp://user@host) and a password, or neither"};
    }
    return std::nullopt;
}

}  // namespace

std::string channel_names() {
    std::string names = "webhook, email";
    for (const auto& platform : channels::chat_platforms()) names += ", " + std::string(platform.name);
    return names;
}

Result<std::vector<Duration>, EndpointRefusal> parse_retry_schedule(std::string_view text) {
    std::vector<Duration> delays;
    while (true) {
        const std::size_t comma = text.find(',');
        const std::string_view part = text.substr(0, comma);
        const auto delay = parse_duration(part);
        if (!delay) {
            return refuse("retry_schedule", "'" + std::string(part) +
                                                "' is not a duration; give the delays between tries, e.g. 5s,1m,10m");
        }
        delays.push_back(*delay);
        if (comma == std::string_view::npos) break;
        text.remove_prefix(comma + 1);
    }
    if (delays.size() > 50) return refuse("retry_schedule", "at most 50 retries");
    return delays;
}

Result<Endpoint, EndpointRefusal> make_endpoint(const EndpointRequest& request, Time now, IdSource& ids,
                                                const channels::AddressPolicy& addresses) {
    Endpoint endpoint;
    endpoint.channel = request.channel;
    endpoint.url = request.url;
    endpoint.description = request.description;
    const channels::ChatPlatform* platform = channels::find_chat_platform(request.channel);
    if (request.channel != "webhook" && request.channel != "email" && platform == nullptr) {
        return refuse("channel", "there is no channel '" + request.channel + "'; endpoints take: " + channel_names());
    }
    if (!is_message_language(request.language)) {
        return refuse("language", "'" + request.language + "' is not a language messages are written in: vi or en");
    }
    endpoint.language = request.language;
    if (request.chat_id && platform == nullptr) return refuse("chat_id", "a " + request.channel + " endpoint has no chat id");
    std::optional<EndpointRefusal> refusal;
    if (request.channel == "webhook") refusal = webhook_parts(request, addresses, endpoint);
    if (request.channel == "email") refusal = email_parts(request, addresses, endpoint);
    if (platform != nullptr) refusal = chat_parts(request, *platform, addresses, endpoint);
    if (refusal) return fail(std::move(*refusal));
    for (const std::string& type : request.types) {
        if (type.empty()) return refuse("types", "a notification type is a template name, e.g. seminar.planned");
    }
    endpoint.event_types = request.types;
    if (request.retry_schedule) {
        auto schedule = parse_retry_schedule(*request.retry_schedule);
        if (!schedule) return fail(std::move(schedule).error());
        endpoint.retry_schedule = std::move(schedule).value();
    }
    if (request.max_in_flight < 1 || request.max_in_flight > 1000) {
        return refuse("max_in_flight", "must be between 1 and 1000");
    }
    endpoint.max_in_flight = request.max_in_flight;
    if (request.rate_limit && *request.rate_limit < 1) return refuse("rate_limit", "must be at least 1 a second");
    endpoint.rate_limit = request.rate_limit;
    endpoint.id = ids.next_id();  // last: a refused request uses up no id
    endpoint.created_at = endpoint.updated_at = now;
    return endpoint;
}

Result<std::vector<std::string>, EndpointRefusal> rotated_secrets(const Endpoint& endpoint,
                                                                  const std::optional<std::string>& secret) {
    // An email relay's secret is its password, and chats sign nothing: a whsec_ there would break it.
    if (endpoint.channel != "webhook") {
        return refuse("channel", "only webhook endpoints sign their requests; a " + endpoint.channel +
                                     " endpoint has no signing secret to rotate");
    }
    auto fresh = checked_secret(secret.value_or(webhook::new_secret()));
    if (!fresh) return fail(std::move(fresh).error());
    for (const std::string& old : endpoint.secrets) {
        if (old == *fresh) return refuse("secret", "this endpoint signs with that secret already: give a new one");
    }
    std::vector<std::string> secrets{std::move(fresh).value()};
    if (!endpoint.secrets.empty()) secrets.push_back(endpoint.secrets.front());
    return secrets;
}

Result<Time, EndpointRefusal> parse_replay_since(std::string_view text) {
    const auto since = parse_rfc3339(text);
    if (!since) {
        return refuse("since", "'" + std::string(text) + "' is not an RFC 3339 time such as 2026-11-30T08:00:00+07:00");
    }
    return *since;
}

}  // namespace seminarflow
