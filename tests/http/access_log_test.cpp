// One access line per request, and the X-Request-Id that ties it to the client's request.
#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>

#include <regex>

#include "adapters/http/access_log.hpp"
#include "adapters/http/request_id.hpp"
#include "tests/http/captured_log.hpp"
#include "tests/http/http_client.hpp"
#include "tests/http/test_server.hpp"

using namespace seminarflow;
using namespace seminarflow::testing;

namespace {

bool generated_id(const std::string& id) { return std::regex_match(id, std::regex("[0-9a-f]{32}")); }

}  // namespace

TEST_CASE("a sane X-Request-Id is kept, anything else is replaced by a new one", "[http][access]") {
    CHECK(http::sane_request_id("5f0c6e2a-9d41-4c7e-8a55-0a1b2c3d4e5f"));
    CHECK(http::sane_request_id("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"));
    CHECK(http::sane_request_id("lb/a:b+c=d@e_f.g"));
    CHECK(http::sane_request_id(std::string(128, 'x')));
    CHECK_FALSE(http::sane_request_id(""));
    CHECK_FALSE(http::sane_request_id(std::string(129, 'x')));
    CHECK_FALSE(http::sane_request_id("two words"));
    CHECK_FALSE(http::sane_request_id("quote\"d"));
    CHECK_FALSE(http::sane_request_id("line\nbreak"));
    CHECK_FALSE(http::sane_request_id("mã-yêu-cầu"));

    CHECK(http::request_id_for("kept-1") == "kept-1");
    CHECK(generated_id(http::request_id_for("not kept")));
    CHECK(http::new_request_id() != http::new_request_id());
}

TEST_CASE("every answer carries its request id: the client's when sane, otherwise a new one", "[http][access]") {
    TestServer server;
    const auto kept = http_request(server.port(), "GET", "/healthz", {}, {{"X-Request-Id", "trace-42:abc"}});
    CHECK(kept.header("X-Request-Id") == "trace-42:abc");

    const auto replaced = http_request(server.port(), "GET", "/healthz", {}, {{"X-Request-Id", "has spaces in it"}});
    CHECK(generated_id(replaced.header("X-Request-Id")));

    const auto first = http_request(server.port(), "GET", "/healthz");
    const auto second = http_request(server.port(), "GET", "/no/such/route");
    CHECK(generated_id(first.header("X-Request-Id")));
    CHECK(generated_id(second.header("X-Request-Id")));
    CHECK(first.header("X-Request-Id") != second.header("X-Request-Id"));
}

TEST_CASE("an access line names method, route and path, status, duration, bytes, client and request id",
          "[http][access]") {
    CapturedAccessLog log;
    TestServer server;
    auto headers = server.authorization(Role::viewer);
    headers.emplace_back("X-Request-Id", "access-test-1");
    const auto answer = http_request(server.port(), "GET", "/v1/workflows/seminar/diagram?format=dot", {}, headers);
    REQUIRE(answer.status == 200);

    const std::string line = log.line_with("request_id=access-test-1");
    // The path holds '=': quoted, as logfmt wants.
    const std::regex expected("access method=GET route=/v1/workflows/\\{name\\}/diagram "
                              "path=\"/v1/workflows/seminar/diagram\\?format=dot\" status=200 "
                              "duration_ms=[0-9]+\\.[0-9]{3} bytes=([0-9]+) remote=127\\.0\\.0\\.1:[0-9]+ "
                              "request_id=access-test-1");
    std::smatch match;
    INFO(line);
    REQUIRE(std::regex_match(line, match, expected));
    CHECK(match[1] == std::to_string(answer.body.size()));
}

TEST_CASE("in JSON the access line is one object with the same fields", "[http][access]") {
    CapturedAccessLog log;
    TestServer server(TestServer::Options{.access_log = http::AccessLogFormat::json});
    auto headers = server.authorization();
    headers.emplace_back("X-Request-Id", "json-1");
    const auto refused = http_request(server.port(), "POST", "/v1/instances", "{not json", headers);
    REQUIRE(refused.status == 400);

    const auto line = boost::json::parse(log.line_with("\"json-1\"")).as_object();
    CHECK(line.at("method") == "POST");
    CHECK(line.at("route") == "/v1/instances");
    CHECK(line.at("path") == "/v1/instances");
    CHECK(line.at("status") == 400);
    CHECK(line.at("duration_ms").is_number());
    CHECK(line.at("bytes") == refused.body.size());
    CHECK_THAT(std::string(line.at("remote").as_string()), Catch::StartsWith("127.0.0.1:"));
    CHECK(line.at("request_id") == "json-1");
    CHECK(line.size() == 8);
}

