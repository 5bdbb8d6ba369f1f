#include "adapters/http/endpoint_json.hpp"

#include <boost/json/array.hpp>
#include <boost/json/value_from.hpp>

namespace seminarflow::http {
namespace {

template <class T>
boost::json::value or_null(const std::optional<T>& value) {
    if (!value) return nullptr;
    return boost::json::value_from(*value);
}

boost::json::value time_or_null(const std::optional<Time>& time) {
    if (!time) return nullptr;
    return boost::json::value(format_rfc3339(*time));
}

}  // namespace

boost::json::object endpoint_json(const Endpoint& endpoint) {
    boost::json::array types;
    for (const auto& type : endpoint.event_types) types.emplace_back(type);
    boost::json::value schedule = nullptr;
    if (endpoint.retry_schedule) {
        boost::json::array delays;
        for (const Duration delay : *endpoint.retry_schedule) delays.emplace_back(format_duration(delay));
        schedule = std::move(delays);
    }
    return {{"id", endpoint.id},
            {"channel", endpoint.channel},
            {"url", endpoint.shown_url()},
            {"language", endpoint.language},
            {"chat_id", or_null(endpoint.chat_id)},
            {"description", endpoint.description},
            {"types", std::move(types)},
            {"enabled", endpoint.enabled},
            {"disabled_reason", or_null(endpoint.disabled_reason)},
            {"retry_schedule", std::move(schedule)},
            {"max_in_flight", endpoint.max_in_flight},
            {"rate_limit", or_null(endpoint.rate_limit)},
            {"failing_since", time_or_null(endpoint.failing_since)},
            {"created_at", format_rfc3339(endpoint.created_at)},
            {"updated_at", format_rfc3339(endpoint.updated_at)}};
}

boost::json::object delivery_json(const DeliveryRecord& delivery) {
    const bool pending = delivery.status == DeliveryStatus::pending;
    return {{"id", delivery.id},
            {"notification_id", delivery.notification_id},
            {"endpoint_id", delivery.endpoint_id},
            {"type", delivery.type},
            {"recipient", or_null(delivery.recipient)},
            {"status", to_string(delivery.status)},
            {"attempts", delivery.attempts},
            {"next_attempt_at", pending ? boost::json::value(format_rfc3339(delivery.next_attempt_at)) : nullptr},
            {"last_status_code", or_null(delivery.last_status_code)},
            {"last_error", or_null(delivery.last_error)},
            {"created_at", format_rfc3339(delivery.created_at)},
            {"finished_at", time_or_null(delivery.finished_at)}};
}

boost::json::object attempt_json(const DeliveryAttempt& attempt) {
    return {{"attempt", attempt.attempt},
            {"started_at", format_rfc3339(attempt.started_at)},
            {"latency_ms", attempt.latency.count()},
            {"status_code", or_null(attempt.status_code)},
            {"outcome", to_string(attempt.outcome)},
            {"response_excerpt", attempt.response_excerpt},
            {"error", or_null(attempt.error)}};
}

}  // namespace seminarflow::http
