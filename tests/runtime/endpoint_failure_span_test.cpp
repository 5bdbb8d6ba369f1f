// An endpoint failing for dispatcher.disable_after is disabled, over the real store on both
// backends with the clock set by the test: the failure span starts at the first failed try after
// a success and ends at the next success; the try that finds it long enough disables the endpoint
// and writes a seminarflow.endpoint.disabled notification in the same transaction, which goes to
// the other endpoints that want it and never to the disabled one; the metrics count it.
#include <catch2/catch.hpp>

#include "adapters/metrics/delivery_metrics.hpp"
#include "engine/runtime/delivery_work.hpp"
#include "tests/runtime/engine_fixture.hpp"
#include "tests/store/backends.hpp"
#include "tests/store/delivery_fixtures.hpp"
#include "tests/store/store_fixtures.hpp"

using seminarflow::test::PostgresqlBackend;
using seminarflow::test::SqliteBackend;

namespace seminarflow {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using test::count_rows;

const std::string notice(endpoint_disabled_notice);

template <class Backend>
struct Span {
    test::Engine<Backend> engine;
    metrics::Registry registry;
    metrics::DeliveryMetrics metrics{registry};
    DeliveryWork work{*engine.store, engine.clock, engine.ids,
                      DeliveryOptions{.owner = "node-a", .disable_after = hours(1)}, [] { return 0.5; }, metrics};
    Endpoint failing = test::webhook_endpoint("failing", {"seminar.planned"});
    Endpoint operators = test::webhook_endpoint("operators", {notice});

    Span() {
        failing.retry_schedule = std::vector<Duration>(8, minutes(20));
        STORE_REQUIRE_OK(engine.store->add_endpoint(failing));
        STORE_REQUIRE_OK(engine.store->add_endpoint(operators));
    }

    std::vector<Delivery> claim() {
        auto claimed = work.claim(10);
        STORE_REQUIRE_OK(claimed);
        return std::move(claimed).value();
    }

    SettledAttempt settle(const Delivery& delivery, const ChannelOutcome& outcome) {
        // No latency: the next try is due exactly a scheduled delay later (the jitter draw is 0.5).
        auto settled = work.settle(delivery, outcome, engine.clock.now(), Duration(0));
        STORE_REQUIRE_OK(settled);
        REQUIRE(settled->recorded);
        return *settled;
    }

    // Claims the one delivery due now and fails it.
    SettledAttempt fail_one() {
        const auto claimed = claim();
        REQUIRE(claimed.size() == 1);
        return settle(claimed[0], ChannelOutcome::retryable(503, "Service Unavailable"));
    }

    Endpoint endpoint(const std::string& id) {
        auto found = engine.store->find_endpoint(id);
        STORE_REQUIRE_OK(found);
        REQUIRE(found->has_value());
        return **found;
    }

    void later(Duration by) { engine.clock.set(engine.clock.now() + by); }
};

}  // namespace

