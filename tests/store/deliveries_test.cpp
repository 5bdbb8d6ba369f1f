// Store::fan_out_notifications, claim_due_deliveries, record_attempt and next_delivery_due: how
// the dispatcher takes notifications to endpoints under leases, on both backends.
#include <catch2/catch.hpp>

#include <set>

#include "tests/store/backends.hpp"
#include "tests/store/delivery_fixtures.hpp"
#include "tests/store/store_fixtures.hpp"

using seminarflow::test::PostgresqlBackend;
using seminarflow::test::SqliteBackend;

namespace seminarflow {
namespace {

using test::count_rows;
using test::time_at;

std::set<std::string> ids_of(const std::vector<Delivery>& deliveries) {
    std::set<std::string> ids;
    for (const Delivery& delivery : deliveries) ids.insert(delivery.id);
    return ids;
}

DeliveryAttempt attempt_of(const Delivery& delivery, std::optional<int> status, AttemptOutcome outcome,
                           const std::string& at = "2026-11-30T08:00:00Z") {
    return {.delivery_id = delivery.id,
            .attempt = delivery.attempt,
            .started_at = time_at(at),
            .latency = std::chrono::milliseconds(42),
            .status_code = status,
            .outcome = outcome,
            .response_excerpt = "Lỗi máy chủ",
            .error = status ? std::nullopt : std::optional<std::string>("connection refused")};
}

// One endpoint (ten sends at once) with four deliveries fanned out to it, due at 08:00.
void four_deliveries_due_at_eight(SociStore& store) {
    STORE_REQUIRE_OK(store.add_endpoint(test::webhook_endpoint("receiver", {}, 10)));
    test::seminar_notifications(store, {"a", "b", "c", "d"});
    test::CountingIds ids;
    REQUIRE(store.fan_out_notifications(time_at("2026-11-30T08:00:00Z"), 10, ids).value() == 4);
}

}  // namespace

TEMPLATE_TEST_CASE("a notification fans out once to each enabled endpoint that wants its type",
                   "[store][deliveries]", SqliteBackend, PostgresqlBackend) {
    TestType database;
    const DatabaseUrl& url = database.url();
    const auto store = test::migrated_store(url);
    const Endpoint all = test::webhook_endpoint("all");
    const Endpoint cancellations = test::webhook_endpoint("cancellations", {"seminar.cancelled"});
    Endpoint disabled = test::webhook_endpoint("disabled");
    disabled.enabled = false;
    disabled.disabled_reason = "operator";
    for (const Endpoint& endpoint : {all, cancellations, disabled}) STORE_REQUIRE_OK(store->add_endpoint(endpoint));
    const auto notifications = test::seminar_notifications(*store, {"seminar.planned", "seminar.cancelled"});

    test::CountingIds ids;
    const Time now = time_at("2026-11-30T07:00:01Z");
    auto handed = store->fan_out_notifications(now, 10, ids);
    STORE_REQUIRE_OK(handed);
    CHECK(*handed == 2);
    CHECK(count_rows(url, "deliveries") == 3);
    CHECK(count_rows(url, "deliveries", "endpoint_id = '" + all.id + "'") == 2);
    CHECK(count_rows(url, "deliveries", "endpoint_id = '" + cancellations.id + "' AND notification_id = '" +
                                            notifications[1] + "'") == 1);
    CHECK(count_rows(url, "deliveries", "endpoint_id = '" + disabled.id + "'") == 0);
    CHECK(count_rows(url, "deliveries", "status = 'pending' AND attempts = 0 AND lease_owner IS NULL"
                                        " AND next_attempt_at = '2026-11-30T07:00:01.000Z'") == 3);
    CHECK(count_rows(url, "outbox", "status = 'delivered' AND delivered_at = '2026-11-30T07:00:01.000Z'") == 2);

    // Handed over once: nothing the second time, and a notification no endpoint wants is done too.
    CHECK(store->fan_out_notifications(now, 10, ids).value() == 0);
    test::seminar_notifications(*store, {"seminar.reminder_unwanted"});
    STORE_REQUIRE_OK(store->remove_endpoint(all.id));
    CHECK(store->fan_out_notifications(now, 10, ids).value() == 1);
    CHECK(count_rows(url, "outbox", "status = 'pending'") == 0);
    CHECK(count_rows(url, "deliveries") == 1);
}

TEMPLATE_TEST_CASE("fanning out takes the oldest notifications first, at most as many as asked",
                   "[store][deliveries]", SqliteBackend, PostgresqlBackend) {
    TestType database;
    const DatabaseUrl& url = database.url();
    const auto store = test::migrated_store(url);
    STORE_REQUIRE_OK(store->add_endpoint(test::webhook_endpoint("all")));
    const auto late = test::seminar_notifications(*store, {"seminar.planned"}, "2026-11-30T09:00:00Z");
    const auto early = test::seminar_notifications(*store, {"seminar.planned"}, "2026-11-30T08:00:00Z");
    test::CountingIds ids;
    CHECK(store->fan_out_notifications(time_at("2026-11-30T10:00:00Z"), 0, ids).value() == 0);
    CHECK(store->fan_out_notifications(time_at("2026-11-30T10:00:00Z"), 1, ids).value() == 1);
    CHECK(count_rows(url, "deliveries", "notification_id = '" + early[0] + "'") == 1);
    CHECK(count_rows(url, "outbox", "status = 'pending' AND id = '" + late[0] + "'") == 1);
}

TEMPLATE_TEST_CASE("a due delivery is claimed with its notification and endpoint, and again when its lease ran out",
                   "[store][deliveries]", SqliteBackend, PostgresqlBackend) {
    TestType database;
    const DatabaseUrl& url = database.url();
    const auto store = test::migrated_store(url);
    const Endpoint endpoint = test::webhook_endpoint("receiver");
    STORE_REQUIRE_OK(store->add_endpoint(endpoint));
    const auto notifications = test::seminar_notifications(*store, {"seminar.planned"});
    test::CountingIds ids;
    REQUIRE(store->fan_out_notifications(time_at("2026-11-30T08:00:00Z"), 10, ids).value() == 1);

    CHECK(store->claim_due_deliveries("node-a", time_at("2026-11-30T07:59:59.999Z"), time_at("2026-11-30T08:01:00Z"), 10)
              .value()
              .empty());
    CHECK(store->next_delivery_due().value() == std::optional<Time>(time_at("2026-11-30T08:00:00Z")));
    auto claimed = store->claim_due_deliveries("node-a", time_at("2026-11-30T08:00:00Z"), time_at("2026-11-30T08:01:00Z"), 10);
    STORE_REQUIRE_OK(claimed);
    REQUIRE(claimed->size() == 1);
    const Delivery& delivery = (*claimed)[0];
    CHECK(delivery.id == "d-0001");
    CHECK(delivery.attempt == 1);
    CHECK(delivery.created_at == time_at("2026-11-30T08:00:00Z"));
    CHECK(delivery.notification.id == notifications[0]);
    CHECK(delivery.notification.template_name == "seminar.planned");
    CHECK(delivery.notification.audience == std::vector<std::string>{"chair"});
    CHECK(delivery.notification.payload.at("to") == "planned");
    CHECK(delivery.notification.created_at == time_at("2026-11-30T07:00:00Z"));
    CHECK(delivery.endpoint.id == endpoint.id);
    CHECK(delivery.endpoint.secrets == endpoint.secrets);

    // Held up to the lease's last instant; then another node takes it over, as its second attempt.
    CHECK(store->claim_due_deliveries("node-b", time_at("2026-11-30T08:01:00Z"), time_at("2026-11-30T08:02:00Z"), 10)
              .value()
              .empty());
    auto again = store->claim_due_deliveries("node-b", time_at("2026-11-30T08:01:00.001Z"),
                                             time_at("2026-11-30T08:02:00Z"), 10);
    STORE_REQUIRE_OK(again);
    REQUIRE(again->size() == 1);
    CHECK((*again)[0].attempt == 2);
    CHECK(count_rows(url, "deliveries", "lease_owner = 'node-b' AND attempts = 2") == 1);

    // node-a comes back and reports its try: too late, nothing is written.
    auto late = store->record_attempt("node-a", attempt_of(delivery, 200, AttemptOutcome::success),
                                      {DeliveryStatus::delivered, {}, {}});
    STORE_REQUIRE_OK(late);
    CHECK_FALSE(*late);
    CHECK(count_rows(url, "delivery_attempts") == 0);
    CHECK(count_rows(url, "deliveries", "status = 'pending'") == 1);
}

TEMPLATE_TEST_CASE("an endpoint never has more deliveries in flight than its limit, and others are not held up",
                   "[store][deliveries]", SqliteBackend, PostgresqlBackend) {
    TestType database;
    const DatabaseUrl& url = database.url();
    const auto store = test::migrated_store(url);
    const Endpoint slow = test::webhook_endpoint("slow", {"seminar.planned"}, 2);
    const Endpoint fast = test::webhook_endpoint("fast", {"seminar.cancelled"}, 10);
    STORE_REQUIRE_OK(store->add_endpoint(slow));
    STORE_REQUIRE_OK(store->add_endpoint(fast));
    test::seminar_notifications(*store, {"seminar.planned", "seminar.planned", "seminar.planned", "seminar.planned"},
                                "2026-11-30T06:00:00Z");
    test::seminar_notifications(*store, {"seminar.cancelled", "seminar.cancelled", "seminar.cancelled"});
    test::CountingIds ids;
    REQUIRE(store->fan_out_notifications(time_at("2026-11-30T08:00:00Z"), 10, ids).value() == 7);

    const Time now = time_at("2026-11-30T08:00:00Z");
    const Time lease = time_at("2026-11-30T08:01:00Z");
    auto first = store->claim_due_deliveries("node-a", now, lease, 100);
    STORE_REQUIRE_OK(first);
    CHECK(first->size() == 5);
    CHECK(count_rows(url, "deliveries", "lease_owner = 'node-a' AND endpoint_id = '" + slow.id + "'") == 2);
    CHECK(count_rows(url, "deliveries", "lease_owner = 'node-a' AND endpoint_id = '" + fast.id + "'") == 3);

    // The slow endpoint's two are still in flight (any node's leases count): nothing more for it.
    CHECK(store->claim_due_deliveries("node-b", now, lease, 100).value().empty());
    const Delivery& done = *std::find_if(first->begin(), first->end(),
                                         [&](const Delivery& d) { return d.endpoint.id == slow.id; });
    REQUIRE(store->record_attempt("node-a", attempt_of(done, 204, AttemptOutcome::success),
                                  {DeliveryStatus::delivered, {}, {}})
                .value());
    auto next = store->claim_due_deliveries("node-b", now, lease, 100);
    STORE_REQUIRE_OK(next);
    REQUIRE(next->size() == 1);
    CHECK((*next)[0].endpoint.id == slow.id);
    // A lease that ran out no longer counts against the limit.
    CHECK(store->claim_due_deliveries("node-c", time_at("2026-11-30T08:01:00.001Z"), time_at("2026-11-30T08:02:00Z"), 100)
              .value()
              .size() == 5);
}

TEMPLATE_TEST_CASE("a recorded attempt reschedules, finishes, dead-letters or disables, with its details kept",
                   "[store][deliveries]", SqliteBackend, PostgresqlBackend) {
    TestType database;
    const DatabaseUrl& url = database.url();
    const auto store = test::migrated_store(url);
    four_deliveries_due_at_eight(*store);
    auto claimed = store->claim_due_deliveries("node-a", time_at("2026-11-30T08:00:00Z"), time_at("2026-11-30T08:01:00Z"), 10);
    STORE_REQUIRE_OK(claimed);
    REQUIRE(claimed->size() == 4);
    const auto& d = *claimed;

    const Time retry_at = time_at("2026-11-30T08:05:00Z");
    CHECK(store->record_attempt("node-a", attempt_of(d[0], 503, AttemptOutcome::retry), {DeliveryStatus::pending, retry_at, {}})
              .value());
    CHECK(store->record_attempt("node-a", attempt_of(d[1], 200, AttemptOutcome::success), {DeliveryStatus::delivered, {}, {}})
              .value());
    CHECK(store->record_attempt("node-a", attempt_of(d[2], std::nullopt, AttemptOutcome::retry), {DeliveryStatus::dead, {}, {}})
              .value());
    CHECK(store->record_attempt("node-a", attempt_of(d[3], 410, AttemptOutcome::disable),
                                {DeliveryStatus::failed, {}, std::string("410 Gone: the receiver is gone")})
              .value());

    CHECK(count_rows(url, "deliveries", "id = '" + d[0].id + "' AND status = 'pending' AND lease_owner IS NULL"
                                        " AND next_attempt_at = '2026-11-30T08:05:00.000Z' AND last_status_code = 503"
                                        " AND finished_at IS NULL") == 1);
    CHECK(count_rows(url, "deliveries", "id = '" + d[1].id + "' AND status = 'delivered'"
                                        " AND finished_at = '2026-11-30T08:00:00.042Z'") == 1);
    CHECK(count_rows(url, "deliveries", "id = '" + d[2].id + "' AND status = 'dead' AND last_status_code IS NULL"
                                        " AND last_error = 'connection refused'") == 1);
    CHECK(count_rows(url, "deliveries", "id = '" + d[3].id + "' AND status = 'failed'") == 1);
    CHECK(count_rows(url, "delivery_attempts") == 4);
    CHECK(count_rows(url, "delivery_attempts", "delivery_id = '" + d[0].id + "' AND attempt = 1 AND latency_ms = 42"
                                               " AND status_code = 503 AND outcome = 'retry' AND node = 'node-a'"
                                               " AND response_excerpt = 'Lỗi máy chủ' AND error IS NULL") == 1);
    CHECK(count_rows(url, "endpoints", "status = 'disabled' AND disabled_reason = '410 Gone: the receiver is gone'") == 1);

    // A disabled endpoint's pending deliveries wait: not claimed, not due.
    CHECK(store->claim_due_deliveries("node-a", retry_at, time_at("2026-11-30T08:06:00Z"), 10).value().empty());
    CHECK_FALSE(store->next_delivery_due().value());
    // A delivery settled once is not settled again.
    CHECK_FALSE(store->record_attempt("node-a", attempt_of(d[1], 200, AttemptOutcome::success),
                                      {DeliveryStatus::delivered, {}, {}})
                    .value());
}

TEMPLATE_TEST_CASE("tries recorded together are each recorded as if alone, in order, in one transaction",
                   "[store][deliveries]", SqliteBackend, PostgresqlBackend) {
    TestType database;
    const DatabaseUrl& url = database.url();
    const auto store = test::migrated_store(url);
    four_deliveries_due_at_eight(*store);
    auto claimed = store->claim_due_deliveries("node-a", time_at("2026-11-30T08:00:00Z"), time_at("2026-11-30T08:01:00Z"), 3);
    STORE_REQUIRE_OK(claimed);
    REQUIRE(claimed->size() == 3);
    const auto& d = *claimed;
    // The fourth is node-b's: node-a's try at it records nothing, and the others still count.
    auto others = store->claim_due_deliveries("node-b", time_at("2026-11-30T08:00:00Z"), time_at("2026-11-30T08:01:00Z"), 1);
    REQUIRE(others.value().size() == 1);

    const Time retry_at = time_at("2026-11-30T08:05:00Z");
    auto recorded = store->record_attempts(
        "node-a", {{attempt_of(d[0], 503, AttemptOutcome::retry, "2026-11-30T08:00:01Z"), {DeliveryStatus::pending, retry_at, {}}},
                   {attempt_of((*others)[0], 200, AttemptOutcome::success), {DeliveryStatus::delivered, {}, {}}},
                   {attempt_of(d[1], 200, AttemptOutcome::success, "2026-11-30T08:00:02Z"), {DeliveryStatus::delivered, {}, {}}},
                   {attempt_of(d[2], 500, AttemptOutcome::retry, "2026-11-30T08:00:03Z"), {DeliveryStatus::pending, retry_at, {}}},
                   // The same delivery twice: its first try settles it, so the second finds it taken.
                   {attempt_of(d[1], 200, AttemptOutcome::success), {DeliveryStatus::delivered, {}, {}}}});
    STORE_REQUIRE_OK(recorded);
    REQUIRE(recorded->size() == 5);
    CHECK((*recorded)[0].recorded);
    CHECK_FALSE((*recorded)[1].recorded);
    CHECK((*recorded)[2].recorded);
    CHECK((*recorded)[3].recorded);
    CHECK_FALSE((*recorded)[4].recorded);
    CHECK(count_rows(url, "delivery_attempts") == 3);
    CHECK(count_rows(url, "delivery_attempts", "node = 'node-a'") == 3);
    CHECK(count_rows(url, "deliveries", "id = '" + (*others)[0].id + "' AND lease_owner = 'node-b' AND attempts = 1") == 1);
    CHECK(count_rows(url, "deliveries", "id = '" + d[1].id + "' AND status = 'delivered'") == 1);
    // In order: the failure span the first try started ended at the second, and the third began
    // another, at its own start.
    CHECK(count_rows(url, "endpoints", "failing_since = '2026-11-30T08:00:03.000Z'") == 1);
}

TEMPLATE_TEST_CASE("a node shutting down lets go of the deliveries it holds", "[store][deliveries][leases]",
                   SqliteBackend, PostgresqlBackend) {
    TestType database;
    const DatabaseUrl& url = database.url();
    const auto store = test::migrated_store(url);
    STORE_REQUIRE_OK(store->add_endpoint(test::webhook_endpoint("receiver")));
    test::seminar_notifications(*store, {"a", "b"});
    test::CountingIds ids;
    REQUIRE(store->fan_out_notifications(time_at("2026-11-30T08:00:00Z"), 10, ids).value() == 2);
    const Time now = time_at("2026-11-30T08:00:00Z");
    REQUIRE(store->claim_due_deliveries("node-a", now, time_at("2026-11-30T09:00:00Z"), 10).value().size() == 2);
    CHECK(store->release_leases("node-a").value() == 2);
    CHECK(count_rows(url, "deliveries", "lease_owner IS NULL AND attempts = 1") == 2);
    CHECK(ids_of(store->claim_due_deliveries("node-b", now, time_at("2026-11-30T09:00:00Z"), 10).value()) ==
          std::set<std::string>{"d-0001", "d-0002"});
}

TEMPLATE_TEST_CASE("a claim takes no more of a channel's deliveries than the room the claimer gives it",
                   "[store][deliveries][channel-room]", SqliteBackend, PostgresqlBackend) {
    TestType database;
    const DatabaseUrl& url = database.url();
    const auto store = test::migrated_store(url);
    // Two endpoints of one channel share its room; the webhook has none named and takes all.
    Endpoint first = test::webhook_endpoint("first", {}, 10);
    first.channel = "slack";
    first.secrets = {};
    Endpoint second = first;
    second.id = test::new_uuid();
    second.url = "http://127.0.0.1/second";
    const Endpoint webhook = test::webhook_endpoint("webhook", {}, 10);
    for (const Endpoint& endpoint : {first, second, webhook}) STORE_REQUIRE_OK(store->add_endpoint(endpoint));
    test::seminar_notifications(*store, {"a", "b", "c"});
    test::CountingIds ids;
    REQUIRE(store->fan_out_notifications(time_at("2026-11-30T08:00:00Z"), 10, ids).value() == 3);
    const Time now = time_at("2026-11-30T08:00:00Z");
    const Time lease = time_at("2026-11-30T08:01:00Z");

    auto claimed = store->claim_due_deliveries("node-a", now, lease, 100, ChannelRoom{{"slack", 2}});
    STORE_REQUIRE_OK(claimed);
    std::size_t slack = 0;
    for (const Delivery& delivery : *claimed) slack += delivery.endpoint.channel == "slack" ? 1 : 0;
    CHECK(slack == 2);
    CHECK(claimed->size() == 5);
    CHECK(count_rows(url, "deliveries", "lease_owner IS NULL AND attempts = 0") == 4);

    // No room left: the channel's deliveries stay unleased, for this node's next round or another node.
    CHECK(store->claim_due_deliveries("node-a", now, lease, 100, ChannelRoom{{"slack", 0}}).value().empty());
    CHECK(count_rows(url, "deliveries", "lease_owner IS NULL AND attempts = 0") == 4);
    // Room again, as sends finish: the rest, no more than it.
    CHECK(store->claim_due_deliveries("node-a", now, lease, 100, ChannelRoom{{"slack", 3}}).value().size() == 3);
    CHECK(store->claim_due_deliveries("node-a", now, lease, 100).value().size() == 1);
}

}  // namespace seminarflow
