// The dispatcher's metrics as the DeliveryObserver port feeds them.
#include <catch2/catch.hpp>

#include "adapters/metrics/delivery_metrics.hpp"

namespace seminarflow::metrics {
namespace {

DeliveryAttempt attempt(std::optional<int> code, AttemptOutcome outcome, int latency_ms) {
    return DeliveryAttempt{.delivery_id = "d-1",
                           .attempt = 1,
                           .started_at = {},
                           .latency = std::chrono::milliseconds(latency_ms),
                           .status_code = code,
                           .outcome = outcome};
}

}  // namespace

TEST_CASE("tries are counted by outcome and answer class, deliveries when they reach an end",
          "[metrics][delivery]") {
    Registry registry;
    DeliveryMetrics metrics(registry);
    DeliveryObserver& observer = metrics;
    observer.attempt_recorded(attempt(503, AttemptOutcome::retry, 30), DeliveryStatus::pending);
    observer.attempt_recorded(attempt(std::nullopt, AttemptOutcome::retry, 15'000), DeliveryStatus::dead);
    observer.attempt_recorded(attempt(204, AttemptOutcome::success, 4), DeliveryStatus::delivered);
    observer.attempt_recorded(attempt(200, AttemptOutcome::success, 8), DeliveryStatus::delivered);
    observer.attempt_recorded(attempt(404, AttemptOutcome::failure, 7), DeliveryStatus::failed);

    const std::string page = registry.render();
    CHECK_THAT(page, Catch::Contains("# TYPE seminarflow_deliveries_settled_total counter\n"));
    CHECK_THAT(page, Catch::Contains("seminarflow_deliveries_settled_total{status=\"delivered\"} 2\n"));
    CHECK_THAT(page, Catch::Contains("seminarflow_deliveries_settled_total{status=\"failed\"} 1\n"));
    CHECK_THAT(page, Catch::Contains("seminarflow_deliveries_settled_total{status=\"dead\"} 1\n"));
    CHECK_THAT(page, !Catch::Contains("status=\"pending\""));  // a retry is not an end
    CHECK_THAT(page, Catch::Contains("seminarflow_delivery_attempts_total{outcome=\"retry\",code=\"5xx\"} 1\n"));
    CHECK_THAT(page, Catch::Contains("seminarflow_delivery_attempts_total{outcome=\"retry\",code=\"none\"} 1\n"));
    CHECK_THAT(page, Catch::Contains("seminarflow_delivery_attempts_total{outcome=\"success\",code=\"2xx\"} 2\n"));
    CHECK_THAT(page, Catch::Contains("seminarflow_delivery_attempts_total{outcome=\"failure\",code=\"4xx\"} 1\n"));
}

TEST_CASE("try latency is a histogram in seconds", "[metrics][delivery]") {
    Registry registry;
    DeliveryMetrics metrics(registry);
    metrics.attempt_recorded(attempt(200, AttemptOutcome::success, 4), DeliveryStatus::delivered);
    metrics.attempt_recorded(attempt(200, AttemptOutcome::success, 40), DeliveryStatus::delivered);
    metrics.attempt_recorded(attempt(std::nullopt, AttemptOutcome::retry, 15'000), DeliveryStatus::pending);

    const std::string page = registry.render();
    CHECK_THAT(page, Catch::Contains("# TYPE seminarflow_delivery_attempt_seconds histogram\n"));
    CHECK_THAT(page, Catch::Contains("seminarflow_delivery_attempt_seconds_bucket{le=\"0.005\"} 1\n"));
    CHECK_THAT(page, Catch::Contains("seminarflow_delivery_attempt_seconds_bucket{le=\"0.05\"} 2\n"));
    CHECK_THAT(page, Catch::Contains("seminarflow_delivery_attempt_seconds_bucket{le=\"10\"} 2\n"));
    CHECK_THAT(page, Catch::Contains("seminarflow_delivery_attempt_seconds_bucket{le=\"15\"} 3\n"));
    CHECK_THAT(page, Catch::Contains("seminarflow_delivery_attempt_seconds_count 3\n"));
}

TEST_CASE("endpoints disabled without an operator are counted by cause", "[metrics][delivery]") {
    Registry registry;
    DeliveryMetrics metrics(registry);
    metrics.endpoint_disabled(DisableCause::failing);
    metrics.endpoint_disabled(DisableCause::failing);
    metrics.endpoint_disabled(DisableCause::gone);
    const std::string page = registry.render();
    CHECK_THAT(page, Catch::Contains("# TYPE seminarflow_endpoints_disabled_total counter\n"));
    CHECK_THAT(page, Catch::Contains("seminarflow_endpoints_disabled_total{cause=\"failing\"} 2\n"));
    CHECK_THAT(page, Catch::Contains("seminarflow_endpoints_disabled_total{cause=\"gone\"} 1\n"));
}

}  // namespace seminarflow::metrics
