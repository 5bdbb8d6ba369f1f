// GET /metrics on the real server: Prometheus' text format, requests counted by route pattern,
// the runtime's transitions and refusals as the API makes them, and the dispatcher's deliveries.
#include <catch2/catch.hpp>

#include "engine/runtime/delivery_work.hpp"
#include "tests/http/http_client.hpp"
#include "tests/http/test_server.hpp"
#include "tests/store/delivery_fixtures.hpp"

using namespace seminarflow;
using namespace seminarflow::testing;

namespace {

// A scrape, with a viewer's token: /metrics is behind one like the rest of the API.
std::string metrics_page(TestServer& server) {
    const auto page = http_request(server.port(), "GET", "/metrics", {}, server.authorization(Role::viewer));
    REQUIRE(page.status == 200);
    return page.body;
}

std::string requests(const std::string& method, const std::string& route, unsigned status) {
    return "seminarflow_http_requests_total{method=\"" + method + "\",route=\"" + route + "\",status=\"" +
           std::to_string(status) + "\"} ";
}

}  // namespace

TEST_CASE("/metrics answers in Prometheus' text format 0.0.4 and counts the requests it served", "[http][metrics]") {
    TestServer server;
    REQUIRE(http_request(server.port(), "GET", "/healthz").status == 200);

    const auto first = http_request(server.port(), "GET", "/metrics", {}, server.authorization(Role::viewer));
    CHECK(first.status == 200);
    CHECK(first.content_type == "text/plain; version=0.0.4; charset=utf-8");
    CHECK_THAT(first.body, Catch::Contains("# TYPE seminarflow_http_requests_total counter\n"));
    CHECK_THAT(first.body, Catch::Contains(requests("GET", "/healthz", 200) + "1\n"));
    CHECK_THAT(first.body, Catch::Contains("# TYPE seminarflow_http_request_duration_seconds histogram\n"));
    CHECK_THAT(first.body, Catch::Contains(
                               "seminarflow_http_request_duration_seconds_bucket{method=\"GET\",route=\"/healthz\",le=\"+Inf\"} 1\n"));
    CHECK_THAT(first.body,
               Catch::Contains("seminarflow_http_request_duration_seconds_count{method=\"GET\",route=\"/healthz\"} 1\n"));
    // A request is counted once its answer is ready: the first scrape counts itself in the next.
    CHECK_THAT(first.body, !Catch::Contains(requests("GET", "/metrics", 200)));
    CHECK_THAT(metrics_page(server), Catch::Contains(requests("GET", "/metrics", 200) + "1\n"));
}