TEMPLATE_TEST_CASE("an endpoint whose every try failed for disable_after is disabled, and the other endpoints are told",
                   "[runtime][deliveries][failure-span]", SqliteBackend, PostgresqlBackend) {
    Span<TestType> span;
    const DatabaseUrl& url = span.engine.database.url();
    test::seminar_notifications(*span.engine.store, {"seminar.planned"});
    REQUIRE(span.work.fan_out().ok());
    const Time first = span.engine.clock.now();

    for (int tries = 1; tries <= 3; ++tries) {  // at 0, 20 and 40 minutes: not yet an hour
        CAPTURE(tries);
        CHECK_FALSE(span.fail_one().disabled);
        CHECK(span.endpoint(span.failing.id).enabled);
        CHECK(span.endpoint(span.failing.id).failing_since == first);
        span.later(minutes(20));
    }
    const SettledAttempt last = span.fail_one();  // at 60 minutes: the span is an hour long
    REQUIRE(last.disabled);
    CHECK_THAT(last.disabled->reason, Catch::Contains("every try failed since 2026-08-04T01:30:00") &&
                                          Catch::Contains("dispatcher.disable_after"));
    CHECK(last.disabled->cause == DisableCause::failing);
    const Endpoint disabled = span.endpoint(span.failing.id);
    CHECK_FALSE(disabled.enabled);
    CHECK(disabled.disabled_reason == last.disabled->reason);
    CHECK(count_rows(url, "outbox", "template = '" + notice + "' AND instance_id IS NULL") == 1);

    // The notice goes out like any notification: to the operators' endpoint, not the disabled one.
    REQUIRE(span.work.fan_out().ok());
    CHECK(count_rows(url, "deliveries", "endpoint_id = '" + span.failing.id + "'") == 1);
    const auto told = span.claim();
    REQUIRE(told.size() == 1);
    CHECK(told[0].endpoint.id == span.operators.id);
    CHECK(told[0].notification.template_name == notice);
    // Its fields are under "data", as every notification's are: where its template reads them.
    const auto& data = told[0].notification.payload.at("data").as_object();
    CHECK(data.at("endpoint_id").as_string() == span.failing.id);
    CHECK(data.at("url").as_string() == span.failing.url);
    CHECK(data.at("failing_since").as_string() == format_rfc3339(first));
    CHECK(data.at("reason").as_string() == last.disabled->reason);
    CHECK(data.at("cause").as_string() == "failing");

    const std::string page = span.registry.render();
    CHECK_THAT(page, Catch::Contains("seminarflow_endpoints_disabled_total{cause=\"failing\"} 1\n"));
    CHECK_THAT(page, !Catch::Contains("cause=\"gone\""));
    CHECK_THAT(page, Catch::Contains("seminarflow_delivery_attempts_total{outcome=\"retry\",code=\"5xx\"} 4\n"));
    CHECK_THAT(page, Catch::Contains("seminarflow_delivery_attempt_seconds_count 4\n"));
}

TEMPLATE_TEST_CASE("a success ends the failure span: the next one starts at the first failed try after it",
                   "[runtime][deliveries][failure-span]", SqliteBackend, PostgresqlBackend) {
    Span<TestType> span;
    const DatabaseUrl& url = span.engine.database.url();
    test::seminar_notifications(*span.engine.store, {"seminar.planned", "seminar.planned"});
    REQUIRE(span.work.fan_out().ok());
    auto both = span.claim();
    REQUIRE(both.size() == 2);
    for (const Delivery& delivery : both) span.settle(delivery, ChannelOutcome::retryable(500, "down"));

    span.later(minutes(50));  // 50 minutes of failing, then one success
    both = span.claim();
    REQUIRE(both.size() == 2);
    CHECK(span.settle(both[0], ChannelOutcome::success(200)).verdict.settlement.status == DeliveryStatus::delivered);
    CHECK_FALSE(span.endpoint(span.failing.id).failing_since.has_value());
    span.later(minutes(1));
    const Time restarted = span.engine.clock.now();
    span.settle(both[1], ChannelOutcome::retryable(500, "down again"));
    CHECK(span.endpoint(span.failing.id).failing_since == restarted);

    for (int tries = 0; tries < 2; ++tries) {  // 20 and 40 minutes after the success: under the hour
        span.later(minutes(20));
        CHECK_FALSE(span.fail_one().disabled);
    }
    CHECK(span.endpoint(span.failing.id).enabled);  // 1h31m since the first failure, but not in one span
    span.later(minutes(20));
    CHECK(span.fail_one().disabled);
    CHECK(count_rows(url, "outbox", "template = '" + notice + "'") == 1);

    // Enabled again, it starts afresh: its past failures do not count.
    STORE_REQUIRE_OK(span.engine.store->set_endpoint_status(span.failing.id, std::nullopt, span.engine.clock.now()));
    CHECK_FALSE(span.endpoint(span.failing.id).failing_since.has_value());
}

