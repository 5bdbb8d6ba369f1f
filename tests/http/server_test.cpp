// The server on the wire: real sockets, real Beast parsing, real SQLite underneath.
#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>

#include "tests/http/http_client.hpp"
#include "tests/http/test_server.hpp"

using namespace seminarflow::testing;

namespace {

boost::json::object json_of(const ClientResponse& response) { return boost::json::parse(response.body).as_object(); }

}  // namespace

TEST_CASE("health and readiness answer once the schema is migrated", "[http][server]") {
    TestServer server;
    const auto health = http_request(server.port(), "GET", "/healthz");
    CHECK(health.status == 200);
    CHECK(json_of(health).at("status") == "ok");

    const auto ready = http_request(server.port(), "GET", "/readyz");
    CHECK(ready.status == 200);
    CHECK(json_of(ready).at("status") == "ready");
    CHECK(json_of(ready).at("schema_version").as_int64() >= 1);
}

TEST_CASE("readiness is refused, with the reason, before the schema is migrated", "[http][server]") {
    TestServer server(TestServer::Options{.migrate = false});
    const auto ready = http_request(server.port(), "GET", "/readyz");
    CHECK(ready.status == 503);
    CHECK(ready.content_type == "application/problem+json");
    CHECK_THAT(ready.body, Catch::Contains("seminarflow migrate"));
    CHECK(ready.header("Retry-After") == "1");  // a probe backs off rather than hammering
}

TEST_CASE("workflows are listed and described, Vietnamese titles byte for byte", "[http][server]") {
    TestServer server;
    const auto list = http_request(server.port(), "GET", "/v1/workflows", {}, server.authorization());
    REQUIRE(list.status == 200);
    const auto items = json_of(list).at("items").as_array();
    std::vector<std::string> names;
    for (const auto& item : items) names.emplace_back(item.at("name").as_string());
    CHECK(std::find(names.begin(), names.end(), "seminar") != names.end());
    CHECK(std::find(names.begin(), names.end(), "reward") != names.end());
    CHECK(json_of(list).at("next_cursor").is_null());

    const auto seminar = http_request(server.port(), "GET", "/v1/workflows/seminar", {}, server.authorization());
    REQUIRE(seminar.status == 200);
    const auto body = json_of(seminar);
    CHECK(body.at("initial") == "draft");
    CHECK(body.at("version") == 2);
    // The title is Vietnamese in the YAML; it must come back as the same UTF-8 bytes.
    CHECK_THAT(std::string(body.at("title").as_string()), Catch::Contains("Hội"));
    bool has_plan = false;
    for (const auto& state : body.at("states").as_array()) {
        for (const auto& event : state.at("events").as_array()) has_plan |= event.at("event") == "plan";
    }
    CHECK(has_plan);
}

TEST_CASE("diagrams come as Mermaid or DOT, with a state highlighted", "[http][server]") {
    TestServer server;
    const auto get = [&](const std::string& target) {
        return http_request(server.port(), "GET", target, {}, server.authorization());
    };
    const auto mermaid = get("/v1/workflows/seminar/diagram");
    CHECK(mermaid.status == 200);
    CHECK_THAT(mermaid.body, Catch::Contains("stateDiagram-v2") && Catch::Contains("[*] --> draft"));

    const auto dot = get("/v1/workflows/seminar/diagram?format=dot&highlight=planned");
    CHECK(dot.status == 200);
    CHECK(dot.content_type == "text/vnd.graphviz; charset=utf-8");
    CHECK_THAT(dot.body, Catch::StartsWith("digraph \"seminar\"") && Catch::Contains("fillcolor"));

    const auto bad_format = get("/v1/workflows/seminar/diagram?format=png");
    CHECK(bad_format.status == 400);
    CHECK(json_of(bad_format).at("field") == "format");

    const auto bad_state = get("/v1/workflows/seminar/diagram?highlight=nowhere");
    CHECK(bad_state.status == 400);
    CHECK(json_of(bad_state).at("field") == "highlight");
}

TEST_CASE("unknown resources and methods get problem details", "[http][server]") {
    TestServer server;
    const auto workflow = http_request(server.port(), "GET", "/v1/workflows/banquet", {}, server.authorization());
    CHECK(workflow.status == 404);
    CHECK(workflow.content_type == "application/problem+json");
    const auto problem = json_of(workflow);
    CHECK(problem.at("type") == "https://seminarflow.dev/problems/workflow-not-found");
    CHECK(problem.at("status") == 404);
    CHECK_THAT(std::string(problem.at("detail").as_string()), Catch::Contains("banquet"));

    CHECK(http_request(server.port(), "GET", "/no/such/route").status == 404);
    const auto method = http_request(server.port(), "DELETE", "/v1/workflows");
    CHECK(method.status == 405);
    CHECK(method.header("Allow") == "GET");
}

TEST_CASE("HEAD answers like GET without a body", "[http][server]") {
    TestServer server;
    const auto head = http_request(server.port(), "HEAD", "/v1/workflows/seminar", {}, server.authorization());
    CHECK(head.status == 200);
    CHECK(head.body.empty());
    CHECK(std::stoul(head.header("Content-Length")) > 0);
}

TEST_CASE("bodies over the limit get 413 and the server keeps serving", "[http][server]") {
    TestServer server(TestServer::Options{.max_body_bytes = 1024});
    const auto big = http_request(server.port(), "GET", "/healthz", std::string(4096, 'x'));
    CHECK(big.status == 413);
    CHECK(http_request(server.port(), "GET", "/healthz").status == 200);
}

TEST_CASE("a header flood gets 431, malformed HTTP gets 400, and the server keeps serving", "[http][server]") {
    TestServer server;
    std::string flood = "GET /healthz HTTP/1.1\r\nHost: x\r\n";
    for (int i = 0; i < 2000; ++i) flood += "X-Flood-" + std::to_string(i) + ": " + std::string(20, 'a') + "\r\n";
    flood += "\r\n";
    CHECK_THAT(send_raw(server.port(), flood), Catch::StartsWith("HTTP/1.1 431"));
    CHECK_THAT(send_raw(server.port(), "NOT HTTP AT ALL\r\n\r\n"), Catch::StartsWith("HTTP/1.1 400"));
    CHECK_THAT(send_raw(server.port(), "GET /%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
               Catch::StartsWith("HTTP/1.1 400"));
    CHECK(http_request(server.port(), "GET", "/healthz").status == 200);
}

TEST_CASE("one connection carries several requests", "[http][server]") {
    TestServer server;
    const std::string two = "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\nGET /v1/workflows/seminar HTTP/1.1\r\nHost: x\r\n"
                            "Authorization: Bearer " + server.token() + "\r\nConnection: close\r\n\r\n";
    const std::string answer = send_raw(server.port(), two);
    CHECK(answer.find("HTTP/1.1 200") != answer.rfind("HTTP/1.1 200"));  // two answers on one connection
}

TEST_CASE("stop() closes a connection idle between requests instead of waiting for its timeout", "[http][server]") {
    TestServer server(TestServer::Options{.request_timeout = std::chrono::minutes(2)});
    KeepAliveConnection connection(server.port());
    CHECK(connection.request("/healthz").find("HTTP/1.1 200") == 0);
    const auto started = std::chrono::steady_clock::now();
    server.server().stop();
    CHECK(connection.wait_closed());
    // Without stop() closing it, the server would hold the connection for the whole 2 minutes.
    CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(30));
}
