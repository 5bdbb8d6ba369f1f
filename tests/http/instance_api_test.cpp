// The instance endpoints on the wire, over SQLite and over the throwaway PostgreSQL: a seminar
// created and driven through its first stages, and every way a request is refused.
#include "tests/http/instance_api.hpp"

#include <boost/json/serialize.hpp>

#include "tests/runtime/engine_fixture.hpp"
#include "tests/store/backends.hpp"

using seminarflow::test::PostgresqlBackend;
using seminarflow::test::SqliteBackend;

namespace seminarflow::testing {
namespace {

const std::string vietnamese_title = "Hội thảo khoa học: Công đoàn với chuyển đổi số";

boost::json::object invite_payload() {
    return {{"units",
             boost::json::array{"Công đoàn Sở Tư pháp", "Công đoàn Kho bạc Nhà nước", "Công đoàn Cục Thuế tỉnh"}},
            {"contributions_due", "2026-08-18T10:00:00Z"}};
}

}  // namespace

TEMPLATE_TEST_CASE("a seminar is created, read back and driven through its first stages", "[http][instances]",
                   SqliteBackend, PostgresqlBackend) {
    TestType database;
    TestServer server(on(database.url()));
    const ApiClient api(server);

    const auto created = api.post("/v1/instances", boost::json::object{{"workflow", "seminar"},
                                                                        {"data", {{"title", vietnamese_title}}}});
    REQUIRE(created.status == 201);
    CHECK(created.content_type == "application/json");
    const auto instance = json_of(created).at("instance").as_object();
    const std::string id(instance.at("id").as_string());
    CHECK(created.header("Location") == "/v1/instances/" + id);
    CHECK(instance.at("workflow") == "seminar");
    CHECK(instance.at("definition_version") == 2);
    CHECK(instance.at("state") == "draft");
    CHECK(instance.at("parent").is_null());
    CHECK(instance.at("version") == 1);
    CHECK(instance.at("created_at") == "2026-08-04T01:30:00Z");
    CHECK(json_of(created).at("history").at("event") == "created");

    const auto read = api.get("/v1/instances/" + id);
    REQUIRE(read.status == 200);
    CHECK(json_of(read).at("state") == "draft");
    CHECK(json_of(read).at("id").as_string() == id);

    server.clock().set(*parse_rfc3339("2026-08-05T02:00:00Z"));
    const auto planned = api.as(Role::organiser).send(id, "plan", test::plan_payload());
    REQUIRE(planned.status == 200);
    const auto answer = json_of(planned);
    CHECK(answer.at("instance").at("state") == "planned");
    CHECK(answer.at("instance").at("version") == 2);
    CHECK(answer.at("instance").at("updated_at") == "2026-08-05T02:00:00Z");
    CHECK(answer.at("instance").at("data").at("venue") == "Hội trường Liên đoàn Lao động tỉnh");
    CHECK(answer.at("history").at("from") == "draft");
    CHECK(answer.at("history").at("to") == "planned");
    CHECK(answer.at("history").at("actor") ==
          boost::json::object{{"id", server.token_id(Role::organiser)}, {"role", "organiser"}});
    // The effects taken: the chair and organiser told, and the not-ready warning set for 3 days before.
    std::vector<std::string> effects;
    for (const auto& effect : answer.at("effects").as_array()) effects.emplace_back(effect.at("type").as_string());
    CHECK(std::find(effects.begin(), effects.end(), "notify") != effects.end());
    CHECK(std::find(effects.begin(), effects.end(), "schedule_timer") != effects.end());

    const auto invited = api.send(id, "invite", invite_payload());
    REQUIRE(invited.status == 200);
    CHECK(json_of(invited).at("instance").at("state") == "inviting");
    CHECK(json_of(invited).at("spawned").as_array().size() == 3);
    CHECK(api.move(id, "open_collection") == "collecting");
    CHECK(json_of(api.get("/v1/instances/" + id)).at("version") == 4);
}

TEMPLATE_TEST_CASE("Vietnamese text round-trips byte for byte", "[http][instances]", SqliteBackend, PostgresqlBackend) {
    TestType database;
    TestServer server(on(database.url()));
    const ApiClient api(server);
    const std::string id = api.create_seminar(vietnamese_title);
    // Sent as raw UTF-8, the title comes back as the same bytes, not as \u escapes.
    const auto read = api.get("/v1/instances/" + id);
    CHECK(read.body.find("\"title\":\"" + vietnamese_title + "\"") != std::string::npos);
    const std::string renamed = "Tọa đàm “Nâng cao chất lượng hoạt động và xây dựng CĐCS vững mạnh” 😀";
    CHECK(api.move(id, "rename", {{"title", renamed}}) == "draft");
    const auto again = api.get("/v1/instances/" + id);
    CHECK(std::string(json_of(again).at("data").at("title").as_string()) == renamed);
    CHECK(again.body.find(renamed) != std::string::npos);
    const auto history = api.get("/v1/instances/" + id + "/history");
    CHECK(history.body.find(vietnamese_title) != std::string::npos);
    CHECK(history.body.find(renamed) != std::string::npos);
}

TEMPLATE_TEST_CASE("an unknown instance is 404 on every instance route", "[http][instances]", SqliteBackend,
                   PostgresqlBackend) {
    TestType database;
    TestServer server(on(database.url()));
    const ApiClient api(server);
    const std::string nobody = "0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b";
    for (const auto& response : {api.get("/v1/instances/" + nobody), api.get("/v1/instances/" + nobody + "/history"),
                                 api.send(nobody, "plan", test::plan_payload()), api.get("/v1/instances/not-an-id"),
                                 // Ids no instance can have, which PostgreSQL would refuse as text.
                                 api.get("/v1/instances/%FF%FE"), api.get("/v1/instances/a%00b")}) {
        CHECK(response.status == 404);
        CHECK(problem_type(response) == "not-found");
    }
    CHECK_THAT(std::string(json_of(api.get("/v1/instances/" + nobody)).at("detail").as_string()),
               Catch::Contains(nobody));
}

TEMPLATE_TEST_CASE("an event is refused with the status of its refusal and the rule at fault", "[http][instances]",
                   SqliteBackend, PostgresqlBackend) {
    TestType database;
    TestServer server(on(database.url()));
    const ApiClient api(server);
    const std::string id = api.create_seminar("Tọa đàm");

    SECTION("409: not allowed in the current state") {
        const auto refused = api.send(id, "open_collection");
        CHECK(refused.status == 409);
        CHECK(problem_type(refused) == "not-allowed-in-state");
        CHECK(json_of(refused).at("rule") == "open_collection");
        CHECK(json_of(refused).at("field") == "type");
    }
    SECTION("409: the instance is finished") {
        CHECK(api.move(id, "cancel", {{"reason", "Hoãn vô thời hạn"}}) == "cancelled");
        const auto refused = api.send(id, "rename", {{"title", "x"}});
        CHECK(refused.status == 409);
        CHECK(problem_type(refused) == "instance-finished");
    }
    SECTION("422: a guard does not hold") {
        auto payload = test::plan_payload();
        payload["starts_at"] = "2026-08-01T07:00:00Z";  // before the server's now
        const auto refused = api.send(id, "plan", payload);
        CHECK(refused.status == 422);
        CHECK(problem_type(refused) == "guard-failed");
        CHECK(json_of(refused).at("rule") == "payload.starts_at > now");
    }
    SECTION("422: a payload field is missing, mistyped or unknown") {
        auto missing = test::plan_payload();
        missing.erase("venue");
        const auto refused = api.send(id, "plan", missing);
        CHECK(refused.status == 422);
        CHECK(problem_type(refused) == "payload-invalid");
        CHECK(json_of(refused).at("field") == "payload.venue");
        auto mistyped = test::plan_payload();
        mistyped["min_contributions"] = "six";
        CHECK(json_of(api.send(id, "plan", mistyped)).at("field") == "payload.min_contributions");
        auto unknown = test::plan_payload();
        unknown["catering"] = true;
        CHECK(json_of(api.send(id, "plan", unknown)).at("field") == "payload.catering");
    }
    SECTION("422: no state of the workflow takes the event") {
        const auto refused = api.send(id, "dance");
        CHECK(refused.status == 422);
        CHECK(problem_type(refused) == "unknown-event");
    }
    SECTION("403: the caller's role may not send it") {
        const auto refused = api.as(Role::member).send(id, "rename", {{"title", "x"}});
        CHECK(refused.status == 403);
        CHECK(problem_type(refused) == "role-not-allowed");
        CHECK(json_of(refused).at("rule") == "member");
        CHECK_THAT(std::string(json_of(refused).at("detail").as_string()), Catch::Contains("organiser"));
    }
    // Whatever was refused left the instance as it was.
    const auto after = json_of(api.get("/v1/instances/" + id));
    CHECK(after.at("version").as_int64() <= 2);
    CHECK(json_of(api.get("/v1/instances/" + id + "/history")).at("items").as_array().size() ==
          static_cast<std::size_t>(after.at("version").as_int64()));
}

TEMPLATE_TEST_CASE("a creation is refused when its workflow, parent or data is wrong", "[http][instances]",
                   SqliteBackend, PostgresqlBackend) {
    TestType database;
    TestServer server(on(database.url()));
    const ApiClient api(server);
    const auto create = [&](boost::json::object body) { return api.post("/v1/instances", body); };

    const auto workflow = create({{"workflow", "banquet"}, {"data", {{"title", "x"}}}});
    CHECK(workflow.status == 404);
    CHECK(problem_type(workflow) == "workflow-not-found");
    CHECK(json_of(workflow).at("field") == "workflow");

    const auto parent = create({{"workflow", "seminar"}, {"data", {{"title", "x"}}},
                                {"parent", "0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b"}});
    CHECK(parent.status == 404);
    CHECK(json_of(parent).at("field") == "parent");

    const auto untitled = create({{"workflow", "seminar"}, {"data", boost::json::object{}}});
    CHECK(untitled.status == 422);
    CHECK(problem_type(untitled) == "payload-invalid");
    CHECK(json_of(untitled).at("field") == "data.title");

    const auto mistyped = create({{"workflow", "seminar"}, {"data", {{"title", "x"}, {"sequence", "ba"}}}});
    CHECK(mistyped.status == 422);
    CHECK(json_of(mistyped).at("field") == "data.sequence");

    // A time zone the IANA database does not know: refused here, where the caller can fix it.
    const auto unzoned = create({{"workflow", "seminar"}, {"data", {{"title", "x"}, {"timezone", "Mars/Olympus"}}}});
    CHECK(unzoned.status == 422);
    CHECK(problem_type(unzoned) == "payload-invalid");
    CHECK(json_of(unzoned).at("field") == "data.timezone");
    CHECK_THAT(std::string(json_of(unzoned).at("detail").as_string()), Catch::Contains("Mars/Olympus"));
    CHECK(json_of(api.get("/v1/instances")).at("items").as_array().empty());
}

TEMPLATE_TEST_CASE("request bodies are checked: 400 for what is not JSON, 422 naming the member for the wrong shape",
                   "[http][instances]", SqliteBackend, PostgresqlBackend) {
    TestType database;
    TestServer server(on(database.url()));
    const ApiClient api(server);
    const std::string id = api.create_seminar("Tọa đàm");

    for (const std::string body : {"{\"workflow\": \"seminar\",", "", "{\"workflow\": \"h\xe1i\"}"}) {
        const auto refused = api.post("/v1/instances", body);
        CHECK(refused.status == 400);
        CHECK(problem_type(refused) == "malformed-json");
    }
    const auto unknown = api.post("/v1/instances", std::string(R"({"workflow": "seminar", "titel": "x"})"));
    CHECK(unknown.status == 422);
    CHECK(problem_type(unknown) == "invalid-body");
    CHECK(json_of(unknown).at("field") == "titel");
    const auto mistyped = api.post("/v1/instances/" + id + "/events", std::string(R"({"type": "plan", "payload": []})"));
    CHECK(mistyped.status == 422);
    CHECK(json_of(mistyped).at("field") == "payload");
    const auto untyped = api.post("/v1/instances/" + id + "/events", std::string(R"({"payload": {}})"));
    CHECK(untyped.status == 422);
    CHECK(json_of(untyped).at("field") == "type");
    CHECK(api.post("/v1/instances/" + id + "/events", std::string("[]")).status == 422);
    // None of it reached the instance, and the server still answers.
    CHECK(json_of(api.get("/v1/instances/" + id)).at("version") == 1);
}

}  // namespace seminarflow::testing
