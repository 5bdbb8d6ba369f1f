// GET /v1/board over HTTP, on SQLite and on the throwaway PostgreSQL: the committee's events in
// pages, each with its stage and what is late about it at the server's clock, as the shipped
// workflows move them; and the refusals of its query.
#include "tests/http/instance_api.hpp"

#include "tests/store/backends.hpp"

using seminarflow::test::PostgresqlBackend;
using seminarflow::test::SqliteBackend;

namespace seminarflow::testing {
namespace {

// A seminar planned for 24 October 2026 that asked two units for tham luận by 18 August.
std::string inviting_seminar(const ApiClient& api) {
    const std::string id = api.planned_seminar("Hội thảo đổi mới công tác cán bộ", 1, 0);
    CHECK(api.as(Role::organiser).move(id, "invite", {{"units", boost::json::array{"Công đoàn Than Mạo Khê",
                                                                                   "Công đoàn Than Hà Lầm"}},
                                                      {"contributions_due", "2026-08-18T10:00:00Z"}}) == "inviting");
    return id;
}

boost::json::object board_item(const ClientResponse& response, const std::string& id) {
    INFO(response.body);
    REQUIRE(response.status == 200);
    const boost::json::object board = json_of(response);
    for (const auto& item : board.at("items").as_array()) {
        if (item.at("id") == id.c_str()) return item.as_object();
    }
    FAIL("no item " << id << " on the board");
    return {};
}

}  // namespace

TEMPLATE_TEST_CASE("the board shows each event's stage and its missing tham luận from three days before",
                   "[http][board]", SqliteBackend, PostgresqlBackend) {
    TestType database;
    TestServer server(on(database.url()));
    const ApiClient viewer = ApiClient(server).as(Role::viewer);
    const std::string seminar = inviting_seminar(ApiClient(server));

    const boost::json::object early = board_item(viewer.get("/v1/board"), seminar);
    CHECK(early.at("workflow") == "seminar");
    CHECK(early.at("state") == "inviting");
    CHECK(early.at("final") == false);
    CHECK(early.at("title") == "Hội thảo đổi mới công tác cán bộ");
    CHECK(early.at("starts_at") == "2026-10-24T01:00:00Z");
    CHECK(early.at("parent").is_null());
    CHECK(early.at("late").as_array().empty());

    server.clock().set(*parse_rfc3339("2026-08-16T00:00:00Z"));
    const boost::json::object near = board_item(viewer.get("/v1/board"), seminar);
    CHECK(near.at("late") == boost::json::array{boost::json::object{
                                 {"kind", "contributions_missing"}, {"count", 2}, {"due", "2026-08-18T10:00:00Z"}}});
}

TEMPLATE_TEST_CASE("the board shows overdue directives and a cancelled event as final", "[http][board]",
                   SqliteBackend, PostgresqlBackend) {
    TestType database;
    TestServer server(on(database.url()));
    const ApiClient api(server);
    const std::string seminar = inviting_seminar(api);
    const auto directive = api.post("/v1/instances", boost::json::object{
                                                         {"workflow", "directive"},
                                                         {"parent", seminar},
                                                         {"data", {{"unit", "Công đoàn Than Mạo Khê"},
                                                                   {"task", "Báo cáo kết quả vận dụng tham luận"},
                                                                   {"due_at", "2026-09-01T10:00:00Z"},
                                                                   {"seminar_title", "Hội thảo"}}}});
    REQUIRE(directive.status == 201);
    CHECK(api.move(std::string(json_of(directive).at("instance").at("id").as_string()), "overdue") == "overdue");
    CHECK(board_item(api.get("/v1/board?workflow=seminar"), seminar).at("late") ==
          boost::json::array{boost::json::object{{"kind", "directives_overdue"}, {"count", 1}}});

    const std::string cancelled = api.create_seminar("Tọa đàm hoãn lại");
    CHECK(api.as(Role::organiser).move(cancelled, "cancel", {{"reason", "Trùng lịch"}}) == "cancelled");
    CHECK(board_item(api.get("/v1/board"), cancelled).at("final") == true);
}

TEMPLATE_TEST_CASE("the board pages with an opaque cursor and shows only seminars and contests and programmes",
                   "[http][board]", SqliteBackend, PostgresqlBackend) {
    TestType database;
    TestServer server(on(database.url()));
    const ApiClient api(server);
    // A second apart: in one instant the order is the ids', which are random past the time.
    const auto next_second = [&] { server.clock().set(server.clock().now() + std::chrono::seconds(1)); };
    const std::string first = api.create_seminar("Hội thảo thứ nhất");
    next_second();
    const std::string second = api.create_seminar("Hội thảo thứ hai");
    next_second();
    inviting_seminar(api);  // its two tham luận are not on the board

    const auto page = api.get("/v1/board?limit=2");
    const boost::json::object answer = json_of(page);
    REQUIRE(answer.at("items").as_array().size() == 2);
    CHECK(answer.at("items").at(0).at("id") == first.c_str());
    CHECK(answer.at("items").at(1).at("id") == second.c_str());
    const std::string cursor(answer.at("next_cursor").as_string());
    const boost::json::object rest = json_of(api.get("/v1/board?limit=2&cursor=" + cursor));
    CHECK(rest.at("items").as_array().size() == 1);
    CHECK(rest.at("next_cursor").is_null());
    CHECK(json_of(api.get("/v1/board?workflow=contest")).at("items").as_array().empty());
}

TEMPLATE_TEST_CASE("the board refuses what its query cannot mean", "[http][board]", SqliteBackend,
                   PostgresqlBackend) {
    TestType database;
    TestServer server(on(database.url()));
    const ApiClient api(server);
    const auto check_refused = [&](const std::string& target, const std::string& field, const std::string& type) {
        const auto answer = api.get(target);
        INFO(target << ": " << answer.body);
        CHECK(answer.status == 400);
        CHECK(problem_type(answer) == type);
        CHECK(json_of(answer).at("field") == field.c_str());
    };
    check_refused("/v1/board?workflow=submission", "workflow", "invalid-parameter");
    check_refused("/v1/board?limit=0", "limit", "invalid-parameter");
    check_refused("/v1/board?cursor=not-a-cursor", "cursor", "invalid-cursor");
    check_refused("/v1/board?state=inviting", "state", "invalid-parameter");
    CHECK(http_request(server.port(), "GET", "/v1/board").status == 401);
}

}  // namespace seminarflow::testing