TEMPLATE_TEST_CASE("a 410 disables the endpoint at once, and the operators are told of it too",
                   "[runtime][deliveries][failure-span]", SqliteBackend, PostgresqlBackend) {
    Span<TestType> span;
    const DatabaseUrl& url = span.engine.database.url();
    test::seminar_notifications(*span.engine.store, {"seminar.planned"});
    REQUIRE(span.work.fan_out().ok());
    const auto claimed = span.claim();
    REQUIRE(claimed.size() == 1);
    const SettledAttempt gone = span.settle(claimed[0], ChannelOutcome::disable(410, "Gone"));
    REQUIRE(gone.disabled);
    CHECK_THAT(gone.disabled->reason, Catch::StartsWith("410"));
    CHECK(gone.disabled->cause == DisableCause::gone);
    CHECK(count_rows(url, "outbox", "template = '" + notice + "' AND CAST(payload AS TEXT) LIKE '%" + span.failing.id + "%'") == 1);
    const std::string page = span.registry.render();
    CHECK_THAT(page, Catch::Contains("seminarflow_endpoints_disabled_total{cause=\"gone\"} 1\n"));
    CHECK_THAT(page, !Catch::Contains("cause=\"failing\""));

    // The notice says which: gone, not failing.
    REQUIRE(span.work.fan_out().ok());
    const auto told = span.claim();
    REQUIRE(told.size() == 1);
    const auto& data = told[0].notification.payload.at("data").as_object();
    CHECK(data.at("cause").as_string() == "gone");
    CHECK(data.at("reason").as_string() == "410: Gone");
}

TEMPLATE_TEST_CASE("a message seminarflow cannot render fails its delivery but is never held against the endpoint",
                   "[runtime][deliveries][failure-span]", SqliteBackend, PostgresqlBackend) {
    Span<TestType> span;
    const DatabaseUrl& url = span.engine.database.url();
    test::seminar_notifications(*span.engine.store, {"seminar.planned", "seminar.planned"});
    REQUIRE(span.work.fan_out().ok());
    const Time first = span.engine.clock.now();
    auto both = span.claim();
    REQUIRE(both.size() == 2);

    // Not rendered: the delivery fails for good, with why, and the endpoint's span does not start.
    const auto unrendered = ChannelOutcome::not_sent(not_rendered("seminar.planned", "a placeholder is not closed"));
    const SettledAttempt lost = span.settle(both[0], unrendered);
    CHECK(lost.verdict.settlement.status == DeliveryStatus::failed);
    CHECK_FALSE(lost.disabled);
    CHECK_FALSE(span.endpoint(span.failing.id).failing_since.has_value());
    auto record = span.engine.store->find_delivery(both[0].id);
    STORE_REQUIRE_OK(record);
    REQUIRE(record->has_value());
    CHECK((*record)->status == DeliveryStatus::failed);
    CHECK_THAT((*record)->last_error.value_or(""), Catch::Contains("not at fault"));

    // A real failure starts the span; an hour later, one more message not rendered would have made
    // it long enough, but it says nothing of the receiver: the endpoint stays enabled.
    span.settle(both[1], ChannelOutcome::retryable(503, "Service Unavailable"));
    CHECK(span.endpoint(span.failing.id).failing_since == first);
    span.later(hours(1));
    const auto retried = span.claim();
    REQUIRE(retried.size() == 1);
    CHECK_FALSE(span.settle(retried[0], unrendered).disabled);
    CHECK(span.endpoint(span.failing.id).enabled);
    CHECK(span.endpoint(span.failing.id).failing_since == first);
    CHECK(count_rows(url, "outbox", "template = '" + notice + "'") == 0);
    CHECK_THAT(span.registry.render(), !Catch::Contains("seminarflow_endpoints_disabled_total{"));
}

}  // namespace seminarflow
