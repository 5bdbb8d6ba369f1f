#include <catch2/catch.hpp>

#include "adapters/http/router.hpp"

using namespace seminarflow::http;

namespace {

Router sample_router() {
    Router router;
    const auto named = [](std::string name) {
        return [name](const Request&, const PathParams& params) {
            return json_response(200, name + ":" + std::string(param(params, "name")));
        };
    };
    router.add({"GET", "/v1/workflows", Blocking::no, named("list")});
    router.add({"GET", "/v1/workflows/{name}", Blocking::no, named("one")});
    router.add({"GET", "/v1/workflows/{name}/diagram", Blocking::no, named("diagram")});
    router.add({"POST", "/v1/instances", Blocking::commits, named("create")});
    return router;
}

}  // namespace

TEST_CASE("the router matches literal paths and captures parameters", "[http][router]") {
    const Router router = sample_router();
    const Match list = router.match("GET", "/v1/workflows");
    REQUIRE(list.route != nullptr);
    CHECK(list.route->pattern == "/v1/workflows");

    const Match one = router.match("GET", "/v1/workflows/seminar");
    REQUIRE(one.route != nullptr);
    CHECK(param(one.params, "name") == "seminar");
    CHECK(one.route->handler(Request{}, one.params).body == "one:seminar");

    const Match diagram = router.match("GET", "/v1/workflows/h%E1%BB%99i/diagram");
    REQUIRE(diagram.route != nullptr);
    CHECK(diagram.route->pattern == "/v1/workflows/{name}/diagram");
}

TEST_CASE("the router ignores a trailing slash and answers HEAD with the GET route", "[http][router]") {
    const Router router = sample_router();
    CHECK(router.match("GET", "/v1/workflows/").route != nullptr);
    const Match head = router.match("HEAD", "/v1/workflows/seminar");
    REQUIRE(head.route != nullptr);
    CHECK(head.route->method == "GET");
}

TEST_CASE("the router answers 404 for unknown paths and 405 with Allow for a wrong method", "[http][router]") {
    const Router router = sample_router();
    const Match missing = router.match("GET", "/v2/nothing");
    CHECK(missing.route == nullptr);
    CHECK(missing.response.status == 404);
    CHECK(missing.response.content_type == "application/problem+json");
    CHECK_THAT(missing.response.body, Catch::Contains("no resource at /v2/nothing"));

    const Match wrong = router.match("DELETE", "/v1/instances");
    CHECK(wrong.route == nullptr);
    CHECK(wrong.response.status == 405);
    REQUIRE(wrong.response.headers.size() == 1);
    CHECK(wrong.response.headers[0] == std::pair<std::string, std::string>{"Allow", "POST"});
}

TEST_CASE("request targets are split into a decoded path and query", "[http][router]") {
    Request request;
    REQUIRE(parse_target("/v1/workflows/seminar/diagram?format=dot&highlight=in%20session", request));
    CHECK(request.path == "/v1/workflows/seminar/diagram");
    CHECK(request.query_value("format") == "dot");
    CHECK(request.query_value("highlight") == "in session");
    CHECK(request.query_value("absent").empty());
    CHECK_FALSE(parse_target("not a target", request));
}
