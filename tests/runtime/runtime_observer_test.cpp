// The runtime tells its observer (engine/ports/runtime_observer.hpp) what it did: transitions
// committed, events refused, timers fired and how late. Observed here through the metrics that
// implement the port, on both backends.
#include <catch2/catch.hpp>

#include "adapters/metrics/engine_metrics.hpp"
#include "engine/runtime/work_runner.hpp"
#include "tests/runtime/engine_fixture.hpp"
#include "tests/store/backends.hpp"

using seminarflow::test::PostgresqlBackend;
using seminarflow::test::SqliteBackend;

namespace seminarflow {

using test::organiser_event;
using test::plan_payload;

TEMPLATE_TEST_CASE("the runtime tells its observer of transitions, refusals and timers fired", "[runtime][observer]",
                   SqliteBackend, PostgresqlBackend) {
    test::Engine<TestType> engine;
    metrics::Registry registry;
    metrics::EngineMetrics observer(registry);
    engine.runtime.observe_with(observer);

    const std::string id = engine.seminar("Tọa đàm khối doanh nghiệp lần thứ 3");
    boost::json::object incomplete = plan_payload();
    incomplete.erase("venue");
    CHECK_FALSE(engine.runtime.apply(id, organiser_event("plan", incomplete)).ok());
    engine.apply(id, organiser_event("plan", plan_payload()));
    CHECK_FALSE(engine.runtime.apply(id, organiser_event("plan", plan_payload())).ok());  // planned already

    // The planned seminar's one timer, `not_ready_warning` (due 2026-08-22T07:00Z), fires 90 s late.
    WorkRunner runner(engine.runtime, *engine.store, engine.clock, WorkOptions{.owner = "node-a"});
    engine.clock.set(*parse_rfc3339("2026-08-22T07:01:30Z"));
    auto report = runner.run_once();
    REQUIRE(report.ok());
    REQUIRE(report->timers_fired == 1);
    engine.apply(id, organiser_event("invite", {{"units", boost::json::array{"CĐCS Sở Tư pháp", "CĐCS Cục Thuế tỉnh"}},
                                                {"contributions_due", "2026-08-24T10:00:00Z"}}));

    const std::string page = registry.render();
    INFO(page);
    CHECK_THAT(page, Catch::Contains("seminarflow_transitions_total{workflow=\"seminar\",event=\"created\"} 1\n"));
    CHECK_THAT(page, Catch::Contains("seminarflow_transitions_total{workflow=\"seminar\",event=\"plan\"} 1\n"));
    CHECK_THAT(page, Catch::Contains("seminarflow_transitions_total{workflow=\"seminar\",event=\"invite\"} 1\n"));
    // The invitation spawned a submission per unit, each a "created" of its own workflow.
    CHECK_THAT(page, Catch::Contains("seminarflow_transitions_total{workflow=\"submission\",event=\"created\"} 2\n"));
    CHECK_THAT(page, Catch::Contains("seminarflow_transitions_total{workflow=\"seminar\",event=\"not_ready\"} 1\n"));
    CHECK_THAT(page, Catch::Contains("seminarflow_refusals_total{workflow=\"seminar\",kind=\"payload_invalid\"} 1\n"));
    CHECK_THAT(page,
               Catch::Contains("seminarflow_refusals_total{workflow=\"seminar\",kind=\"not_allowed_in_state\"} 1\n"));
    CHECK_THAT(page, Catch::Contains("seminarflow_timer_lag_seconds_bucket{le=\"60\"} 0\n"));
    CHECK_THAT(page, Catch::Contains("seminarflow_timer_lag_seconds_bucket{le=\"300\"} 1\n"));
    CHECK_THAT(page, Catch::Contains("seminarflow_timer_lag_seconds_sum 90\n"));
    CHECK_THAT(page, Catch::Contains("seminarflow_timer_lag_seconds_count 1\n"));
}

}  // namespace seminarflow
