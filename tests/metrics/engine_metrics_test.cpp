// The runtime's metrics as the RuntimeObserver port feeds them.
#include <catch2/catch.hpp>

#include "adapters/metrics/engine_metrics.hpp"

namespace seminarflow::metrics {

TEST_CASE("transitions are counted by workflow and event, refusals by workflow and kind", "[metrics][engine]") {
    Registry registry;
    EngineMetrics metrics(registry);
    RuntimeObserver& observer = metrics;
    observer.transition_committed("seminar", "created");
    observer.transition_committed("seminar", "plan");
    observer.transition_committed("seminar", "plan");
    observer.transition_committed("submission", "created");
    observer.event_refused("seminar", RejectionKind::guard_failed);
    observer.event_refused("seminar", RejectionKind::not_allowed_in_state);

    const std::string page = registry.render();
    CHECK_THAT(page, Catch::Contains("# TYPE seminarflow_transitions_total counter\n"));
    CHECK_THAT(page, Catch::Contains("seminarflow_transitions_total{workflow=\"seminar\",event=\"created\"} 1\n"));
    CHECK_THAT(page, Catch::Contains("seminarflow_transitions_total{workflow=\"seminar\",event=\"plan\"} 2\n"));
    CHECK_THAT(page, Catch::Contains("seminarflow_transitions_total{workflow=\"submission\",event=\"created\"} 1\n"));
    CHECK_THAT(page, Catch::Contains("seminarflow_refusals_total{workflow=\"seminar\",kind=\"guard_failed\"} 1\n"));
    CHECK_THAT(page,
               Catch::Contains("seminarflow_refusals_total{workflow=\"seminar\",kind=\"not_allowed_in_state\"} 1\n"));
}

TEST_CASE("timer lag is a histogram in seconds, and a timer never counts as early", "[metrics][engine]") {
    Registry registry;
    EngineMetrics metrics(registry);
    metrics.timer_fired(std::chrono::milliseconds(40));
    metrics.timer_fired(std::chrono::milliseconds(1'500));
    metrics.timer_fired(std::chrono::milliseconds(-20));  // a clock stepped back: counted as on time

    const std::string page = registry.render();
    CHECK_THAT(page, Catch::Contains("# TYPE seminarflow_timer_lag_seconds histogram\n"));
    CHECK_THAT(page, Catch::Contains("seminarflow_timer_lag_seconds_bucket{le=\"0.01\"} 1\n"));
    CHECK_THAT(page, Catch::Contains("seminarflow_timer_lag_seconds_bucket{le=\"0.05\"} 2\n"));
    CHECK_THAT(page, Catch::Contains("seminarflow_timer_lag_seconds_bucket{le=\"1\"} 2\n"));
    CHECK_THAT(page, Catch::Contains("seminarflow_timer_lag_seconds_bucket{le=\"2.5\"} 3\n"));
    CHECK_THAT(page, Catch::Contains("seminarflow_timer_lag_seconds_bucket{le=\"+Inf\"} 3\n"));
    CHECK_THAT(page, Catch::Contains("seminarflow_timer_lag_seconds_sum 1.54\n"));
    CHECK_THAT(page, Catch::Contains("seminarflow_timer_lag_seconds_count 3\n"));
}

}  // namespace seminarflow::metrics
