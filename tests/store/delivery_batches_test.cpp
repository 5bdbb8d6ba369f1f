// The delivery path's statements are kept prepared on their connection, and a batch of tries reads
// each endpoint once and keeps it current itself: what that must not change, on both backends.
// Each store here has one connection, so that every call reuses what the calls before it left.
#include <catch2/catch.hpp>

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

DeliveryAttempt attempt_of(const Delivery& delivery, std::optional<int> status, AttemptOutcome outcome,
                           const std::string& at) {
    return {.delivery_id = delivery.id,
            .attempt = delivery.attempt,
            .started_at = time_at(at),
            .latency = std::chrono::milliseconds(42),
            .status_code = status,
            .outcome = outcome};
}

DeliverySettlement retry_at(const std::string& at) {
    return {.status = DeliveryStatus::pending, .next_attempt_at = time_at(at), .disable_endpoint = {}};
}

DeliverySettlement delivered() {
    return {.status = DeliveryStatus::delivered, .disable_endpoint = {}};
}

// `count` deliveries to `endpoint`, their ids from `ids`, claimed by node-a at 08:00.
std::vector<Delivery> claimed_deliveries(SociStore& store, const Endpoint& endpoint, std::size_t count,
                                         test::CountingIds& ids) {
    STORE_REQUIRE_OK(store.add_endpoint(endpoint));
    test::seminar_notifications(store, std::vector<std::string>(count, "seminar.updated"));
    REQUIRE(store.fan_out_notifications(time_at("2026-11-30T08:00:00Z"), 10, ids).value() == count);
    auto claimed = store.claim_due_deliveries("node-a", time_at("2026-11-30T08:00:00Z"),
                                              time_at("2026-11-30T08:01:00Z"), 10);
    STORE_REQUIRE_OK(claimed);
    REQUIRE(claimed->size() == count);
    return std::move(claimed).value();
}

}  // namespace

TEMPLATE_TEST_CASE("a batch of tries that fails half way writes nothing and its connection records the next one",
                   "[store][deliveries][kept-statements]", SqliteBackend, PostgresqlBackend) {
    TestType database;
    const DatabaseUrl& url = database.url();
    const auto store = test::migrated_store(url, 1);
    test::CountingIds ids;
    const auto d = claimed_deliveries(*store, test::webhook_endpoint("receiver", {}, 10), 3, ids);

    // The second try breaks a CHECK (a negative latency) once the first is settled and has started
    // its endpoint's failure span: the whole batch is rolled back.
    DeliveryAttempt broken = attempt_of(d[1], 500, AttemptOutcome::retry, "2026-11-30T08:00:02Z");
    broken.latency = std::chrono::milliseconds(-1);
    auto failed = store->record_attempts(
        "node-a", {{attempt_of(d[0], 500, AttemptOutcome::retry, "2026-11-30T08:00:01Z"), retry_at("2026-11-30T08:05:00Z")},
                   {broken, retry_at("2026-11-30T08:05:00Z")}});
    REQUIRE_FALSE(failed.ok());
    CHECK_THAT(failed.error().message, Contains("record_attempts"));
    CHECK(count_rows(url, "delivery_attempts") == 0);
    CHECK(count_rows(url, "deliveries", "lease_owner = 'node-a' AND status = 'pending' AND last_status_code IS NULL") == 3);
    CHECK(count_rows(url, "endpoints", "failing_since IS NULL") == 1);

    // The same connection, its statements prepared again: the batch as it should have been.
    auto recorded = store->record_attempts(
        "node-a", {{attempt_of(d[0], 500, AttemptOutcome::retry, "2026-11-30T08:00:01Z"), retry_at("2026-11-30T08:05:00Z")},
                   {attempt_of(d[1], 500, AttemptOutcome::retry, "2026-11-30T08:00:02Z"), retry_at("2026-11-30T08:05:00Z")},
                   {attempt_of(d[2], 200, AttemptOutcome::success, "2026-11-30T08:00:03Z"),
                    delivered()}});
    STORE_REQUIRE_OK(recorded);
    REQUIRE(recorded->size() == 3);
    for (const AttemptRecorded& one : *recorded) CHECK(one.recorded);
    CHECK(count_rows(url, "delivery_attempts") == 3);
    CHECK(count_rows(url, "deliveries", "status = 'pending' AND lease_owner IS NULL AND last_status_code = 500"
                                        " AND next_attempt_at = '2026-11-30T08:05:00.000Z'") == 2);
    CHECK(count_rows(url, "endpoints", "failing_since IS NULL") == 1);

    // And its fan-out and claims go on as before.
    test::seminar_notifications(*store, {"seminar.updated"});
    CHECK(store->fan_out_notifications(time_at("2026-11-30T08:05:00Z"), 10, ids).value() == 1);
    auto again = store->claim_due_deliveries("node-a", time_at("2026-11-30T08:05:00Z"),
                                             time_at("2026-11-30T08:06:00Z"), 10);
    STORE_REQUIRE_OK(again);
    CHECK(again->size() == 3);
}

