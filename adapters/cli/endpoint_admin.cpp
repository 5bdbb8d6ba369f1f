#include "adapters/cli/endpoint_admin.hpp"

#include <fstream>

#include "adapters/channels/email/smtp_target.hpp"
#include "adapters/channels/webhook/signature.hpp"
#include "adapters/channels/webhook/webhook_target.hpp"

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

namespace {

// Each fills in what its channel needs, or says why it cannot.
using Refusal = std::optional<std::string>;

Refusal webhook_parts(const EndpointRequest& request, Endpoint& endpoint) {
    if (auto target = webhook::parse_webhook_url(request.url); !target) return "the URL: " + target.error().message;
    if (request.from || request.tls || request.ca_file || request.password) {
        return "--from, --tls, --ca-file and a password are for --channel email";
    }
    endpoint.secrets = {request.secret.value_or(webhook::new_secret())};
    if (auto key = webhook::secret_key(endpoint.secrets.front()); !key) return "--secret: " + key.error().message;
    return std::nullopt;
}

Refusal email_parts(const EndpointRequest& request, Endpoint& endpoint) {
    if (request.secret) return "--secret signs webhooks: an email relay takes --password-file or --password-env";
    if (request.from) endpoint.settings["from"] = *request.from;
    if (request.tls) endpoint.settings["tls"] = *request.tls;
    if (request.ca_file) endpoint.settings["ca_file"] = *request.ca_file;
    if (request.password) endpoint.secrets = {*request.password};
    auto target = email::smtp_target(endpoint);
    if (!target) return std::move(target).error();
    if (target->username.empty() != endpoint.secrets.empty()) {
        return "AUTH needs both a user (smtp://user@host) and a password (--password-file or --password-env), or"
               " neither";
    }
    return std::nullopt;
}

}  // namespace

Result<Endpoint, std::string> make_endpoint(const EndpointRequest& request, Time now, IdSource& ids) {
    Endpoint endpoint;
    endpoint.id = ids.next_id();
    endpoint.channel = request.channel;
    endpoint.url = request.url;
    endpoint.description = request.description;
    Refusal refusal = "--channel '" + request.channel + "': write webhook or email";
    if (request.channel == "webhook") refusal = webhook_parts(request, endpoint);
    if (request.channel == "email") refusal = email_parts(request, endpoint);
    if (refusal) return fail(std::move(*refusal));
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

Result<std::optional<std::string>, std::string> read_password(const std::optional<std::string>& file,
                                                              const std::optional<std::string>& variable,
                                                              const std::function<const char*(const char*)>& environment) {
    using Password = std::optional<std::string>;
    if (file && variable) return fail(std::string("give the password once: --password-file or --password-env"));
    if (variable) {
        const char* value = environment(variable->c_str());
        if (value == nullptr || *value == '\0') return fail("--password-env: $" + *variable + " is not set");
        return Password(value);
    }
    if (!file) return Password();
    std::ifstream in(*file, std::ios::binary);
    std::string line;
    if (!in || !std::getline(in, line)) return fail("--password-file: cannot read a line from " + *file);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) return fail("--password-file: the first line of " + *file + " is empty");
    return Password(std::move(line));
}

std::string describe_endpoint(const Endpoint& endpoint) {
    std::string line = endpoint.id + "  " + (endpoint.enabled ? "enabled " : "disabled") + "  " + endpoint.channel +
                       "  " + endpoint.url;
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
    for (const auto& [name, value] : endpoint.settings) line += "  " + name + "=" + value;
    line += "  secrets=" + std::to_string(endpoint.secrets.size());
    if (!endpoint.description.empty()) line += "  \"" + endpoint.description + "\"";
    if (endpoint.disabled_reason) line += "  (disabled: " + *endpoint.disabled_reason + ")";
    return line;
}

}  // namespace seminarflow
