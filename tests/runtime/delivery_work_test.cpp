// The dispatcher's steps over the real store on both backends, with the clock set by the test and
// the channel's answers given as values: a seminar's stage change reaches its endpoint, failures
// retry on the schedule and die, Retry-After and 410 are obeyed, and a dead node's send is taken
// over when its lease runs out.
#include <catch2/catch.hpp>

#include "engine/runtime/delivery_work.hpp"
#include "tests/runtime/engine_fixture.hpp"
#include "tests/store/backends.hpp"
#include "tests/store/delivery_fixtures.hpp"
#include "tests/store/store_fixtures.hpp"

using seminarflow::test::PostgresqlBackend;
using seminarflow::test::SqliteBackend;

namespace seminarflow {
namespace {

using std::chrono::seconds;
using test::count_rows;
using test::organiser_event;
using test::plan_payload;

template <class Backend>
std::string planned_seminar(test::Engine<Backend>& engine) {
    const std::string id = engine.seminar("Tọa đàm khối doanh nghiệp lần thứ 3");
    engine.apply(id, organiser_event("plan", plan_payload()));
    return id;
}

template <class Backend>
DeliveryWork work_for(test::Engine<Backend>& engine, SociStore& store, std::string owner) {
    return DeliveryWork(store, engine.clock, engine.ids, DeliveryOptions{.owner = std::move(owner)}, [] { return 0.5; });
}

std::vector<Delivery> claim(DeliveryWork& work, std::size_t most = 10) {
    auto claimed = work.claim(most);
    STORE_REQUIRE_OK(claimed);
    return std::move(claimed).value();
}

SettledAttempt settle(DeliveryWork& work, const Delivery& delivery, const ChannelOutcome& outcome) {
    auto settled = work.settle(delivery, outcome, work.clock().now(), Duration(0));
    STORE_REQUIRE_OK(settled);
    return *settled;
}

}  // namespace

TEMPLATE_TEST_CASE("a seminar's stage change becomes a delivery to the endpoint that wants it, and is delivered",
                   "[runtime][deliveries]", SqliteBackend, PostgresqlBackend) {
    test::Engine<TestType> engine;
    const DatabaseUrl& url = engine.database.url();
    const Endpoint endpoint = test::webhook_endpoint("committee", {"seminar.planned"});
    STORE_REQUIRE_OK(engine.store->add_endpoint(endpoint));
    const std::string seminar = planned_seminar(engine);
    DeliveryWork work = work_for(engine, *engine.store, "node-a");

    auto handed = work.fan_out();
    STORE_REQUIRE_OK(handed);
    CHECK(*handed >= 1);
    const auto claimed = claim(work);
    REQUIRE(claimed.size() == 1);
    const Delivery& delivery = claimed[0];
    CHECK(delivery.attempt == 1);
    CHECK(delivery.endpoint.id == endpoint.id);
    CHECK(delivery.notification.template_name == "seminar.planned");
    CHECK(delivery.notification.instance_id == seminar);
    CHECK(delivery.notification.payload.at("to") == "planned");
    CHECK(delivery.notification.payload.at("data").at("venue") == "Hội trường Liên đoàn Lao động tỉnh");

    const SettledAttempt settled = settle(work, delivery, ChannelOutcome::success(200));
    CHECK(settled.recorded);
    CHECK(settled.verdict.settlement.status == DeliveryStatus::delivered);
    CHECK(count_rows(url, "deliveries", "status = 'delivered' AND attempts = 1 AND last_status_code = 200") == 1);
    CHECK(count_rows(url, "delivery_attempts", "outcome = 'success' AND node = 'node-a'") == 1);
    CHECK(claim(work).empty());
}

TEMPLATE_TEST_CASE("a failing receiver is tried again on its schedule, never early, then dead-lettered",
                   "[runtime][deliveries]", SqliteBackend, PostgresqlBackend) {
    test::Engine<TestType> engine;
    const DatabaseUrl& url = engine.database.url();
    Endpoint endpoint = test::webhook_endpoint("flaky", {"seminar.planned"});
    endpoint.retry_schedule = std::vector<Duration>{seconds(10), seconds(60)};
    STORE_REQUIRE_OK(engine.store->add_endpoint(endpoint));
    planned_seminar(engine);
    DeliveryWork work = work_for(engine, *engine.store, "node-a");
    REQUIRE(work.fan_out().ok());

    const Time start = engine.clock.now();
    for (const auto& [attempt, wait] : std::vector<std::pair<int, Duration>>{{1, seconds(10)}, {2, seconds(60)}}) {
        CAPTURE(attempt);
        const auto claimed = claim(work);
        REQUIRE(claimed.size() == 1);
        CHECK(claimed[0].attempt == attempt);
        const SettledAttempt settled = settle(work, claimed[0], ChannelOutcome::retryable(500, "Internal Server Error"));
        CHECK(settled.verdict.settlement.status == DeliveryStatus::pending);
        // Not a millisecond early (the jitter draw is 0.5: the delay as scheduled) ...
        engine.clock.set(engine.clock.now() + wait - Duration(1));
        CHECK(claim(work).empty());
        // ... and due at the delay.
        engine.clock.set(engine.clock.now() + Duration(1));
    }
    CHECK(engine.clock.now() == start + seconds(70));
    const auto last = claim(work);
    REQUIRE(last.size() == 1);
    CHECK(last[0].attempt == 3);
    CHECK(settle(work, last[0], ChannelOutcome::retryable(std::nullopt, "timed out")).verdict.settlement.status ==
          DeliveryStatus::dead);
    CHECK(count_rows(url, "deliveries", "status = 'dead' AND attempts = 3 AND last_error = 'timed out'") == 1);
    CHECK(count_rows(url, "delivery_attempts", "outcome = 'retry'") == 3);
    engine.clock.set(engine.clock.now() + std::chrono::hours(48));
    CHECK(claim(work).empty());
    CHECK_FALSE(engine.store->next_delivery_due().value());
}

TEMPLATE_TEST_CASE("a receiver's Retry-After sets the next try, and its 410 disables the endpoint",
                   "[runtime][deliveries]", SqliteBackend, PostgresqlBackend) {
    test::Engine<TestType> engine;
    const DatabaseUrl& url = engine.database.url();
    const Endpoint endpoint = test::webhook_endpoint("busy");
    STORE_REQUIRE_OK(engine.store->add_endpoint(endpoint));
    planned_seminar(engine);
    planned_seminar(engine);
    DeliveryWork work = work_for(engine, *engine.store, "node-a");
    REQUIRE(work.fan_out().ok());
    auto claimed = claim(work, 1);
    REQUIRE(claimed.size() == 1);

    settle(work, claimed[0], ChannelOutcome::retry_later(seconds(90), 429, "Too Many Requests"));
    const Time asked = engine.clock.now() + seconds(90);
    const auto others = claim(work);  // the other seminars' notifications, not the one told to wait
    for (const Delivery& other : others) CHECK(other.id != claimed[0].id);
    engine.clock.set(asked - Duration(1));
    for (const Delivery& delivery : claim(work)) CHECK(delivery.id != claimed[0].id);
    engine.clock.set(asked + Duration(60'000));  // past the others' leases too

    auto retried = claim(work);
    const auto again = std::find_if(retried.begin(), retried.end(), [&](const Delivery& d) { return d.id == claimed[0].id; });
    REQUIRE(again != retried.end());
    CHECK(again->attempt == 2);
    settle(work, *again, ChannelOutcome::disable(410, "Gone"));
    CHECK(count_rows(url, "endpoints", "status = 'disabled' AND disabled_reason = '410: Gone'") == 1);
    CHECK(count_rows(url, "deliveries", "id = '" + again->id + "' AND status = 'failed'") == 1);
    // Its other deliveries wait for an operator: none is claimed any more.
    engine.clock.set(engine.clock.now() + std::chrono::hours(1));
    CHECK(claim(work).empty());
    CHECK(count_rows(url, "deliveries", "status = 'pending'") >= 1);
}

TEMPLATE_TEST_CASE("a node that dies mid-send loses nothing: another sends again once the lease ran out",
                   "[runtime][deliveries]", SqliteBackend, PostgresqlBackend) {
    test::Engine<TestType> engine;
    const DatabaseUrl& url = engine.database.url();
    STORE_REQUIRE_OK(engine.store->add_endpoint(test::webhook_endpoint("receiver", {"seminar.planned"})));
    planned_seminar(engine);
    auto other = engine.node();
    DeliveryWork dying = work_for(engine, *engine.store, "node-a");
    DeliveryWork survivor = work_for(engine, *other->store, "node-b");
    REQUIRE(dying.fan_out().ok());
    const auto taken = claim(dying);
    REQUIRE(taken.size() == 1);

    CHECK(claim(survivor).empty());  // held while node-a's lease lasts
    engine.clock.set(engine.clock.now() + dying.options().lease + Duration(1));
    const auto retaken = claim(survivor);
    REQUIRE(retaken.size() == 1);
    CHECK(retaken[0].id == taken[0].id);  // the same webhook-id: receivers dedupe on it
    CHECK(retaken[0].attempt == 2);
    CHECK(settle(survivor, retaken[0], ChannelOutcome::success(200)).recorded);
    // node-a was only slow, not dead: its late answer changes nothing.
    CHECK_FALSE(settle(dying, taken[0], ChannelOutcome::retryable(502, "Bad Gateway")).recorded);
    CHECK(count_rows(url, "deliveries", "status = 'delivered'") == 1);
    CHECK(count_rows(url, "delivery_attempts") == 1);
}

}  // namespace seminarflow