TEMPLATE_TEST_CASE("each try of a batch sees what the tries before it did to their endpoint",
                   "[store][deliveries][kept-statements]", SqliteBackend, PostgresqlBackend) {
    TestType database;
    const DatabaseUrl& url = database.url();
    const auto store = test::migrated_store(url, 1);
    test::CountingIds ids;
    const auto d = claimed_deliveries(*store, test::webhook_endpoint("receiver", {}, 10), 4, ids);

    // The first try starts the failure span; the second, ten minutes on, finds it longer than
    // disable_after and disables the endpoint; the third, a 410, finds it disabled already; the
    // fourth, a success, ends the span all the same.
    DeliverySettlement too_long = retry_at("2026-11-30T08:30:00Z");
    too_long.disable_after = std::chrono::minutes(5);
    too_long.notice_id = "notice-failing";
    const DeliverySettlement gone{.status = DeliveryStatus::failed,
                                  .disable_endpoint = std::string("410 Gone: the receiver is gone"),
                                  .notice_id = "notice-gone"};
    auto recorded = store->record_attempts(
        "node-a", {{attempt_of(d[0], 500, AttemptOutcome::retry, "2026-11-30T08:00:00Z"), retry_at("2026-11-30T08:05:00Z")},
                   {attempt_of(d[1], 500, AttemptOutcome::retry, "2026-11-30T08:10:00Z"), too_long},
                   {attempt_of(d[2], 410, AttemptOutcome::disable, "2026-11-30T08:10:01Z"), gone},
                   {attempt_of(d[3], 200, AttemptOutcome::success, "2026-11-30T08:10:02Z"),
                    delivered()}});
    STORE_REQUIRE_OK(recorded);
    REQUIRE(recorded->size() == 4);
    CHECK_FALSE((*recorded)[0].disabled);
    REQUIRE((*recorded)[1].disabled);
    CHECK((*recorded)[1].disabled->cause == DisableCause::failing);
    CHECK_THAT((*recorded)[1].disabled->reason, Contains("every try failed since 2026-11-30T08:00:00"));
    CHECK_FALSE((*recorded)[2].disabled);
    CHECK_FALSE((*recorded)[3].disabled);
    CHECK(count_rows(url, "endpoints", "status = 'disabled' AND disabled_reason LIKE 'every try failed since%'"
                                       " AND failing_since IS NULL") == 1);
    CHECK(count_rows(url, "outbox", "template = '" + std::string(endpoint_disabled_notice) + "'") == 1);
    CHECK(count_rows(url, "outbox", "id = 'notice-failing'") == 1);
}

TEMPLATE_TEST_CASE("a claimed delivery whose notification is lost, or a settled one whose endpoint is, is an error",
                   "[store][deliveries][kept-statements]", SqliteBackend, PostgresqlBackend) {
    TestType database;
    const DatabaseUrl& url = database.url();
    const auto store = test::migrated_store(url, 1);
    const Endpoint endpoint = test::webhook_endpoint("receiver", {}, 10);
    test::CountingIds ids;
    const auto d = claimed_deliveries(*store, endpoint, 1, ids);

    test::run_past_foreign_keys(url, "DELETE FROM endpoints WHERE id = '" + endpoint.id + "'");
    auto recorded = store->record_attempts(
        "node-a", {{attempt_of(d[0], 200, AttemptOutcome::success, "2026-11-30T08:00:01Z"),
                    delivered()}});
    REQUIRE_FALSE(recorded.ok());
    CHECK_THAT(recorded.error().message,
               Contains("delivery " + d[0].id + " names endpoint " + endpoint.id + ", which the database does not hold"));
    CHECK(count_rows(url, "delivery_attempts") == 0);

    const Endpoint other = test::webhook_endpoint("other", {}, 10);
    STORE_REQUIRE_OK(store->add_endpoint(other));
    const auto notifications = test::seminar_notifications(*store, {"seminar.updated"});
    REQUIRE(store->fan_out_notifications(time_at("2026-11-30T08:00:00Z"), 10, ids).value() == 1);
    test::run_past_foreign_keys(url, "DELETE FROM outbox WHERE id = '" + notifications[0] + "'");
    auto claimed = store->claim_due_deliveries("node-a", time_at("2026-11-30T08:00:00Z"),
                                               time_at("2026-11-30T08:01:00Z"), 10);
    REQUIRE_FALSE(claimed.ok());
    CHECK_THAT(claimed.error().message,
               Contains("names notification " + notifications[0] + ", which the outbox does not hold"));
    CHECK(count_rows(url, "deliveries", "endpoint_id = '" + other.id + "' AND lease_owner IS NULL AND attempts = 0") == 1);
}

}  // namespace seminarflow