TEST_CASE("requests are counted by route pattern and known method, never by what a client sends",
          "[http][metrics]") {
    TestServer server;
    const auto viewer = server.authorization(Role::viewer);
    CHECK(http_request(server.port(), "GET", "/v1/instances/019-no-such-one", {}, viewer).status == 404);
    CHECK(http_request(server.port(), "GET", "/v1/instances/019-nor-this-one", {}, viewer).status == 404);
    CHECK(http_request(server.port(), "GET", "/no/such/route").status == 404);
    CHECK(http_request(server.port(), "DELETE", "/healthz").status == 405);
    // A method HTTP does not define is counted as "other".
    CHECK_THAT(send_raw(server.port(), "BREW /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
               Catch::StartsWith("HTTP/1.1 405"));

    const std::string page = metrics_page(server);
    CHECK_THAT(page, Catch::Contains(requests("GET", "/v1/instances/{id}", 404) + "2\n"));
    CHECK_THAT(page, Catch::Contains(requests("GET", "unmatched", 404) + "1\n"));
    CHECK_THAT(page, Catch::Contains(requests("DELETE", "unmatched", 405) + "1\n"));
    CHECK_THAT(page, Catch::Contains(requests("other", "unmatched", 405) + "1\n"));
    CHECK_THAT(page, !Catch::Contains("019-no-such-one"));
    CHECK_THAT(page, !Catch::Contains("/no/such/route"));
    CHECK_THAT(page, !Catch::Contains("BREW"));
}

TEST_CASE("transitions are counted by workflow and event, refusals by workflow and kind", "[http][metrics]") {
    TestServer server;
    const auto admin = server.authorization();
    const auto created = http_request(server.port(), "POST", "/v1/instances",
                                      R"({"workflow": "seminar", "data": {"title": "Tọa đàm khối doanh nghiệp"}})", admin);
    REQUIRE(created.status == 201);
    const std::string location = created.header("Location");
    // "plan" without its payload: the workflow refuses it.
    CHECK(http_request(server.port(), "POST", location + "/events", R"({"type": "plan"})", admin).status == 422);
    // Not an event a draft takes.
    CHECK(http_request(server.port(), "POST", location + "/events", R"({"type": "start"})", admin).status == 409);

    const std::string page = metrics_page(server);
    CHECK_THAT(page, Catch::Contains("seminarflow_transitions_total{workflow=\"seminar\",event=\"created\"} 1\n"));
    CHECK_THAT(page, Catch::Contains("seminarflow_refusals_total{workflow=\"seminar\",kind=\"payload_invalid\"} 1\n"));
    CHECK_THAT(page,
               Catch::Contains("seminarflow_refusals_total{workflow=\"seminar\",kind=\"not_allowed_in_state\"} 1\n"));
    CHECK_THAT(page, Catch::Contains(requests("POST", "/v1/instances", 201) + "1\n"));
    CHECK_THAT(page, Catch::Contains(requests("POST", "/v1/instances/{id}/events", 422) + "1\n"));
    CHECK_THAT(page, Catch::Contains(requests("POST", "/v1/instances/{id}/events", 409) + "1\n"));
    CHECK_THAT(page, Catch::Contains("# TYPE seminarflow_timer_lag_seconds histogram\n"));
}

TEST_CASE("deliveries settled, their tries' latency and endpoints disabled appear in /metrics", "[http][metrics]") {
    TestServer server;
    const auto admin = server.authorization();
    REQUIRE(http_request(server.port(), "POST", "/v1/endpoints", R"({"url": "http://hooks.example.org/hooks"})", admin).status ==
            201);
    CHECK_THAT(metrics_page(server), Catch::Contains("# TYPE seminarflow_deliveries_settled_total counter\n") &&
                                         Catch::Contains("# TYPE seminarflow_delivery_attempt_seconds histogram\n") &&
                                         Catch::Contains("# TYPE seminarflow_endpoints_disabled_total counter\n"));

    auto& store = static_cast<SociStore&>(server.store());
    test::seminar_notifications(store, {"seminar.planned", "seminar.reminder"});
    UuidV7Source ids(server.clock());
    DeliveryWork work(store, server.clock(), ids, DeliveryOptions{.owner = "node-t"}, [] { return 0.5; },
                      server.delivery_observer());
    REQUIRE(work.fan_out().value() == 2);
    const auto claimed = work.claim(10).value();
    REQUIRE(claimed.size() == 2);
    const Time now = server.clock().now();
    REQUIRE(work.settle(claimed[0], ChannelOutcome::success(204), now, std::chrono::milliseconds(8)).value().recorded);
    REQUIRE(work.settle(claimed[1], ChannelOutcome::disable(410, "Gone"), now, std::chrono::milliseconds(40))
                .value().recorded);

    const std::string page = metrics_page(server);
    CHECK_THAT(page, Catch::Contains("seminarflow_deliveries_settled_total{status=\"delivered\"} 1\n"));
    CHECK_THAT(page, Catch::Contains("seminarflow_deliveries_settled_total{status=\"failed\"} 1\n"));
    CHECK_THAT(page, Catch::Contains("seminarflow_delivery_attempts_total{outcome=\"disable\",code=\"4xx\"} 1\n"));
    CHECK_THAT(page, Catch::Contains("seminarflow_delivery_attempt_seconds_bucket{le=\"0.01\"} 1\n"));
    CHECK_THAT(page, Catch::Contains("seminarflow_delivery_attempt_seconds_count 2\n"));
    CHECK_THAT(page, Catch::Contains("seminarflow_endpoints_disabled_total{cause=\"gone\"} 1\n"));
}

TEST_CASE("/metrics wants a token like the rest of the API, and counts the requests it refused", "[http][metrics]") {
    TestServer server;
    const auto refused = http_request(server.port(), "GET", "/metrics");
    CHECK(refused.status == 401);
    CHECK_THAT(refused.body, !Catch::Contains("seminarflow_http_requests_total"));
    CHECK(http_request(server.port(), "GET", "/metrics", {}, {{"Authorization", "Bearer sft_not-a-token"}}).status ==
          401);
    // A viewer reads only: its POST is refused for the role, and counted as such.
    CHECK(http_request(server.port(), "POST", "/v1/instances", R"({"workflow": "seminar", "data": {}})",
                       server.authorization(Role::viewer))
              .status == 403);

    const std::string page = metrics_page(server);
    CHECK_THAT(page, Catch::Contains(requests("GET", "/metrics", 401) + "2\n"));
    CHECK_THAT(page, Catch::Contains(requests("POST", "/v1/instances", 403) + "1\n"));
}
