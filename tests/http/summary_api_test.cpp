// GET /v1/instances/{id}/summary over HTTP, on SQLite and on the throwaway PostgreSQL: a planned
// seminar with rewards approved and issued, a proposal and a tham luận, as the shipped workflows
// move them; a programme's seminars; and the refusals (no instance, a workflow with no summary).
#include "tests/http/instance_api.hpp"

#include "tests/store/backends.hpp"

using seminarflow::test::PostgresqlBackend;
using seminarflow::test::SqliteBackend;

namespace seminarflow::testing {
namespace {

const std::string mao_khe = "Công đoàn Công ty Than Mạo Khê";

std::string summary_of(const std::string& id) { return "/v1/instances/" + id + "/summary"; }

std::string create_child(const ApiClient& api, const std::string& parent, const std::string& workflow,
                         boost::json::object data) {
    const auto created = api.post("/v1/instances", boost::json::object{{"workflow", workflow},
                                                                       {"data", std::move(data)},
                                                                       {"parent", parent}});
    INFO(created.body);
    REQUIRE(created.status == 201);
    return std::string(json_of(created).at("instance").at("id").as_string());
}

// A reward for `recipient` of `amount`, evaluated and approved within the seminar's budget.
std::string approved_reward(const ApiClient& api, const std::string& seminar, const std::string& recipient,
                            std::int64_t amount) {
    const std::string id = create_child(api, seminar, "reward",
                                        {{"recipient", recipient},
                                         {"recipient_kind", "unit"},
                                         {"achievement", "Tổ chức Hội thi cán bộ công đoàn giỏi"},
                                         {"amount_vnd", amount},
                                         {"certificate_kind", "giay_khen"}});
    CHECK(api.as(Role::reviewer).move(id, "evaluate", {{"evaluation", "Xứng đáng"}}) == "evaluated");
    CHECK(api.as(Role::organiser).move(id, "approve", {{"decision_number", "123/QĐ-CĐTKV"}}) == "approved");
    return id;
}

}  // namespace

TEMPLATE_TEST_CASE("a seminar's summary counts its children and totals its rewards per recipient",
                   "[http][summary]", SqliteBackend, PostgresqlBackend) {
    TestType database;
    TestServer server(on(database.url()));
    const ApiClient api(server);
    const std::string seminar = api.planned_seminar("Hội thảo đổi mới công tác cán bộ", 0, 60'000'000);
    const std::string issued = approved_reward(api, seminar, mao_khe, 5'000'000);
    CHECK(api.as(Role::organiser).move(issued, "issue", {{"certificate_number", "GK-01"}, {"paid_vnd", 5'000'000}}) ==
          "issued");
    approved_reward(api, seminar, mao_khe, 5'000'000);
    approved_reward(api, seminar, "Công đoàn Công ty Than Hà Lầm", 5'000'000);
    create_child(api, seminar, "proposal",
                 {{"unit", mao_khe}, {"content", "Tăng phụ cấp cán bộ chuyên trách"}, {"raised_by", "Nguyễn Văn An"}});
    create_child(api, seminar, "submission",
                 {{"unit", mao_khe}, {"due_at", "2026-10-10T10:00:00Z"}, {"seminar_title", "Hội thảo"}});

    const auto answer = api.as(Role::viewer).get(summary_of(seminar));
    INFO(answer.body);
    REQUIRE(answer.status == 200);
    CHECK(answer.content_type == "application/json");
    const boost::json::object summary = json_of(answer);
    CHECK(summary.at("workflow") == "seminar");
    CHECK(summary.at("state") == "planned");
    CHECK_FALSE(summary.contains("seminars"));
    const auto& rewards = summary.at("rewards").as_object();
    CHECK(rewards.at("count") == 3);
    CHECK(rewards.at("recipients") == 2);
    CHECK(rewards.at("approved_vnd") == 15'000'000);
    CHECK(rewards.at("issued_vnd") == 5'000'000);
    CHECK(rewards.at("paid_vnd") == 5'000'000);
    const auto& first = rewards.at("by_recipient").as_array().at(1).as_object();  // "Mạo" after "Hà"
    CHECK(first.at("recipient").as_string() == mao_khe);
    CHECK(first.at("count") == 2);
    CHECK(first.at("approved_vnd") == 10'000'000);
    CHECK(summary.at("proposals").at("open") == 1);
    CHECK(summary.at("proposals").at("answered") == 0);
    CHECK(summary.at("contributions").at("total") == 1);
    CHECK(summary.at("contributions").at("by_state").at("invited") == 1);
    CHECK(summary.at("directives").at("open") == 0);
}

TEMPLATE_TEST_CASE("a programme's summary counts its seminars, held or not", "[http][summary]", SqliteBackend,
                   PostgresqlBackend) {
    TestType database;
    TestServer server(on(database.url()));
    const ApiClient api(server);
    const auto created = api.post("/v1/instances", boost::json::object{{"workflow", "programme"},
                                                                       {"data", {{"title", "Công tác cán bộ 2026"}}}});
    REQUIRE(created.status == 201);
    const std::string programme(json_of(created).at("instance").at("id").as_string());
    create_child(api, programme, "seminar", {{"title", "Buổi tọa đàm thứ nhất"}});
    create_child(api, programme, "seminar", {{"title", "Buổi tọa đàm thứ hai"}});

    const auto answer = api.get(summary_of(programme));
    INFO(answer.body);
    REQUIRE(answer.status == 200);
    const boost::json::object summary = json_of(answer);
    CHECK(summary.at("workflow") == "programme");
    CHECK(summary.at("seminars").at("total") == 2);
    CHECK(summary.at("seminars").at("held") == 0);
    CHECK(summary.at("seminars").at("by_state").at("draft") == 2);
    CHECK(summary.at("rewards").at("count") == 0);
}

TEMPLATE_TEST_CASE("a summary of no instance is 404, and of a tham luận is refused with 422", "[http][summary]",
                   SqliteBackend, PostgresqlBackend) {
    TestType database;
    TestServer server(on(database.url()));
    const ApiClient api(server);
    const auto missing = api.get(summary_of("00000000-0000-4000-8000-000000000000"));
    CHECK(missing.status == 404);
    CHECK(problem_type(missing) == "not-found");

    const std::string seminar = api.create_seminar("Tọa đàm");
    const std::string submission =
        create_child(api, seminar, "submission",
                     {{"unit", mao_khe}, {"due_at", "2026-10-10T10:00:00Z"}, {"seminar_title", "Tọa đàm"}});
    const auto refused = api.get(summary_of(submission));
    INFO(refused.body);
    CHECK(refused.status == 422);
    CHECK(refused.content_type == "application/problem+json");
    CHECK(problem_type(refused) == "no-summary");
    CHECK(json_of(refused).at("workflow") == "submission");
}

}  // namespace seminarflow::testing
