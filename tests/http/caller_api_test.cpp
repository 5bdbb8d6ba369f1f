// GET /v1/me and GET /v1/instances/{id}/actions over HTTP, on SQLite and on the throwaway
// PostgreSQL: who a token is, and the events its role may send to an instance now, which are the
// events the server then takes from it.
#include "tests/http/instance_api.hpp"

#include <algorithm>

#include "tests/store/backends.hpp"

using seminarflow::test::PostgresqlBackend;
using seminarflow::test::SqliteBackend;

namespace seminarflow::testing {
namespace {

std::string actions_of(const std::string& id) { return "/v1/instances/" + id + "/actions"; }

// The events an answer of /actions offers, in order.
std::vector<std::string> offered(const ClientResponse& response) {
    INFO(response.body);
    REQUIRE(response.status == 200);
    std::vector<std::string> events;
    const boost::json::object answer = json_of(response);
    for (const auto& item : answer.at("items").as_array()) {
        events.emplace_back(item.at("event").as_string());
    }
    return events;
}

}  // namespace

TEMPLATE_TEST_CASE("GET /v1/me says which token is calling: its id, name, role and units", "[http][caller]",
                   SqliteBackend, PostgresqlBackend) {
    TestType database;
    TestServer server(on(database.url()));

    const auto admin = ApiClient(server).get("/v1/me");
    INFO(admin.body);
    REQUIRE(admin.status == 200);
    const boost::json::object me = json_of(admin);
    CHECK(me.at("id") == server.token_id(Role::admin).c_str());
    CHECK(me.at("name") == "test-admin");
    CHECK(me.at("role") == "admin");
    CHECK(me.at("units").as_array().empty());

    const ExtraToken union_token = extra_token(server, "Ban Tổ chức", Role::organiser, {"Công đoàn Sở Tư pháp"});
    const auto organiser = http_request(server.port(), "GET", "/v1/me", "", union_token.authorization());
    const boost::json::object them = json_of(organiser);
    CHECK(them.at("id") == union_token.id.c_str());
    CHECK(them.at("name") == "Ban Tổ chức");
    CHECK(them.at("role") == "organiser");
    CHECK(them.at("units") == boost::json::array{"Công đoàn Sở Tư pháp"});
    CHECK(organiser.body.find(union_token.secret) == std::string::npos);
}

TEMPLATE_TEST_CASE("GET /v1/me needs a token like every /v1 route", "[http][caller]", SqliteBackend,
                   PostgresqlBackend) {
    TestType database;
    TestServer server(on(database.url()));
    const auto answer = http_request(server.port(), "GET", "/v1/me");
    CHECK(answer.status == 401);
    CHECK(problem_type(answer) == "token-required");
}

TEMPLATE_TEST_CASE("/actions offers the events the caller's role may send in the instance's state",
                   "[http][caller]", SqliteBackend, PostgresqlBackend) {
    TestType database;
    TestServer server(on(database.url()));
    const ApiClient api(server);
    const std::string id = api.create_seminar("Tọa đàm về chuyển đổi số");

    const auto for_organiser = api.as(Role::organiser).get(actions_of(id));
    CHECK(offered(for_organiser) == std::vector<std::string>{"plan", "rename", "cancel"});
    const boost::json::object answer = json_of(for_organiser);
    CHECK(answer.at("instance") == id.c_str());
    CHECK(answer.at("state") == "draft");
    // Each item is shaped as GET /v1/workflows/{name} shows the event, payload and guard included.
    const boost::json::object& plan = answer.at("items").at(0).as_object();
    CHECK(plan.at("target") == "planned");
    CHECK(plan.at("roles") == boost::json::array{"admin", "organiser"});
    CHECK(plan.at("payload").as_array().size() == 9);
    CHECK(plan.at("guard").as_array().at(0) == "payload.starts_at > now");

    CHECK(offered(api.get(actions_of(id))) == std::vector<std::string>{"plan", "rename", "cancel"});
    CHECK(offered(api.as(Role::member).get(actions_of(id))).empty());
    // A viewer sends nothing at all: the gate refuses its POSTs whatever the workflow says.
    CHECK(offered(api.as(Role::viewer).get(actions_of(id))).empty());

    // A planned seminar's not_ready warning is its timer's to send: an admin may, to repair, but
    // it is offered to nobody; the organiser's own events are offered to the admin too.
    const std::string planned = api.planned_seminar("Hội thảo đã lên kế hoạch", 0, 0);
    const std::vector<std::string> for_admin = offered(api.get(actions_of(planned)));
    CHECK(std::find(for_admin.begin(), for_admin.end(), "not_ready") == for_admin.end());
    CHECK(std::find(for_admin.begin(), for_admin.end(), "invite") != for_admin.end());
    CHECK(offered(api.as(Role::organiser).get(actions_of(planned))) == for_admin);

    // What is offered is taken; what is not, refused.
    CHECK(api.as(Role::member).send(id, "rename", {{"title", "Tọa đàm"}}).status == 403);
    CHECK(api.as(Role::organiser).move(id, "cancel", {{"reason", "Trùng lịch Đại hội"}}) == "cancelled");
    CHECK(offered(api.get(actions_of(id))).empty());
}

TEMPLATE_TEST_CASE("/actions of an unknown instance is 404", "[http][caller]", SqliteBackend, PostgresqlBackend) {
    TestType database;
    TestServer server(on(database.url()));
    const auto answer = ApiClient(server).get(actions_of("0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b"));
    CHECK(answer.status == 404);
    CHECK(problem_type(answer) == "not-found");
}

}  // namespace seminarflow::testing
