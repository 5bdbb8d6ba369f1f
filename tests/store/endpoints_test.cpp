// Store::add_endpoint, list_endpoints and remove_endpoint: where notifications are sent, kept as
// the operator said, on both backends.
#include <catch2/catch.hpp>

#include "tests/store/backends.hpp"
#include "tests/store/delivery_fixtures.hpp"
#include "tests/store/store_fixtures.hpp"

using seminarflow::test::PostgresqlBackend;
using seminarflow::test::SqliteBackend;

namespace seminarflow {

TEMPLATE_TEST_CASE("endpoints are kept as added, listed in order and removed with their deliveries",
                   "[store][endpoints]", SqliteBackend, PostgresqlBackend) {
    TestType database;
    const DatabaseUrl& url = database.url();
    const auto store = test::migrated_store(url);

    Endpoint plain = test::webhook_endpoint("plain");
    Endpoint rotating = test::webhook_endpoint("rotating", {"seminar.planned", "seminar.cancelled"}, 2);
    rotating.secrets = {"whsec_bmV3LXNlY3JldC0xMjM0NTY3ODkw", "whsec_b2xkLXNlY3JldC0xMjM0NTY3ODkw"};
    rotating.retry_schedule = std::vector<Duration>{std::chrono::seconds(1), std::chrono::minutes(2)};
    rotating.rate_limit = 5;
    rotating.enabled = false;
    rotating.disabled_reason = "410 Gone";
    rotating.created_at = rotating.updated_at = test::time_at("2026-11-02T00:00:00.125Z");
    STORE_REQUIRE_OK(store->add_endpoint(plain));
    STORE_REQUIRE_OK(store->add_endpoint(rotating));

    auto listed = store->list_endpoints();
    STORE_REQUIRE_OK(listed);
    REQUIRE(listed->size() == 2);
    const Endpoint& first = (*listed)[0];
    CHECK(first.id == plain.id);
    CHECK(first.channel == "webhook");
    CHECK(first.url == plain.url);
    CHECK(first.description == "Ban tổ chức — plain");
    CHECK(first.secrets == plain.secrets);
    CHECK(first.event_types.empty());
    CHECK(first.enabled);
    CHECK_FALSE(first.disabled_reason);
    CHECK_FALSE(first.retry_schedule);
    CHECK(first.max_in_flight == 4);
    CHECK_FALSE(first.rate_limit);
    CHECK(first.created_at == plain.created_at);
    const Endpoint& second = (*listed)[1];
    CHECK(second.secrets == rotating.secrets);
    CHECK(second.event_types == rotating.event_types);
    CHECK_FALSE(second.enabled);
    CHECK(second.disabled_reason == std::optional<std::string>("410 Gone"));
    CHECK(second.retry_schedule == rotating.retry_schedule);
    CHECK(second.max_in_flight == 2);
    CHECK(second.rate_limit == std::optional<int>(5));
    CHECK(second.updated_at == test::time_at("2026-11-02T00:00:00.125Z"));

    // Its deliveries go with it.
    test::seminar_notifications(*store, {"seminar.planned"});
    test::CountingIds ids;
    REQUIRE(store->fan_out_notifications(test::time_at("2026-11-30T07:00:00Z"), 10, ids).value() == 1);
    REQUIRE(test::count_rows(url, "deliveries") == 1);
    auto removed = store->remove_endpoint(plain.id);
    STORE_REQUIRE_OK(removed);
    CHECK(*removed);
    CHECK(test::count_rows(url, "deliveries") == 0);
    CHECK(store->list_endpoints().value().size() == 1);
    CHECK_FALSE(store->remove_endpoint(plain.id).value());
}

TEMPLATE_TEST_CASE("an endpoint the schema cannot hold is refused with the database's reason",
                   "[store][endpoints]", SqliteBackend, PostgresqlBackend) {
    TestType database;
    const auto store = test::migrated_store(database.url());
    Endpoint endpoint = test::webhook_endpoint("twice");
    STORE_REQUIRE_OK(store->add_endpoint(endpoint));
    auto again = store->add_endpoint(endpoint);
    REQUIRE_FALSE(again.ok());
    CHECK_THAT(again.error().message, Catch::Matchers::Contains("add_endpoint"));

    Endpoint unlimited = test::webhook_endpoint("unlimited");
    unlimited.max_in_flight = 0;
    REQUIRE_FALSE(store->add_endpoint(unlimited).ok());
    Endpoint unexplained = test::webhook_endpoint("unexplained");
    unexplained.enabled = false;  // disabled without a reason
    REQUIRE_FALSE(store->add_endpoint(unexplained).ok());
    CHECK(store->list_endpoints().value().size() == 1);
}

TEMPLATE_TEST_CASE("a chat endpoint keeps its channel, language and chat id", "[store][endpoints]", SqliteBackend,
                   PostgresqlBackend) {
    TestType database;
    const auto store = test::migrated_store(database.url());
    Endpoint plain = test::webhook_endpoint("plain");
    Endpoint telegram = test::webhook_endpoint("telegram");
    telegram.channel = "telegram";
    telegram.secrets = {};
    telegram.language = "en";
    telegram.chat_id = "-1001234567890";
    STORE_REQUIRE_OK(store->add_endpoint(plain));
    STORE_REQUIRE_OK(store->add_endpoint(telegram));
    const auto listed = store->list_endpoints();
    STORE_REQUIRE_OK(listed);
    REQUIRE(listed->size() == 2);
    // Listed in id order, and the ids are random: find each by its own.
    const bool plain_first = (*listed)[0].id == plain.id;
    const Endpoint& read_plain = (*listed)[plain_first ? 0 : 1];
    const Endpoint& read_telegram = (*listed)[plain_first ? 1 : 0];
    CHECK(read_plain.language == "vi");  // the default
    CHECK_FALSE(read_plain.chat_id);
    CHECK(read_telegram.channel == "telegram");
    CHECK(read_telegram.secrets.empty());
    CHECK(read_telegram.language == "en");
    CHECK(read_telegram.chat_id == std::optional<std::string>("-1001234567890"));

    Endpoint wordy = test::webhook_endpoint("wordy");
    wordy.language = "Vietnamese";
    REQUIRE_FALSE(store->add_endpoint(wordy).ok());
    Endpoint blank = test::webhook_endpoint("blank");
    blank.chat_id = "";
    REQUIRE_FALSE(store->add_endpoint(blank).ok());
    CHECK(store->list_endpoints().value().size() == 2);
}

}  // namespace seminarflow
