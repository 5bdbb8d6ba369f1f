// Listing instances and reading history over HTTP: opaque cursors, filters, refusals, on SQLite
// and on the throwaway PostgreSQL.
#include "tests/http/instance_api.hpp"

#include "tests/runtime/engine_fixture.hpp"
#include "tests/store/backends.hpp"

using seminarflow::test::PostgresqlBackend;
using seminarflow::test::SqliteBackend;

namespace seminarflow::testing {
namespace {

std::vector<std::string> ids_of(const boost::json::object& page) {
    std::vector<std::string> ids;
    for (const auto& item : page.at("items").as_array()) ids.emplace_back(item.at("id").as_string());
    return ids;
}

// Follows next_cursor from `target` to the last page; the pages' ids.
std::vector<std::vector<std::string>> walk(const ApiClient& api, const std::string& target) {
    std::vector<std::vector<std::string>> pages;
    std::string next = target;
    while (!next.empty()) {
        const auto response = api.get(next);
        INFO(next << ": " << response.body);
        REQUIRE(response.status == 200);
        const auto page = json_of(response);
        pages.push_back(ids_of(page));
        const auto& cursor = page.at("next_cursor");
        next = cursor.is_null() ? "" : target + (target.find('?') == std::string::npos ? "?" : "&") +
                                           "cursor=" + std::string(cursor.as_string());
        REQUIRE(pages.size() < 50);
    }
    return pages;
}

using Pages = std::vector<std::vector<std::string>>;

}  // namespace

TEMPLATE_TEST_CASE("instances are listed oldest first, a page at a time, with an opaque cursor",
                   "[http][listing]", SqliteBackend, PostgresqlBackend) {
    TestType database;
    TestServer server(on(database.url()));
    const ApiClient api(server);
    std::vector<std::string> ids;
    for (int i = 1; i <= 5; ++i) {
        server.clock().set(*parse_rfc3339("2026-08-04T01:30:00Z") + std::chrono::seconds(i));
        ids.push_back(api.create_seminar("Tọa đàm lần thứ " + std::to_string(i)));
    }
    CHECK(walk(api, "/v1/instances?limit=2") == Pages{{ids[0], ids[1]}, {ids[2], ids[3]}, {ids[4]}});
    CHECK(walk(api, "/v1/instances") == Pages{ids});

    // An instance created while a client pages through comes at the end, without shifting pages.
    const auto first = json_of(api.get("/v1/instances?limit=2"));
    server.clock().set(*parse_rfc3339("2026-08-04T02:00:00Z"));
    const std::string late = api.create_seminar("Tọa đàm muộn");
    const auto second = json_of(api.get("/v1/instances?limit=2&cursor=" + std::string(first.at("next_cursor").as_string())));
    CHECK(ids_of(second) == std::vector<std::string>{ids[2], ids[3]});
    // A listed instance is the same document GET /v1/instances/{id} gives.
    const auto listed = json_of(api.get("/v1/instances?limit=1")).at("items").at(0);
    CHECK(listed == boost::json::value(json_of(api.get("/v1/instances/" + ids[0]))));
    CHECK(walk(api, "/v1/instances?limit=3").back().back() == late);
}

TEMPLATE_TEST_CASE("listings filter by workflow, state and parent", "[http][listing]", SqliteBackend,
                   PostgresqlBackend) {
    TestType database;
    TestServer server(on(database.url()));
    const ApiClient api(server);
    const std::string draft = api.create_seminar("Tọa đàm còn nháp");
    server.clock().set(*parse_rfc3339("2026-08-04T01:30:01Z"));
    const std::string seminar = api.create_seminar("Hội thảo khoa học");
    server.clock().set(*parse_rfc3339("2026-08-05T02:00:00Z"));
    CHECK(api.move(seminar, "plan", test::plan_payload()) == "planned");
    const auto invited =
        api.send(seminar, "invite",
                 {{"units", boost::json::array{"Công đoàn Sở Tư pháp", "Công đoàn Kho bạc Nhà nước"}},
                  {"contributions_due", "2026-08-18T10:00:00Z"}});
    REQUIRE(invited.status == 200);
    std::vector<std::string> children;
    const auto answer = json_of(invited);
    for (const auto& child : answer.at("spawned").as_array()) children.emplace_back(child.as_string());
    REQUIRE(children.size() == 2);
    std::sort(children.begin(), children.end());  // created in one millisecond: listed in id order

    CHECK(walk(api, "/v1/instances?workflow=seminar") == Pages{{draft, seminar}});
    CHECK(walk(api, "/v1/instances?workflow=submission&limit=1") == Pages{{children[0]}, {children[1]}});
    CHECK(walk(api, "/v1/instances?parent=" + seminar) == Pages{children});
    CHECK(walk(api, "/v1/instances?workflow=seminar&state=draft") == Pages{{draft}});
    CHECK(walk(api, "/v1/instances?workflow=seminar&state=inviting") == Pages{{seminar}});
    CHECK(walk(api, "/v1/instances?state=invited&parent=" + seminar + "&workflow=submission") == Pages{children});
    CHECK(walk(api, "/v1/instances?parent=" + draft) == Pages{{}});
    CHECK(walk(api, "/v1/instances?workflow=contest") == Pages{{}});
}

TEMPLATE_TEST_CASE("a bad listing query gets 400 naming the parameter", "[http][listing]", SqliteBackend,
                   PostgresqlBackend) {
    TestType database;
    TestServer server(on(database.url()));
    const ApiClient api(server);
    api.create_seminar("Tọa đàm");
    api.create_seminar("Hội thảo");
    const std::string cursor(json_of(api.get("/v1/instances?limit=1")).at("next_cursor").as_string());
    std::string tampered = cursor;
    tampered[2] = tampered[2] == 'x' ? 'y' : 'x';

    for (const auto& [target, field] : std::vector<std::pair<std::string, std::string>>{
             {"/v1/instances?cursor=" + tampered, "cursor"},
             {"/v1/instances?cursor=bm9wZQ", "cursor"},
             {"/v1/instances?limit=0", "limit"},
             {"/v1/instances?limit=many", "limit"},
             {"/v1/instances?sate=draft", "sate"}}) {
        const auto refused = api.get(target);
        INFO(target);
        CHECK(refused.status == 400);
        CHECK(json_of(refused).at("field").as_string() == field);
    }
    CHECK(problem_type(api.get("/v1/instances?cursor=" + tampered)) == "invalid-cursor");
}

TEMPLATE_TEST_CASE("history is read in pages, after a seq or from a cursor", "[http][history]", SqliteBackend,
                   PostgresqlBackend) {
    TestType database;
    TestServer server(on(database.url()));
    const ApiClient api(server);
    const std::string id = api.create_seminar("Tọa đàm");
    for (const auto* title : {"Tọa đàm 1", "Tọa đàm 2", "Tọa đàm 3", "Tọa đàm 4"}) {
        api.move(id, "rename", {{"title", title}});
    }

    const auto seqs = [&](const std::string& target) {
        const auto response = api.get(target);
        INFO(target << ": " << response.body);
        REQUIRE(response.status == 200);
        const auto page = json_of(response);
        std::vector<std::int64_t> numbers;
        for (const auto& entry : page.at("items").as_array()) numbers.push_back(entry.at("seq").as_int64());
        return std::make_pair(numbers, page.at("next_cursor"));
    };
    const std::string base = "/v1/instances/" + id + "/history";
    const auto [all, no_more] = seqs(base);
    CHECK(all == std::vector<std::int64_t>{1, 2, 3, 4, 5});
    CHECK(no_more.is_null());

    const auto [first, cursor] = seqs(base + "?limit=3");
    CHECK(first == std::vector<std::int64_t>{1, 2, 3});
    REQUIRE(cursor.is_string());
    const auto [rest, end] = seqs(base + "?limit=3&cursor=" + std::string(cursor.as_string()));
    CHECK(rest == std::vector<std::int64_t>{4, 5});
    CHECK(end.is_null());
    CHECK(seqs(base + "?after=4").first == std::vector<std::int64_t>{5});
    CHECK(seqs(base + "?after=5").first.empty());  // past the end: an empty page, not a 404

    const auto entry = json_of(api.get(base + "?limit=1")).at("items").at(0);
    CHECK(entry.at("event") == "created");
    CHECK(entry.at("from").is_null());
    CHECK(entry.at("to") == "draft");
    CHECK(entry.at("at") == "2026-08-04T01:30:00Z");
    CHECK(entry.at("actor") == boost::json::object{{"id", server.token_id()}, {"role", "admin"}});

    CHECK(api.get(base + "?after=-1").status == 400);
    CHECK(json_of(api.get(base + "?cursor=AAAA")).at("field") == "cursor");
    const auto both = api.get(base + "?after=1&cursor=" + std::string(cursor.as_string()));
    CHECK(both.status == 400);
}

}  // namespace seminarflow::testing
