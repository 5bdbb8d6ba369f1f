#include "adapters/http/operator_parsing.hpp"

#include <cstdint>

#include "adapters/http/cursor.hpp"
#include "adapters/http/problem.hpp"

namespace seminarflow::http {
namespace {

using namespace parsing;

// A refusal from endpoint_admin, as the API gives it: 422 naming the member.
Failure<Response> refused(const EndpointRefusal& refusal) {
    return invalid_body(refusal.field, "'" + refusal.field + "': " + refusal.message);
}

Parsed<std::vector<std::string>> strings_member(const boost::json::object& body, std::string_view name) {
    std::vector<std::string> strings;
    const auto* value = body.if_contains(name);
    if (!value) return strings;
    const auto not_strings = [&](std::string_view what) {
        return invalid_body(name, "'" + std::string(name) + "' must be an array of strings, not " + std::string(what));
    };
    if (!value->is_array()) return not_strings(kind_of(*value));
    for (const auto& item : value->get_array()) {
        if (!item.is_string()) return not_strings("one holding " + std::string(kind_of(item)));
        strings.emplace_back(item.get_string());
    }
    return strings;
}

Parsed<std::optional<int>> whole_member(const boost::json::object& body, std::string_view name) {
    const auto* value = body.if_contains(name);
    if (!value || value->is_null()) return std::optional<int>{};
    if (!value->is_int64() && !value->is_uint64()) {
        return invalid_body(name, "'" + std::string(name) + "' must be a whole number, not " + std::string(kind_of(*value)));
    }
    // Beyond an int the store's limits refuse it anyway: say so here, without overflowing.
    const std::int64_t number = value->is_int64() ? value->get_int64() : INT64_MAX;
    if (number < INT32_MIN || number > INT32_MAX) {
        return invalid_body(name, "'" + std::string(name) + "' is out of range");
    }
    return std::optional<int>(static_cast<int>(number));
}

// Duration texts joined as endpoint_admin reads a schedule; an empty array is no schedule at all.
Parsed<std::optional<std::string>> schedule_member(const boost::json::object& body) {
    auto delays = strings_member(body, "retry_schedule");
    if (!delays) return fail(std::move(delays).error());
    if (!body.contains("retry_schedule")) return std::optional<std::string>{};
    std::string joined;
    for (const auto& delay : *delays) {
        if (delay.find(',') != std::string::npos) return refused({"retry_schedule", "'" + delay + "' is not a duration"});
        joined += (joined.empty() ? "" : ",") + delay;
    }
    return std::optional<std::string>(joined);
}

}  // namespace

Parsed<EndpointRequest> parse_endpoint_request(std::string_view text) {
    auto body = json_object(text, {"url", "channel", "language", "chat_id", "types", "description", "secret",
                                   "retry_schedule", "max_in_flight", "rate_limit"});
    if (!body) return fail(std::move(body).error());
    EndpointRequest request;
    auto url = required_text(*body, "url");
    if (!url) return fail(std::move(url).error());
    request.url = std::move(url).value();
    auto channel = optional_text(*body, "channel", "a channel's name");
    auto language = optional_text(*body, "language", "vi or en");
    auto chat_id = optional_text(*body, "chat_id", "a chat id: a number, or @channelusername");
    auto description = optional_text(*body, "description", "text of at most 500 bytes");
    auto secret = optional_text(*body, "secret", "a signing secret, whsec_ + base64");
    for (auto* member : {&channel, &language, &chat_id, &description, &secret}) {
        if (!*member) return fail(std::move(*member).error());
    }
    if (*channel) request.channel = **channel;
    if (*language) request.language = **language;
    request.chat_id = *chat_id;
    request.description = description->value_or("");
    request.secret = *secret;
    auto types = strings_member(*body, "types");
    auto schedule = schedule_member(*body);
    auto in_flight = whole_member(*body, "max_in_flight");
    auto rate = whole_member(*body, "rate_limit");
    if (!types) return fail(std::move(types).error());
    if (!schedule) return fail(std::move(schedule).error());
    if (!in_flight) return fail(std::move(in_flight).error());
    if (!rate) return fail(std::move(rate).error());
    request.types = std::move(types).value();
    request.retry_schedule = std::move(schedule).value();
    if (*in_flight) request.max_in_flight = **in_flight;
    request.rate_limit = *rate;
    return request;
}

Parsed<std::optional<std::string>> parse_optional_member(std::string_view text, std::string_view name) {
    if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) return std::optional<std::string>{};
    auto body = json_object(text, {name});
    if (!body) return fail(std::move(body).error());
    return optional_text(*body, name, name == "secret" ? "a signing secret, whsec_ + base64" : "text of at most 500 bytes");
}

Parsed<DeliveryFilter> parse_deliveries_query(const Request& request) {
    if (auto refused_parameter = check_parameters(request, {"status", "endpoint", "cursor", "limit"})) {
        return fail(std::move(*refused_parameter));
    }
    DeliveryFilter filter;
    if (const auto status = filter_value(request, "status")) {
        filter.status = parse_delivery_status(*status);
        if (!filter.status) {
            return bad_parameter("status", "status must be " + std::string(delivery_statuses) + ", not '" + *status + "'");
        }
    }
    filter.endpoint_id = filter_value(request, "endpoint");
    if (const auto cursor = filter_value(request, "cursor")) {
        filter.after = decode_delivery_cursor(*cursor);
        if (!filter.after) return foreign_cursor("listing of deliveries");
    }
    auto limit = page_limit(request);
    if (!limit) return fail(std::move(limit).error());
    filter.limit = *limit;
    return filter;
}

Parsed<ReplayRequest> parse_replay_request(std::string_view text) {
    auto body = json_object(text, {"since", "endpoint"});
    if (!body) return fail(std::move(body).error());
    auto since_text = required_text(*body, "since");
    if (!since_text) return fail(std::move(since_text).error());
    auto since = parse_replay_since(*since_text);
    if (!since) return refused(since.error());
    auto endpoint = optional_text(*body, "endpoint", "an endpoint's id");
    if (!endpoint) return fail(std::move(endpoint).error());
    return ReplayRequest{*since, std::move(endpoint).value()};
}

}  // namespace seminarflow::http
