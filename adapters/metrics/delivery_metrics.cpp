#include "adapters/metrics/delivery_metrics.hpp"

#include <algorithm>

namespace seminarflow::metrics {
namespace {

// From a local sink's few milliseconds to the send timeout (15 s by default, 5 min at most).
const std::vector<double> latency_bounds{0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15, 30, 60, 300};

// "2xx" ... "5xx", or "none" when no answer came: a bounded label, whatever receivers answer.
std::string_view answer_class(const std::optional<int>& status_code) {
    if (!status_code) return "none";
    switch (*status_code / 100) {
    case 1: return "1xx";
    case 2: return "2xx";
    case 3: return "3xx";
    case 4: return "4xx";
    case 5: return "5xx";
    default: return "other";
    }
}

}  // namespace

DeliveryMetrics::DeliveryMetrics(Registry& registry)
    : settled_(registry.counter("seminarflow_deliveries_settled_total",
                                "Deliveries that reached an end: delivered, failed (an answer retrying would not "
                                "change) or dead (the retry schedule ran out)",
                                {"status"})),
      attempts_(registry.counter("seminarflow_delivery_attempts_total",
                                 "Tries to send a delivery, by how the dispatcher read the answer and its class",
                                 {"outcome", "code"})),
      latency_(registry
                   .histogram("seminarflow_delivery_attempt_seconds",
                              "How long a try took, from the request's start to the answer (or the error)", {},
                              latency_bounds)
                   .with({})),
      disabled_(registry.counter("seminarflow_endpoints_disabled_total",
                                 "Endpoints disabled without an operator: gone (410) or failing for too long",
                                 {"cause"})) {}

void DeliveryMetrics::attempt_recorded(const DeliveryAttempt& attempt, DeliveryStatus status) {
    attempts_.with({to_string(attempt.outcome), answer_class(attempt.status_code)}).add();
    latency_.observe(std::max(std::chrono::duration<double>(attempt.latency).count(), 0.0));
    if (status != DeliveryStatus::pending) settled_.with({to_string(status)}).add();
}

void DeliveryMetrics::endpoint_disabled(DisableCause cause) { disabled_.with({to_string(cause)}).add(); }

}  // namespace seminarflow::metrics
