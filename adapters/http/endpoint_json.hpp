#pragma once
// Endpoints, deliveries and their tries as the API shows them. An endpoint's JSON never holds its
// secrets: only the answers that make one (POST /v1/endpoints, .../secret/rotate) show the new one.
#include <boost/json/object.hpp>

#include "engine/model/delivery.hpp"
#include "engine/model/endpoint.hpp"

namespace seminarflow::http {

// {id, channel, url, description, types, enabled, disabled_reason, retry_schedule, max_in_flight,
//  rate_limit, failing_since, created_at, updated_at}
boost::json::object endpoint_json(const Endpoint& endpoint);

// {id, notification_id, endpoint_id, type, status, attempts, next_attempt_at, last_status_code,
//  last_error, created_at, finished_at}
boost::json::object delivery_json(const DeliveryRecord& delivery);

// {attempt, started_at, latency_ms, status_code, outcome, response_excerpt, error}
boost::json::object attempt_json(const DeliveryAttempt& attempt);

}  // namespace seminarflow::http
