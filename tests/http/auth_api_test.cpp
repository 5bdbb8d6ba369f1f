// Authentication on the wire, over SQLite and over the throwaway PostgreSQL: no route but
// /healthz, /readyz and the dashboard answer without a valid bearer token; a viewer reads and never writes;
// the workflows' `roles:` are enforced on the token's role; a revoked token stops working within
// the cache's ttl; an Idempotency-Key's answer belongs to the token that sent it.
#include <boost/json/serialize.hpp>

#include <set>

#include "adapters/http/bearer_token.hpp"
#include "tests/http/instance_api.hpp"
#include "tests/runtime/engine_fixture.hpp"
#include "tests/store/backends.hpp"

using seminarflow::test::PostgresqlBackend;
using seminarflow::test::SqliteBackend;

namespace seminarflow::testing {
namespace {

// A path for a route pattern, each {parameter} filled with an id no instance has.
std::string concrete(std::string_view pattern) {
    std::string path;
    for (std::size_t at = 0; at < pattern.size();) {
        if (pattern[at] == '{') {
            path += "0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b";
            at = pattern.find('}', at) + 1;
        } else {
            path += pattern[at++];
        }
    }
    return path;
}

boost::json::object invite_payload() {
    return {{"units", boost::json::array{"Công đoàn Sở Tư pháp", "Công đoàn Cục Thuế tỉnh"}},
            {"contributions_due", "2026-08-18T10:00:00Z"}};
}

// A 403 from the role check, naming the role refused.
void check_role_refused(const ClientResponse& response, const std::string& role) {
    INFO(response.body);
    CHECK(response.status == 403);
    CHECK(problem_type(response) == "role-not-allowed");
    CHECK(json_of(response).at("rule") == role.c_str());
}

}  // namespace

TEMPLATE_TEST_CASE("every route but /healthz, /readyz and the dashboard refuses a request without a valid token", "[http][auth]",
                   SqliteBackend, PostgresqlBackend) {
    TestType database;
    TestServer server(on(database.url()));
    const ExtraToken revoked = extra_token(server, "revoked", Role::admin);
    REQUIRE(server.store().revoke_token(revoked.id, server.clock().now()).value());
    const std::vector<Headers> not_valid = {
        {{"Authorization", "Bearer " + http::generate_token()}},  // unknown
        revoked.authorization(),
        {{"Authorization", "Bearer sft_not-a-token"}},  // malformed
        {{"Authorization", "Bearer " + server.token() + "x"}},
    };

    std::set<std::string> closed;
    for (const http::Route& route : server.router().routes()) {
        const std::string target = concrete(route.pattern);
        INFO(route.method << " " << target);
        const auto bare = http_request(server.port(), route.method, target, "{}");
        if (route.pattern == "/healthz" || route.pattern == "/readyz" || route.pattern == "/") {
            CHECK(bare.status == 200);
            continue;
        }
        if (route.pattern == "/assets/{version}/{file}") {
            CHECK(bare.status == 404);  // open, but there is no such asset
            CHECK(problem_type(bare) == "not-found");
            continue;
        }
        closed.insert(route.method + " " + route.pattern);
        CHECK(bare.status == 401);
        CHECK(problem_type(bare) == "token-required");
        CHECK(bare.header("WWW-Authenticate") == R"(Bearer realm="seminarflow")");
        // Unknown, revoked and malformed tokens get one answer: it does not say which they were.
        const auto first = http_request(server.port(), route.method, target, "{}", not_valid.front());
        CHECK(first.status == 401);
        CHECK(problem_type(first) == "token-invalid");
        CHECK(first.header("WWW-Authenticate") == R"(Bearer realm="seminarflow", error="invalid_token")");
        for (const Headers& headers : not_valid) {
            const auto refused = http_request(server.port(), route.method, target, "{}", headers);
            CHECK(refused.status == 401);
            CHECK(refused.body == first.body);
        }
    }
    // Every family of routes was among them.
    for (const std::string route : {"GET /v1", "GET /v1/workflows", "GET /v1/workflows/{name}",
                                    "GET /v1/workflows/{name}/diagram", "POST /v1/instances", "GET /v1/instances",
                                    "GET /v1/instances/{id}", "GET /v1/instances/{id}/history",
                                    "POST /v1/instances/{id}/events"}) {
        CHECK(closed.contains(route));
    }
    // None of the refused POSTs reached the store.
    CHECK(json_of(ApiClient(server).get("/v1/instances")).at("items").as_array().empty());
}

TEMPLATE_TEST_CASE("a viewer token reads everything and writes nothing", "[http][auth]", SqliteBackend,
                   PostgresqlBackend) {
    TestType database;
    TestServer server(on(database.url()));
    const ApiClient admin(server);
    const ApiClient viewer = admin.as(Role::viewer);
    const std::string id = admin.create_seminar("Tọa đàm doanh nghiệp");

    const std::vector<std::string> readable = {"/v1",
                                               "/v1/workflows",
                                               "/v1/workflows/seminar",
                                               "/v1/workflows/seminar/diagram",
                                               "/v1/instances",
                                               "/v1/instances/" + id,
                                               "/v1/instances/" + id + "/history"};
    for (const std::string& target : readable) {
        INFO(target);
        CHECK(viewer.get(target).status == 200);
    }
    CHECK(http_request(server.port(), "HEAD", "/v1/instances/" + id, {}, server.authorization(Role::viewer)).status ==
          200);

    check_role_refused(viewer.post("/v1/instances", boost::json::object{{"workflow", "seminar"},
                                                                          {"data", {{"title", "Hội thảo"}}}}),
                       "viewer");
    check_role_refused(viewer.send(id, "rename", {{"title", "Hội thảo"}}), "viewer");
    // Nothing was written.
    CHECK(json_of(admin.get("/v1/instances")).at("items").as_array().size() == 1);
    CHECK(json_of(admin.get("/v1/instances/" + id)).at("version") == 1);
}

TEMPLATE_TEST_CASE("the workflows' roles are enforced on the token's role", "[http][auth]", SqliteBackend,
                   PostgresqlBackend) {
    TestType database;
    TestServer server(on(database.url()));
    const ApiClient organiser(server, Role::organiser);
    const ApiClient member = organiser.as(Role::member);
    const ApiClient reviewer = organiser.as(Role::reviewer);
    const std::string id = member.create_seminar("Hội thảo khoa học");  // creating takes any role that writes

    // `plan` is the organiser's (workflows/seminar.yaml).
    check_role_refused(member.send(id, "plan", test::plan_payload()), "member");
    check_role_refused(reviewer.send(id, "plan", test::plan_payload()), "reviewer");
    const auto planned = organiser.send(id, "plan", test::plan_payload());
    REQUIRE(planned.status == 200);
    CHECK(json_of(planned).at("history").at("actor") ==
          boost::json::object{{"id", server.token_id(Role::organiser)}, {"role", "organiser"}});
    CHECK(organiser.move(id, "invite", invite_payload()) == "inviting");

    // A contribution is the unit's to submit (`submit`: member only in workflows/submission.yaml).
    const auto children = json_of(organiser.get("/v1/instances?parent=" + id)).at("items").as_array();
    REQUIRE(children.size() == 2);
    const std::string submission(children.at(0).at("id").as_string());
    const boost::json::object paper{{"title", "Công đoàn với chuyển đổi số"},
                                    {"abstract", "Kinh nghiệm của Công đoàn Sở Tư pháp"},
                                    {"document_url", "https://example.org/tham-luan.pdf"}};
    check_role_refused(organiser.send(submission, "submit", paper), "organiser");
    const auto submitted = member.send(submission, "submit", paper);
    REQUIRE(submitted.status == 200);
    CHECK(json_of(submitted).at("instance").at("state") == "submitted");
    CHECK(json_of(submitted).at("history").at("actor") ==
          boost::json::object{{"id", server.token_id(Role::member)}, {"role", "member"}});
}

TEMPLATE_TEST_CASE("a revoked token stops working once the cache's ttl has passed", "[http][auth]", SqliteBackend,
                   PostgresqlBackend) {
    TestType database;
    TestServer server(on(database.url()));
    const ExtraToken used = extra_token(server, "reminder bot", Role::member);
    const ExtraToken unused = extra_token(server, "spare", Role::member);
    const auto get = [&](const ExtraToken& token) {
        return http_request(server.port(), "GET", "/v1/instances", {}, token.authorization()).status;
    };
    REQUIRE(get(used) == 200);
    const Time revoked_at = server.clock().now();
    REQUIRE(server.store().revoke_token(used.id, revoked_at).value());
    REQUIRE(server.store().revoke_token(unused.id, revoked_at).value());

    CHECK(get(unused) == 401);  // never cached: refused at once
    CHECK(get(used) == 200);    // cached a moment ago: believed until the ttl
    server.clock().set(revoked_at + server.authenticator().cache().options().ttl);
    CHECK(get(used) == 401);
}

TEMPLATE_TEST_CASE("an Idempotency-Key's answer is replayed to its token and no other", "[http][auth]",
                   SqliteBackend, PostgresqlBackend) {
    TestType database;
    TestServer server(on(database.url()));
    const ApiClient api(server);
    const ExtraToken other_admin = extra_token(server, "second admin", Role::admin);
    const std::string id = api.create_seminar("Tọa đàm");
    const std::string body = R"({"type": "rename", "payload": {"title": "Hội thảo"}})";
    const Headers key = {{"Idempotency-Key", "doi-ten-1"}};

    const auto first = api.post("/v1/instances/" + id + "/events", body, key);
    REQUIRE(first.status == 200);
    const auto again = api.post("/v1/instances/" + id + "/events", body, key);
    CHECK(again.status == 200);
    CHECK(again.body == first.body);
    CHECK(again.header("Idempotent-Replayed") == "true");

    // Same role, same request, same key, another token: not its answer to replay.
    Headers other = key;
    other.emplace_back("Authorization", "Bearer " + other_admin.secret);
    const auto stranger = http_request(server.port(), "POST", "/v1/instances/" + id + "/events", body, other);
    CHECK(stranger.status == 422);
    CHECK(problem_type(stranger) == "idempotency-key-reused");
    CHECK(json_of(api.get("/v1/instances/" + id)).at("version") == 2);
}

}  // namespace seminarflow::testing