TEST_CASE("a request refused for its token has its access line, with the route it asked for", "[http][access]") {
    CapturedAccessLog log;
    TestServer server;
    CHECK(http_request(server.port(), "GET", "/metrics", {}, {{"X-Request-Id", "no-token-1"}}).status == 401);
    CHECK(http_request(server.port(), "GET", "/v1/openapi.json", {},
                       {{"X-Request-Id", "bad-token-1"}, {"Authorization", "Bearer sft_not-a-token"}})
              .status == 401);
    auto viewer = server.authorization(Role::viewer);
    viewer.emplace_back("X-Request-Id", "viewer-post-1");
    CHECK(http_request(server.port(), "POST", "/v1/instances", R"({"workflow": "seminar", "data": {}})", viewer)
              .status == 403);

    CHECK_THAT(log.line_with("request_id=no-token-1"),
               Catch::StartsWith("access method=GET route=/metrics path=/metrics status=401 "));
    CHECK_THAT(log.line_with("request_id=bad-token-1"),
               Catch::StartsWith("access method=GET route=/v1/openapi.json path=/v1/openapi.json status=401 "));
    CHECK_THAT(log.line_with("request_id=viewer-post-1"),
               Catch::StartsWith("access method=POST route=/v1/instances path=/v1/instances status=403 "));
}

TEST_CASE("a request refused before it was read whole is logged and counted too", "[http][access]") {
    CapturedAccessLog log;
    TestServer server(TestServer::Options{.max_body_bytes = 16});
    const auto refused = http_request(server.port(), "POST", "/v1/instances", std::string(100, 'x'),
                                      {{"X-Request-Id", "too-big-1"}});
    REQUIRE(refused.status == 413);
    CHECK(refused.header("X-Request-Id") == "too-big-1");

    // No route was matched: the line says so with an empty, quoted route.
    const std::string line = log.line_with("request_id=too-big-1");
    CHECK_THAT(line, Catch::StartsWith("access method=POST route=\"\" path=/v1/instances status=413 "));
    const auto page = http_request(server.port(), "GET", "/metrics", {}, server.authorization(Role::viewer));
    CHECK_THAT(page.body,
               Catch::Contains("seminarflow_http_requests_total{method=\"POST\",route=\"unmatched\",status=\"413\"} 1\n"));
}

TEST_CASE("what a client puts in its request line cannot break an access line", "[http][access]") {
    CapturedAccessLog log;
    TestServer server;
    // A raw UTF-8 path (a client should have %-encoded it) and a quote: the line stays one line of
    // ASCII that splits into the same fields.
    const std::string answer = send_raw(server.port(),
                                        "GET /v1/workflows/h\xe1\xbb\x99i\"x HTTP/1.1\r\nHost: x\r\n"
                                        "X-Request-Id: raw-1\r\nConnection: close\r\n\r\n");
    CHECK_THAT(answer, Catch::StartsWith("HTTP/1.1 "));
    const std::string line = log.line_with("request_id=raw-1");
    INFO(line);
    CHECK(std::all_of(line.begin(), line.end(), [](char c) { return c >= 0x20 && c < 0x7f; }));
    CHECK_THAT(line, Catch::Contains("path=\"/v1/workflows/h%E1%BB%99i\\\"x\""));
}

TEST_CASE("access lines in text quote what needs it and nothing else", "[http][access]") {
    http::RequestRecord record{.method = "GET",
                               .route = "",
                               .target = "/a b\\c=\"d\"",
                               .status = 404,
                               .duration = std::chrono::microseconds(1'234),
                               .bytes = 120,
                               .remote = "[::1]:5000",
                               .request_id = "r-1"};
    CHECK(http::access_log_text(record) ==
          R"(access method=GET route="" path="/a b\\c=\"d\"" status=404 duration_ms=1.234 bytes=120 )"
          R"(remote=[::1]:5000 request_id=r-1)");
    CHECK(http::access_log_json(record) ==
          R"({"method":"GET","route":"","path":"/a b\\c=\"d\"","status":404,"duration_ms":1.234,"bytes":120,)"
          R"("remote":"[::1]:5000","request_id":"r-1"})");
}
