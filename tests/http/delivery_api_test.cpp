// /v1/deliveries over HTTP, on SQLite and on the throwaway PostgreSQL: deliveries made by the
// dispatcher's own steps (delivered, failed, dead) are listed by status and endpoint page by
// page, read with every try, retried and replayed; every bad input is refused with the
// parameter or member at fault; roles; Idempotency-Key replays.
#include "tests/http/instance_api.hpp"

#include <algorithm>
#include <boost/json/serialize.hpp>

#include "engine/runtime/delivery_work.hpp"
#include "tests/store/backends.hpp"
#include "tests/store/delivery_fixtures.hpp"

using seminarflow::test::PostgresqlBackend;
using seminarflow::test::SqliteBackend;

namespace seminarflow::testing {
namespace {

std::string refusal(const ClientResponse& response) {
    INFO(response.body);
    const auto body = json_of(response);
    const auto* field = body.if_contains("field");
    return problem_type(response) + " " + (field ? std::string(field->as_string()) : std::string("-"));
}

// Three notifications to one endpoint, sent by the dispatcher's steps: the first delivered, the
// second failed for good (404), the third dead after its one retry (500, then no answer).
struct Sent {
    std::string endpoint;
    std::string delivered, failed, dead;
};

Sent sent_deliveries(TestServer& server, const ApiClient& admin) {
    const auto added = admin.post("/v1/endpoints", boost::json::object{{"url", "http://hooks.example.org/hooks"},
                                                                       {"retry_schedule", {"1m"}}});
    REQUIRE(added.status == 201);
    Sent sent{std::string(json_of(added).at("id").as_string()), {}, {}, {}};
    auto& store = static_cast<SociStore&>(server.store());
    test::seminar_notifications(store, {"seminar.planned", "seminar.reminder", "seminar.cancelled"});
    UuidV7Source ids(server.clock());
    DeliveryWork work(store, server.clock(), ids, DeliveryOptions{.owner = "node-t"}, [] { return 0.5; });
    REQUIRE(work.fan_out().value() == 3);
    auto claimed = work.claim(10).value();
    REQUIRE(claimed.size() == 3);
    std::sort(claimed.begin(), claimed.end(),
              [](const Delivery& a, const Delivery& b) { return a.notification.template_name < b.notification.template_name; });
    // cancelled, planned, reminder
    const Time now = server.clock().now();
    REQUIRE(work.settle(claimed[1], ChannelOutcome::success(200), now, Duration(12)).value().recorded);
    REQUIRE(work.settle(claimed[0], ChannelOutcome::final(404, "Not Found"), now, Duration(7)).value().recorded);
    REQUIRE(work.settle(claimed[2], ChannelOutcome::retryable(500, "Internal Server Error"), now, Duration(30))
                .value().recorded);
    server.clock().set(now + std::chrono::minutes(2));
    auto again = work.claim(10).value();
    REQUIRE(again.size() == 1);
    REQUIRE(work.settle(again[0], ChannelOutcome::retryable(std::nullopt, "timed out"), server.clock().now(),
                        std::chrono::seconds(15))
                .value().recorded);
    sent.delivered = claimed[1].id;
    sent.failed = claimed[0].id;
    sent.dead = claimed[2].id;
    return sent;
}

std::vector<std::string> statuses(const ClientResponse& response) {
    INFO(response.body);
    REQUIRE(response.status == 200);
    std::vector<std::string> found;
    const auto body = json_of(response);
    for (const auto& item : body.at("items").as_array()) found.emplace_back(item.at("status").as_string());
    return found;
}

}  // namespace

TEMPLATE_TEST_CASE("deliveries are listed by status and endpoint, page by page, and read with every try",
                   "[http][deliveries]", SqliteBackend, PostgresqlBackend) {
    TestType database;
    TestServer server(on(database.url()));
    const ApiClient api(server);
    const Sent sent = sent_deliveries(server, api);

    CHECK(statuses(api.get("/v1/deliveries")).size() == 3);
    CHECK(statuses(api.get("/v1/deliveries?status=dead")) == std::vector<std::string>{"dead"});
    CHECK(statuses(api.get("/v1/deliveries?status=pending")).empty());
    CHECK(statuses(api.get("/v1/deliveries?endpoint=" + sent.endpoint + "&status=failed")) ==
          std::vector<std::string>{"failed"});

    const auto first = api.get("/v1/deliveries?limit=2");
    REQUIRE(statuses(first).size() == 2);
    const auto cursor = json_of(first).at("next_cursor");
    REQUIRE(cursor.is_string());
    const auto second = api.get("/v1/deliveries?limit=2&cursor=" + std::string(cursor.as_string()));
    CHECK(statuses(second).size() == 1);
    CHECK(json_of(second).at("next_cursor").is_null());

    const auto dead = api.get("/v1/deliveries/" + sent.dead);
    REQUIRE(dead.status == 200);
    const auto body = json_of(dead);
    CHECK(body.at("status") == "dead");
    CHECK(body.at("type") == "seminar.reminder");
    CHECK(body.at("endpoint_id").as_string() == sent.endpoint);
    CHECK(body.at("attempts") == 2);
    CHECK(body.at("next_attempt_at").is_null());
    CHECK(body.at("last_error") == "timed out");
    const auto& tries = body.at("attempt_log").as_array();
    REQUIRE(tries.size() == 2);
    CHECK(tries[0].at("attempt") == 1);
    CHECK(tries[0].at("started_at") == "2026-08-04T01:30:00Z");
    CHECK(tries[0].at("status_code") == 500);
    CHECK(tries[0].at("latency_ms") == 30);
    CHECK(tries[0].at("outcome") == "retry");
    CHECK(tries[0].at("error") == "Internal Server Error");
    CHECK(tries[1].at("status_code").is_null());
    CHECK(tries[1].at("latency_ms") == 15'000);
    CHECK(tries[1].at("error") == "timed out");
    CHECK(json_of(api.get("/v1/deliveries/" + sent.failed)).at("last_status_code") == 404);
}

TEMPLATE_TEST_CASE("a failed or dead delivery is retried, and a replay sends every one since a time again",
                   "[http][deliveries]", SqliteBackend, PostgresqlBackend) {
    TestType database;
    TestServer server(on(database.url()));
    const ApiClient api(server);
    const Sent sent = sent_deliveries(server, api);

    const auto retried = api.post("/v1/deliveries/" + sent.dead + "/retry", std::string());
    REQUIRE(retried.status == 202);
    CHECK(json_of(retried).at("status") == "pending");
    CHECK(json_of(retried).at("next_attempt_at").as_string() == format_rfc3339(server.clock().now()));
    const auto delivered = api.post("/v1/deliveries/" + sent.delivered + "/retry", std::string());
    CHECK(delivered.status == 409);
    CHECK(refusal(delivered) == "delivery-not-retryable -");
    CHECK(json_of(delivered).at("status") == "delivered");
    CHECK(refusal(api.post("/v1/deliveries/no-such-delivery/retry", std::string())) == "delivery-not-found -");

    const auto replayed = api.post("/v1/deliveries/replay", boost::json::object{{"since", "2026-08-04T08:00:00+07:00"},
                                                                                {"endpoint", sent.endpoint}});
    REQUIRE(replayed.status == 202);
    CHECK(json_of(replayed).at("replayed") == 1);  // the failed one: the dead one is pending already
    CHECK(json_of(replayed).at("since") == "2026-08-04T01:00:00Z");
    CHECK(statuses(api.get("/v1/deliveries?status=pending")).size() == 2);
    CHECK(json_of(api.post("/v1/deliveries/replay", boost::json::object{{"since", "2026-08-04T00:00:00Z"}}))
              .at("replayed") == 0);
}

TEMPLATE_TEST_CASE("every bad delivery request is refused with the parameter or member at fault",
                   "[http][deliveries]", SqliteBackend, PostgresqlBackend) {
    TestType database;
    TestServer server(on(database.url()));
    const ApiClient api(server);
    sent_deliveries(server, api);

    CHECK(refusal(api.get("/v1/deliveries?status=lost")) == "invalid-parameter status");
    CHECK_THAT(api.get("/v1/deliveries?status=lost").body, Catch::Contains("pending, delivered, failed or dead"));
    CHECK(refusal(api.get("/v1/deliveries?endpoint=00000000-0000-4000-8000-000000000000")) ==
          "invalid-parameter endpoint");
    CHECK(refusal(api.get("/v1/deliveries?cursor=not-a-cursor")) == "invalid-cursor cursor");
    CHECK(refusal(api.get("/v1/deliveries?cursor=aTF8MHwx")) == "invalid-cursor cursor");  // an instance cursor's kind
    CHECK(refusal(api.get("/v1/deliveries?limit=0")) == "invalid-parameter limit");
    CHECK(refusal(api.get("/v1/deliveries?state=dead")) == "invalid-parameter state");
    CHECK(refusal(api.get("/v1/deliveries/no-such-delivery")) == "delivery-not-found -");

    const auto replay = [&](const boost::json::value& body) { return refusal(api.post("/v1/deliveries/replay", body)); };
    CHECK(replay(boost::json::object{}) == "invalid-body since");
    CHECK(replay(boost::json::object{{"since", "yesterday"}}) == "invalid-body since");
    CHECK(replay(boost::json::object{{"since", 20260804}}) == "invalid-body since");
    CHECK(replay(boost::json::object{{"since", "2026-08-04T00:00:00Z"}, {"endpoint", "00000000-0000-4000-8000-000000000000"}}) ==
          "invalid-body endpoint");
    CHECK(replay(boost::json::object{{"since", "2026-08-04T00:00:00Z"}, {"status", "dead"}}) == "invalid-body status");
    CHECK(refusal(api.post("/v1/deliveries/replay", std::string("[1, 2"))) == "malformed-json -");
    const auto since = api.post("/v1/deliveries/replay", boost::json::object{{"since", "yesterday"}});
    CHECK_THAT(since.body, Catch::Contains("'yesterday' is not an RFC 3339 time such as 2026-11-30T08:00:00+07:00"));
}

TEMPLATE_TEST_CASE("admins and organisers see and retry deliveries, only admins replay them", "[http][deliveries]",
                   SqliteBackend, PostgresqlBackend) {
    TestType database;
    TestServer server(on(database.url()));
    const ApiClient admin(server);
    const Sent sent = sent_deliveries(server, admin);
    const ApiClient organiser = admin.as(Role::organiser);
    CHECK(statuses(organiser.get("/v1/deliveries")).size() == 3);
    CHECK(organiser.get("/v1/deliveries/" + sent.dead).status == 200);
    CHECK(organiser.post("/v1/deliveries/" + sent.dead + "/retry", std::string()).status == 202);
    const auto replay = organiser.post("/v1/deliveries/replay", boost::json::object{{"since", "2026-08-04T00:00:00Z"}});
    CHECK(replay.status == 403);
    CHECK(refusal(replay) == "role-not-allowed -");
    for (const Role role : {Role::member, Role::reviewer, Role::viewer}) {
        CAPTURE(role_name(role));
        const ApiClient api = admin.as(role);
        CHECK(api.get("/v1/deliveries").status == 403);
        CHECK(api.get("/v1/deliveries/" + sent.dead).status == 403);
        CHECK(api.post("/v1/deliveries/" + sent.failed + "/retry", std::string()).status == 403);
    }
    CHECK(statuses(admin.get("/v1/deliveries?status=failed")).size() == 1);  // the refused retries did nothing
}

TEMPLATE_TEST_CASE("a replay sent twice with one Idempotency-Key is answered once", "[http][deliveries]",
                   SqliteBackend, PostgresqlBackend) {
    TestType database;
    TestServer server(on(database.url()));
    const ApiClient api(server);
    sent_deliveries(server, api);
    const Headers key{{"Idempotency-Key", "replay-since-morning"}};
    const boost::json::object body{{"since", "2026-08-04T00:00:00Z"}};
    const auto first = api.post("/v1/deliveries/replay", body, key);
    REQUIRE(first.status == 202);
    CHECK(json_of(first).at("replayed") == 2);
    const auto again = api.post("/v1/deliveries/replay", body, key);
    CHECK(again.status == 202);
    CHECK(again.body == first.body);
    CHECK(again.header("Idempotent-Replayed") == "true");
    const auto other = api.post("/v1/deliveries/replay", boost::json::object{{"since", "2026-08-05T00:00:00Z"}}, key);
    CHECK(refusal(other) == "idempotency-key-reused -");
}

}  // namespace seminarflow::testing
