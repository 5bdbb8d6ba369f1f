// Store::list_deliveries, find_delivery, list_attempts, retry_delivery, replay_deliveries,
// set_endpoint_status, find_endpoint, set_endpoint_secrets and the answers operators' requests keep:
// what an operator sees of deliveries and endpoints and how failed and dead ones are sent again,
// on both backends.
#include <catch2/catch.hpp>

#include "tests/store/backends.hpp"
#include "tests/store/delivery_fixtures.hpp"
#include "tests/store/store_fixtures.hpp"

using seminarflow::test::PostgresqlBackend;
using seminarflow::test::SqliteBackend;

namespace seminarflow {
namespace {

using test::count_rows;
using test::time_at;

// Four deliveries to one endpoint, made at 08:00, 09:00, 10:00 and 11:00, settled in turn as
// delivered, failed (404), dead (500 on its last try) and left pending.
struct Settled {
    Endpoint endpoint = test::webhook_endpoint("receiver", {}, 10);
    std::vector<Delivery> deliveries;
};

Settled settled_deliveries(SociStore& store) {
    Settled settled;
    STORE_REQUIRE_OK(store.add_endpoint(settled.endpoint));
    test::CountingIds ids;
    for (const char* hour : {"08", "09", "10", "11"}) {
        test::seminar_notifications(store, {"seminar.planned"});
        REQUIRE(store.fan_out_notifications(time_at(std::string("2026-11-30T") + hour + ":00:00Z"), 10, ids).value() == 1);
    }
    auto claimed = store.claim_due_deliveries("node-a", time_at("2026-11-30T12:00:00Z"), time_at("2026-11-30T12:01:00Z"), 10);
    STORE_REQUIRE_OK(claimed);
    REQUIRE(claimed->size() == 4);
    settled.deliveries = *claimed;
    const auto attempt = [&](std::size_t i, std::optional<int> code, AttemptOutcome outcome) {
        return DeliveryAttempt{settled.deliveries[i].id, 1, time_at("2026-11-30T12:00:00Z"), Duration(5), code, outcome,
                               "", std::nullopt};
    };
    REQUIRE(store.record_attempt("node-a", attempt(0, 200, AttemptOutcome::success), {DeliveryStatus::delivered, {}, {}}).value());
    REQUIRE(store.record_attempt("node-a", attempt(1, 404, AttemptOutcome::failure), {DeliveryStatus::failed, {}, {}}).value());
    REQUIRE(store.record_attempt("node-a", attempt(2, 500, AttemptOutcome::retry), {DeliveryStatus::dead, {}, {}}).value());
    return settled;
}

}  // namespace

TEMPLATE_TEST_CASE("deliveries are listed newest first, by status and endpoint, with where they stand",
                   "[store][deliveries][operations]", SqliteBackend, PostgresqlBackend) {
    TestType database;
    const auto store = test::migrated_store(database.url());
    const Settled settled = settled_deliveries(*store);

    auto all = store->list_deliveries({});
    STORE_REQUIRE_OK(all);
    REQUIRE(all->size() == 4);
    CHECK((*all)[0].id == "d-0004");
    CHECK((*all)[3].id == "d-0001");
    const DeliveryRecord& delivered = (*all)[3];
    CHECK(delivered.status == DeliveryStatus::delivered);
    CHECK(delivered.type == "seminar.planned");
    CHECK(delivered.endpoint_id == settled.endpoint.id);
    CHECK(delivered.attempts == 1);
    CHECK(delivered.last_status_code == std::optional<int>(200));
    CHECK(delivered.created_at == time_at("2026-11-30T08:00:00Z"));
    CHECK(delivered.finished_at == std::optional<Time>(time_at("2026-11-30T12:00:00.005Z")));
    const DeliveryRecord& pending = (*all)[0];
    CHECK(pending.status == DeliveryStatus::pending);
    CHECK_FALSE(pending.finished_at);
    CHECK_FALSE(pending.last_status_code);

    auto dead = store->list_deliveries({.status = DeliveryStatus::dead});
    STORE_REQUIRE_OK(dead);
    REQUIRE(dead->size() == 1);
    CHECK((*dead)[0].id == "d-0003");
    CHECK(store->list_deliveries({.endpoint_id = settled.endpoint.id, .limit = 2}).value().size() == 2);
    CHECK(store->list_deliveries({.endpoint_id = test::new_uuid()}).value().empty());
}

TEMPLATE_TEST_CASE("a failed or dead delivery is sent again when an operator says so, and no other",
                   "[store][deliveries][operations]", SqliteBackend, PostgresqlBackend) {
    TestType database;
    const DatabaseUrl& url = database.url();
    const auto store = test::migrated_store(url);
    settled_deliveries(*store);
    const Time now = time_at("2026-11-30T13:00:00Z");

    CHECK(store->retry_delivery("d-0003", now).value());  // dead
    CHECK_FALSE(store->retry_delivery("d-0001", now).value());  // delivered: not again
    CHECK_FALSE(store->retry_delivery("d-0004", now).value());  // pending already
    CHECK_FALSE(store->retry_delivery("d-9999", now).value());
    CHECK(count_rows(url, "deliveries", "id = 'd-0003' AND status = 'pending' AND finished_at IS NULL"
                                        " AND next_attempt_at = '2026-11-30T13:00:00.000Z' AND attempts = 1") == 1);
    auto claimed = store->claim_due_deliveries("node-b", now, time_at("2026-11-30T13:01:00Z"), 10);
    STORE_REQUIRE_OK(claimed);
    // d-0004 is still leased to node-a until 12:01 ... which has passed: both come.
    REQUIRE(claimed->size() == 2);
    for (const Delivery& delivery : *claimed) CHECK(delivery.attempt == 2);
}

TEMPLATE_TEST_CASE("replaying since a time sends again every failed and dead delivery made since",
                   "[store][deliveries][operations]", SqliteBackend, PostgresqlBackend) {
    TestType database;
    const DatabaseUrl& url = database.url();
    const auto store = test::migrated_store(url);
    settled_deliveries(*store);
    const Time now = time_at("2026-11-30T13:00:00Z");

    CHECK(store->replay_deliveries(time_at("2026-11-30T09:30:00Z"), now, std::nullopt).value() == 1);  // the dead one, at 10:00
    CHECK(count_rows(url, "deliveries", "status = 'failed'") == 1);
    CHECK(store->replay_deliveries(time_at("2026-11-30T00:00:00Z"), now, std::nullopt).value() == 1);  // then the failed one
    CHECK(count_rows(url, "deliveries", "status IN ('failed', 'dead')") == 0);
    CHECK(count_rows(url, "deliveries", "status = 'delivered'") == 1);
    CHECK(store->replay_deliveries(time_at("2026-11-30T00:00:00Z"), now, std::nullopt).value() == 0);
}

TEMPLATE_TEST_CASE("an operator disables and enables an endpoint, and its deliveries wait meanwhile",
                   "[store][endpoints][operations]", SqliteBackend, PostgresqlBackend) {
    TestType database;
    const DatabaseUrl& url = database.url();
    const auto store = test::migrated_store(url);
    const Endpoint endpoint = test::webhook_endpoint("receiver");
    STORE_REQUIRE_OK(store->add_endpoint(endpoint));
    test::seminar_notifications(*store, {"seminar.planned"});
    test::CountingIds ids;
    const Time now = time_at("2026-11-30T08:00:00Z");
    REQUIRE(store->fan_out_notifications(now, 10, ids).value() == 1);

    CHECK(store->set_endpoint_status(endpoint.id, std::string("maintenance until Monday"), now).value());
    CHECK(count_rows(url, "endpoints", "status = 'disabled' AND disabled_reason = 'maintenance until Monday'") == 1);
    CHECK(store->claim_due_deliveries("node-a", now, time_at("2026-11-30T08:01:00Z"), 10).value().empty());
    CHECK(store->set_endpoint_status(endpoint.id, std::nullopt, time_at("2026-11-30T09:00:00Z")).value());
    CHECK(count_rows(url, "endpoints", "status = 'enabled' AND disabled_reason IS NULL"
                                       " AND updated_at = '2026-11-30T09:00:00.000Z'") == 1);
    CHECK(store->claim_due_deliveries("node-a", now, time_at("2026-11-30T08:01:00Z"), 10).value().size() == 1);
    CHECK_FALSE(store->set_endpoint_status(test::new_uuid(), std::nullopt, now).value());
}

TEMPLATE_TEST_CASE("deliveries are listed page by page after a position, and one is found with its tries",
                   "[store][deliveries][operations]", SqliteBackend, PostgresqlBackend) {
    TestType database;
    const auto store = test::migrated_store(database.url());
    settled_deliveries(*store);

    auto first = store->list_deliveries({.limit = 2});
    STORE_REQUIRE_OK(first);
    REQUIRE(first->size() == 2);
    CHECK((*first)[1].id == "d-0003");
    const DeliveryPosition after{(*first)[1].created_at, (*first)[1].id};
    auto second = store->list_deliveries({.limit = 2, .after = after});
    STORE_REQUIRE_OK(second);
    REQUIRE(second->size() == 2);
    CHECK((*second)[0].id == "d-0002");
    CHECK((*second)[1].id == "d-0001");
    CHECK(store->list_deliveries({.status = DeliveryStatus::failed, .after = after}).value().size() == 1);
    CHECK(store->list_deliveries({.after = DeliveryPosition{(*second)[1].created_at, "d-0001"}}).value().empty());

    auto dead = store->find_delivery("d-0003");
    STORE_REQUIRE_OK(dead);
    REQUIRE(dead->has_value());
    CHECK((*dead)->status == DeliveryStatus::dead);
    CHECK((*dead)->last_status_code == std::optional<int>(500));
    CHECK((*dead)->type == "seminar.planned");
    CHECK_FALSE(store->find_delivery("d-9999").value().has_value());

    auto tries = store->list_attempts("d-0003");
    STORE_REQUIRE_OK(tries);
    REQUIRE(tries->size() == 1);
    CHECK((*tries)[0].attempt == 1);
    CHECK((*tries)[0].started_at == time_at("2026-11-30T12:00:00Z"));
    CHECK((*tries)[0].latency == Duration(5));
    CHECK((*tries)[0].status_code == std::optional<int>(500));
    CHECK((*tries)[0].outcome == AttemptOutcome::retry);
    CHECK_FALSE((*tries)[0].error.has_value());
    CHECK(store->list_attempts("d-0004").value().empty());  // claimed, never tried to the end
    CHECK(store->list_attempts("d-9999").value().empty());
}

TEMPLATE_TEST_CASE("a replay can be kept to one endpoint's deliveries",
                   "[store][deliveries][operations]", SqliteBackend, PostgresqlBackend) {
    TestType database;
    const DatabaseUrl& url = database.url();
    const auto store = test::migrated_store(url);
    const Settled settled = settled_deliveries(*store);
    const Time now = time_at("2026-11-30T13:00:00Z");
    const Time since = time_at("2026-11-30T00:00:00Z");
    CHECK(store->replay_deliveries(since, now, test::new_uuid()).value() == 0);
    CHECK(count_rows(url, "deliveries", "status IN ('failed', 'dead')") == 2);
    CHECK(store->replay_deliveries(since, now, settled.endpoint.id).value() == 2);
    CHECK(count_rows(url, "deliveries", "status IN ('failed', 'dead')") == 0);
}

TEMPLATE_TEST_CASE("an endpoint is found by its id and its secrets replaced", "[store][endpoints][operations]",
                   SqliteBackend, PostgresqlBackend) {
    TestType database;
    const DatabaseUrl& url = database.url();
    const auto store = test::migrated_store(url);
    const Endpoint endpoint = test::webhook_endpoint("receiver", {"seminar.planned"});
    STORE_REQUIRE_OK(store->add_endpoint(endpoint));

    auto found = store->find_endpoint(endpoint.id);
    STORE_REQUIRE_OK(found);
    REQUIRE(found->has_value());
    CHECK((*found)->url == endpoint.url);
    CHECK((*found)->event_types == endpoint.event_types);
    CHECK_FALSE((*found)->failing_since.has_value());
    CHECK_FALSE(store->find_endpoint(test::new_uuid()).value().has_value());

    const std::vector<std::string> rotated{"whsec_QUJDREVGR0hJSktMTU5PUFFSU1RVVldY", endpoint.secrets.front()};
    CHECK(store->set_endpoint_secrets(endpoint.id, rotated, time_at("2026-11-30T09:00:00Z")).value());
    CHECK(store->find_endpoint(endpoint.id).value()->secrets == rotated);
    CHECK(count_rows(url, "endpoints", "updated_at = '2026-11-30T09:00:00.000Z'") == 1);
    CHECK_FALSE(store->set_endpoint_secrets(test::new_uuid(), rotated, time_at("2026-11-30T09:00:00Z")).value());
}

TEMPLATE_TEST_CASE("an operator's answer is kept once under its key, with the endpoint it made or alone",
                   "[store][endpoints][operations]", SqliteBackend, PostgresqlBackend) {
    TestType database;
    const DatabaseUrl& url = database.url();
    const auto store = test::migrated_store(url);
    const IdempotencyRecord answer{"key-1", "hash-1", std::nullopt, 201, boost::json::object{{"id", "x"}},
                                   time_at("2026-11-30T08:00:00Z")};
    CHECK(store->add_endpoint(test::webhook_endpoint("first"), answer).value());
    // A twin with the same key: neither its endpoint nor its answer is written.
    CHECK_FALSE(store->add_endpoint(test::webhook_endpoint("twin"), answer).value());
    CHECK(count_rows(url, "endpoints", "1 = 1") == 1);
    auto kept = store->find_idempotency("key-1");
    STORE_REQUIRE_OK(kept);
    REQUIRE(kept->has_value());
    CHECK((*kept)->status == 201);
    CHECK_FALSE((*kept)->instance_id.has_value());

    const IdempotencyRecord retry{"key-2", "hash-2", std::nullopt, 202, boost::json::object{{"replayed", 3}},
                                  time_at("2026-11-30T08:00:00Z")};
    CHECK(store->keep_answer(retry).value());
    CHECK_FALSE(store->keep_answer(retry).value());
    CHECK(store->find_idempotency("key-2").value()->response.at("replayed") == 3);
}

}  // namespace seminarflow
