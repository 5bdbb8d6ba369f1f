// Idempotency-Key on both POSTs over HTTP: a request takes effect once and a replay is the first
// answer byte for byte, with its status; the same key with another request is refused. On
// SQLite and on the throwaway PostgreSQL (whose jsonb would reorder keys if answers were kept in it).
#include "tests/http/instance_api.hpp"

#include <boost/json/serialize.hpp>

#include "tests/runtime/engine_fixture.hpp"
#include "tests/store/backends.hpp"

using seminarflow::test::PostgresqlBackend;
using seminarflow::test::SqliteBackend;

namespace seminarflow::testing {
namespace {

const std::string create_body =
    R"({"workflow": "seminar", "data": {"title": "Hội thảo khoa học: Công đoàn với chuyển đổi số", "sequence": 3}})";

Headers key(const std::string& value) { return {{"Idempotency-Key", value}}; }

std::size_t count_listed(const ApiClient& api) { return json_of(api.get("/v1/instances")).at("items").as_array().size(); }

}  // namespace

TEMPLATE_TEST_CASE("a creation sent twice with one Idempotency-Key creates one instance", "[http][idempotency]",
                   SqliteBackend, PostgresqlBackend) {
    TestType database;
    TestServer server(on(database.url()));
    const ApiClient api(server);
    const auto first = api.post("/v1/instances", create_body, key("tao-hoi-thao-3"));
    REQUIRE(first.status == 201);
    CHECK(first.header("Idempotent-Replayed").empty());

    server.clock().set(*parse_rfc3339("2026-08-04T03:00:00Z"));  // a retry, later
    const auto again = api.post("/v1/instances", create_body, key("tao-hoi-thao-3"));
    CHECK(again.status == 201);
    CHECK(again.body == first.body);
    CHECK(again.header("Location") == first.header("Location"));
    CHECK(again.header("Idempotent-Replayed") == "true");
    CHECK(count_listed(api) == 1);

    // Another key is another request.
    CHECK(api.post("/v1/instances", create_body, key("tao-hoi-thao-4")).status == 201);
    CHECK(count_listed(api) == 2);
}

TEMPLATE_TEST_CASE("an event sent twice with one Idempotency-Key takes effect once", "[http][idempotency]",
                   SqliteBackend, PostgresqlBackend) {
    TestType database;
    TestServer server(on(database.url()));
    const ApiClient api(server);
    const std::string id = api.create_seminar("Tọa đàm");
    const auto first = api.send(id, "plan", test::plan_payload(), key("plan-1"));
    REQUIRE(first.status == 200);
    const auto again = api.send(id, "plan", test::plan_payload(), key("plan-1"));
    CHECK(again.status == 200);
    CHECK(again.body == first.body);
    CHECK(again.header("Idempotent-Replayed") == "true");
    CHECK(json_of(api.get("/v1/instances/" + id)).at("version") == 2);
    CHECK(json_of(api.get("/v1/instances/" + id + "/history")).at("items").as_array().size() == 2);
}

TEMPLATE_TEST_CASE("a refusal is kept with its Idempotency-Key and replayed alike", "[http][idempotency]",
                   SqliteBackend, PostgresqlBackend) {
    TestType database;
    TestServer server(on(database.url()));
    const ApiClient api(server);
    const std::string id = api.create_seminar("Tọa đàm");
    const auto refused = api.send(id, "open_collection", {}, key("mo-thu-tham-luan"));
    REQUIRE(refused.status == 409);
    // Even once the event would be taken, the key answers what it answered first.
    server.clock().set(*parse_rfc3339("2026-08-05T02:00:00Z"));
    api.move(id, "plan", test::plan_payload());
    api.move(id, "invite",
             {{"units", boost::json::array{"Công đoàn Sở Tư pháp"}}, {"contributions_due", "2026-08-18T10:00:00Z"}});
    const auto again = api.send(id, "open_collection", {}, key("mo-thu-tham-luan"));
    CHECK(again.status == 409);
    CHECK(again.body == refused.body);
    CHECK(again.content_type == "application/problem+json");
    CHECK(again.header("Idempotent-Replayed") == "true");
    CHECK(api.move(id, "open_collection") == "collecting");  // without the key, it is a new request

    // A creation refused for its data, likewise.
    const std::string untitled = R"({"workflow": "seminar", "data": {}})";
    const auto no_title = api.post("/v1/instances", untitled, key("khong-ten"));
    CHECK(no_title.status == 422);
    CHECK(api.post("/v1/instances", untitled, key("khong-ten")).body == no_title.body);
}

TEMPLATE_TEST_CASE("one Idempotency-Key with another request is refused with 422", "[http][idempotency]",
                   SqliteBackend, PostgresqlBackend) {
    TestType database;
    TestServer server(on(database.url()));
    const ApiClient api(server);
    const std::string id = api.create_seminar("Tọa đàm");
    REQUIRE(api.send(id, "rename", {{"title", "Hội thảo"}}, key("doi-ten")).status == 200);

    const auto other_body = api.send(id, "rename", {{"title", "Tọa đàm khác"}}, key("doi-ten"));
    CHECK(other_body.status == 422);
    CHECK(problem_type(other_body) == "idempotency-key-reused");
    const auto other_route = api.post("/v1/instances", create_body, key("doi-ten"));
    CHECK(other_route.status == 422);
    CHECK(problem_type(other_route) == "idempotency-key-reused");
    // Another caller sending the very same request does not get the first caller's answer.
    const auto other_caller =
        api.as(Role::organiser).send(id, "rename", {{"title", "Hội thảo"}}, {{"Idempotency-Key", "doi-ten"}});
    CHECK(other_caller.status == 422);
    CHECK(json_of(api.get("/v1/instances/" + id)).at("data").at("title") == "Hội thảo");
    CHECK(count_listed(api) == 1);

    const auto bad_key = api.send(id, "rename", {{"title", "x"}}, key(std::string(300, 'k')));
    CHECK(bad_key.status == 400);
    CHECK(json_of(bad_key).at("field") == "Idempotency-Key");
}

}  // namespace seminarflow::testing
