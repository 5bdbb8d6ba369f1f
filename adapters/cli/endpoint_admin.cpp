#include "adapters/cli/endpoint_admin.hpp"

#include "adapters/channels/webhook/signature.hpp"
#include "adapters/channels/http/http_target.hpp"

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

Result<Endpoint, std::string> make_endpoint(const EndpointRequest& request, Time now, IdSource& ids) {
    if (auto target = channels::parse_http_url(request.url); !target) {
        return fail("the URL: " + target.error().message);
    }
    Endpoint endpoint;
    endpoint.id = ids.next_id();
    endpoint.channel = "webhook";
    endpoint.url = request.url;
    endpoint.description = request.description;
    endpoint.secrets = {request.secret.value_or(webhook::new_secret())};
    if (auto key = webhook::secret_key(endpoint.secrets.front()); !key) return fail("--secret: " + key.error().message);
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
    line += "  secrets=" + std::to_string(endpoint.secrets.size());
    if (!endpoint.description.empty()) line += "  \"" + endpoint.description + "\"";
    if (endpoint.disabled_reason) line += "  (disabled: " + *endpoint.disabled_reason + ")";
    return line;
}

}  // namespace seminarflow
