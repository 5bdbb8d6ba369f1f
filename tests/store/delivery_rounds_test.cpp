// Store::run_delivery_round: a dispatcher round (hand over, claim, and when it was not full, the
// next due time) as one transaction, on both backends.
#include <catch2/catch.hpp>

#include <algorithm>

#include "tests/store/backends.hpp"
#include "tests/store/delivery_fixtures.hpp"
#include "tests/store/store_fixtures.hpp"

using seminarflow::test::PostgresqlBackend;
using seminarflow::test::SqliteBackend;

namespace seminarflow {
namespace {

using Catch::Matchers::Contains;
using test::count_rows;
using test::time_at;

DeliveryRoundRequest round_at_eight(std::size_t hand_over, std::size_t claim) {
    return {.owner = "node-a",
            .now = time_at("2026-11-30T08:00:00Z"),
            .lease_until = time_at("2026-11-30T08:01:00Z"),
            .hand_over = hand_over,
            .claim = claim};
}

}  // namespace

TEMPLATE_TEST_CASE("a delivery round claims what it has just handed over and says when the next is due",
                   "[store][deliveries][rounds]", SqliteBackend, PostgresqlBackend) {
    TestType database;
    const DatabaseUrl& url = database.url();
    const auto store = test::migrated_store(url);
    const Endpoint endpoint = test::webhook_endpoint("receiver", {}, 2);  // two at once
    STORE_REQUIRE_OK(store->add_endpoint(endpoint));
    const auto notifications = test::seminar_notifications(*store, {"seminar.planned", "seminar.updated", "seminar.reminder"});
    test::CountingIds ids;

    auto round = store->run_delivery_round(round_at_eight(10, 10), ids);
    STORE_REQUIRE_OK(round);
    CHECK(round->handed == 3);
    REQUIRE(round->claimed.size() == 2);  // the endpoint's limit
    // The first two made, with their notifications, each on its first try.
    CHECK(round->claimed[0].id == "d-0001");
    CHECK(round->claimed[1].id == "d-0002");
    for (const Delivery& delivery : round->claimed) {
        CHECK(std::find(notifications.begin(), notifications.end(), delivery.notification.id) != notifications.end());
        CHECK(delivery.attempt == 1);
        CHECK(delivery.endpoint.id == endpoint.id);
    }
    CHECK(round->claimed[0].notification.id != round->claimed[1].notification.id);
    // Neither limit was reached: the third delivery, due but held back, is the next due.
    CHECK_FALSE(round->full);
    CHECK(round->next_due == time_at("2026-11-30T08:00:00Z"));
    CHECK(count_rows(url, "outbox", "status = 'delivered'") == 3);
    CHECK(count_rows(url, "deliveries", "lease_owner = 'node-a' AND attempts = 1") == 2);
    CHECK(count_rows(url, "deliveries", "lease_owner IS NULL AND attempts = 0") == 1);
}

TEMPLATE_TEST_CASE("a full delivery round leaves the next due time unread",
                   "[store][deliveries][rounds]", SqliteBackend, PostgresqlBackend) {
    TestType database;
    const DatabaseUrl& url = database.url();
    const auto store = test::migrated_store(url);
    STORE_REQUIRE_OK(store->add_endpoint(test::webhook_endpoint("receiver", {}, 10)));
    test::seminar_notifications(*store, {"seminar.planned", "seminar.updated", "seminar.reminder"});
    test::CountingIds ids;

    // Two of the three notifications: as many as it could hand over.
    auto first = store->run_delivery_round(round_at_eight(2, 10), ids);
    STORE_REQUIRE_OK(first);
    CHECK(first->handed == 2);
    CHECK(first->claimed.size() == 2);
    CHECK(first->full);
    CHECK_FALSE(first->next_due.has_value());

    // One delivery of the three left to claim: as many as it could claim.
    auto second = store->run_delivery_round(round_at_eight(2, 1), ids);
    STORE_REQUIRE_OK(second);
    CHECK(second->handed == 1);
    CHECK(second->claimed.size() == 1);
    CHECK(second->full);
    CHECK_FALSE(second->next_due.has_value());

    // Nothing left: not full, and nothing pending is due but the leased ones.
    auto third = store->run_delivery_round(round_at_eight(2, 1), ids);
    STORE_REQUIRE_OK(third);
    CHECK(third->handed == 0);
    CHECK(third->claimed.empty());
    CHECK_FALSE(third->full);
    CHECK(third->next_due == time_at("2026-11-30T08:00:00Z"));
    CHECK(count_rows(url, "deliveries", "lease_owner = 'node-a'") == 3);
}

TEMPLATE_TEST_CASE("a delivery round whose claim fails hands nothing over either",
                   "[store][deliveries][rounds]", SqliteBackend, PostgresqlBackend) {
    TestType database;
    const DatabaseUrl& url = database.url();
    const auto store = test::migrated_store(url);
    STORE_REQUIRE_OK(store->add_endpoint(test::webhook_endpoint("receiver", {}, 10)));
    test::CountingIds ids;
    // A delivery whose notification the outbox lost, as only a broken database loses one: the
    // claim that takes it fails.
    const auto lost = test::seminar_notifications(*store, {"seminar.planned"});
    REQUIRE(store->fan_out_notifications(time_at("2026-11-30T07:59:00Z"), 10, ids).value() == 1);
    test::run_past_foreign_keys(url, "DELETE FROM outbox WHERE id = '" + lost[0] + "'");
    const auto waiting = test::seminar_notifications(*store, {"seminar.updated"});

    auto round = store->run_delivery_round(round_at_eight(10, 10), ids);
    REQUIRE_FALSE(round.ok());
    CHECK_THAT(round.error().message, Contains("run_delivery_round"));
    CHECK_THAT(round.error().message, Contains("names notification " + lost[0] + ", which the outbox does not hold"));
    // The hand-over before the claim is rolled back with it: the notification waits, undelivered.
    CHECK(count_rows(url, "outbox", "id = '" + waiting[0] + "' AND status = 'pending'") == 1);
    CHECK(count_rows(url, "deliveries") == 1);
    CHECK(count_rows(url, "deliveries", "lease_owner IS NULL AND attempts = 0") == 1);
}

}  // namespace seminarflow
