// The organisation's directory over HTTP, on SQLite and on the throwaway PostgreSQL: units and
// people added, read (a unit with its children and people), listed in pages and walked down by
// kind and depth; every refusal (unknown parent, a cycle, a kind out of order, a ref taken, an
// unknown kind, a bad language or email, a bad query, a role that may not write); and inviting
// a district's grassroots unions to a seminar in one call; units and people changed by PATCH and
// removed by DELETE, every refusal of those changing nothing.
#include "tests/http/instance_api.hpp"

#include <boost/json/serialize.hpp>

#include "tests/store/backends.hpp"

using seminarflow::test::PostgresqlBackend;
using seminarflow::test::SqliteBackend;
using namespace std::string_literals;

namespace seminarflow::testing {
namespace {

boost::json::object unit(const std::string& ref, const std::string& kind, const std::string& name,
                         const std::optional<std::string>& parent) {
    boost::json::object body{{"ref", ref}, {"kind", kind}, {"name", name}};
    if (parent) body["parent"] = *parent;
    return body;
}

boost::json::object with(boost::json::object body, std::string_view name, boost::json::value value) {
    body[name] = std::move(value);
    return body;
}

// The seeds' shape: a province, its civil servants' union, a city, grassroots unions, a group.
void add_seeded_units(const ApiClient& api) {
    const std::vector<boost::json::object> units{
        unit("ldld-tinh", "federation", "Liên đoàn Lao động tỉnh Quảng Ninh", std::nullopt),
        unit("cdvc-tinh", "sector", "Công đoàn Viên chức tỉnh", "ldld-tinh"),
        unit("ldld-ha-long", "district", "Liên đoàn Lao động thành phố Hạ Long", "ldld-tinh"),
        with(unit("cdcs-so-tu-phap", "grassroots", "Công đoàn Sở Tư pháp", "cdvc-tinh"), "contact",
             boost::json::object{{"email", "congdoan@stp.example.vn"}}),
        unit("cdcs-cuc-thue", "grassroots", "Công đoàn Cục Thuế tỉnh", "cdvc-tinh"),
        unit("cdcs-thpt-ha-long", "grassroots", "Công đoàn Trường THPT Hạ Long", "ldld-ha-long"),
        unit("to-cd-1", "group", "Tổ công đoàn số 1", "cdcs-thpt-ha-long"),
    };
    for (const auto& body : units) {
        const auto added = api.post("/v1/units", body);
        INFO(added.body);
        REQUIRE(added.status == 201);
    }
}

std::vector<std::string> refs_in(const boost::json::value& items) {
    std::vector<std::string> refs;
    for (const auto& item : items.as_array()) refs.emplace_back(item.at("ref").as_string());
    return refs;
}

std::vector<std::string> listed(const ClientResponse& response) {
    INFO(response.body);
    REQUIRE(response.status == 200);
    return refs_in(json_of(response).at("items"));
}

// A refusal: its status, problem type and field.
void check_problem(const ClientResponse& response, unsigned status, const std::string& type, const std::string& field) {
    INFO(response.body);
    CHECK(response.status == status);
    CHECK(response.content_type == "application/problem+json");
    CHECK(problem_type(response) == type);
    if (!field.empty()) CHECK(json_of(response).at("field") == field.c_str());
}

}  // namespace

TEMPLATE_TEST_CASE("units are added and read with their children and people, Vietnamese byte for byte",
                   "[http][directory]", SqliteBackend, PostgresqlBackend) {
    TestType database;
    TestServer server(on(database.url()));
    const ApiClient api(server, Role::organiser);
    add_seeded_units(api);

    const auto person = api.post("/v1/people", R"({"ref":"nguyen-van-kien","name":"Nguyễn Văn Kiên","unit":"cdvc-tinh",)"
                                               R"("title":"Chủ tịch","contact":{"email":"kien@ldld.example.vn"}})"s);
    INFO(person.body);
    REQUIRE(person.status == 201);
    CHECK(person.header("Location") == "/v1/people/nguyen-van-kien");
    CHECK(json_of(person).at("language") == "vi");

    const auto read = api.as(Role::viewer).get("/v1/units/cdvc-tinh");
    INFO(read.body);
    REQUIRE(read.status == 200);
    CHECK(read.body.find("\"name\":\"Công đoàn Viên chức tỉnh\"") != std::string::npos);
    const auto body = json_of(read);
    CHECK(body.at("kind") == "sector");
    CHECK(body.at("parent") == "ldld-tinh");
    CHECK(body.at("created_at") == "2026-08-04T01:30:00Z");
    CHECK(refs_in(body.at("children")) == std::vector<std::string>{"cdcs-cuc-thue", "cdcs-so-tu-phap"});
    CHECK(refs_in(body.at("people")) == std::vector<std::string>{"nguyen-van-kien"});
    CHECK(body.at("people").as_array()[0].at("title") == "Chủ tịch");
    CHECK(body.at("children_complete") == true);
    CHECK(json_of(api.get("/v1/units/ldld-tinh")).at("parent").is_null());

    // A Vietnamese ref, percent-encoded in the path and in Location.
    const auto viet = api.post("/v1/units", unit("Công đoàn Sở Y tế", "grassroots", "Công đoàn Sở Y tế", "cdvc-tinh"));
    REQUIRE(viet.status == 201);
    CHECK(viet.header("Location") == "/v1/units/C%C3%B4ng%20%C4%91o%C3%A0n%20S%E1%BB%9F%20Y%20t%E1%BA%BF");
    CHECK(api.get(viet.header("Location")).status == 200);

    // The same unit again is 200, the stored one; other content under its ref is 409.
    server.clock().set(*parse_rfc3339("2026-08-05T02:00:00Z"));
    const auto same = api.post("/v1/units", unit("cdcs-cuc-thue", "grassroots", "Công đoàn Cục Thuế tỉnh", "cdvc-tinh"));
    CHECK(same.status == 200);
    CHECK(json_of(same).at("created_at") == "2026-08-04T01:30:00Z");
    check_problem(api.post("/v1/units", unit("cdcs-cuc-thue", "grassroots", "Công đoàn Cục Thuế", "cdvc-tinh")), 409,
                  "ref-conflict", "ref");

    check_problem(api.get("/v1/units/khong-co"), 404, "unit-not-found", "");
    check_problem(api.get("/v1/people/khong-co"), 404, "person-not-found", "");
    CHECK(json_of(api.get("/v1/people/nguyen-van-kien")).at("unit") == "cdvc-tinh");
}

TEMPLATE_TEST_CASE("a unit or person that cannot be is refused with the member at fault", "[http][directory]",
                   SqliteBackend, PostgresqlBackend) {
    TestType database;
    TestServer server(on(database.url()));
    const ApiClient api(server);
    add_seeded_units(api);
    const auto fresh = unit("cdcs-moi", "grassroots", "Công đoàn mới", "cdvc-tinh");

    check_problem(api.post("/v1/units", with(fresh, "parent", "khong-co")), 422, "unknown-parent", "parent");
    check_problem(api.post("/v1/units", with(fresh, "parent", "cdcs-moi")), 422, "cycle", "parent");
    check_problem(api.post("/v1/units", with(fresh, "kind", "federation")), 422, "kind-order", "kind");
    check_problem(api.post("/v1/units", with(fresh, "kind", "ban")), 422, "invalid-body", "kind");
    check_problem(api.post("/v1/units", with(fresh, "language", "fr")), 422, "invalid-body", "language");
    check_problem(api.post("/v1/units", with(fresh, "contact", boost::json::object{{"email", "khong-phai-email"}})), 422,
                  "invalid-body", "contact.email");
    check_problem(api.post("/v1/units", with(fresh, "contact", boost::json::object{{"email", 5}})), 422,
                  "invalid-body", "contact.email");
    check_problem(api.post("/v1/units", with(fresh, "ref", "a/b")), 422, "invalid-body", "ref");
    check_problem(api.post("/v1/units", with(fresh, "parent", 7)), 422, "invalid-body", "parent");
    check_problem(api.post("/v1/units", with(fresh, "seats", 7)), 422, "invalid-body", "seats");
    check_problem(api.post("/v1/units", R"({"ref":"x","kind":"group"})"s), 422, "invalid-body", "name");
    check_problem(api.post("/v1/units", "{"s), 400, "malformed-json", "");

    const std::string person = R"({"ref":"ai-do","name":"Ai đó","unit":"khong-co"})"s;
    check_problem(api.post("/v1/people", person), 422, "unknown-unit", "unit");
    check_problem(api.post("/v1/people", R"({"ref":"ai-do","name":"Ai đó","language":"de"})"s), 422, "invalid-body",
                  "language");
    check_problem(api.post("/v1/people", R"({"ref":"ai-do","name":"Ai đó","contact":{"email":"a@@b.vn"}})"s), 422,
                  "invalid-body", "contact.email");

    // Admins and organisers write; members, reviewers and viewers read.
    for (const Role role : {Role::member, Role::reviewer, Role::viewer}) {
        check_problem(api.as(role).post("/v1/units", fresh), 403, "role-not-allowed", "");
        check_problem(api.as(role).post("/v1/people", R"({"ref":"b","name":"B"})"s), 403, "role-not-allowed", "");
        CHECK(api.as(role).get("/v1/units").status == 200);
    }
    CHECK(listed(api.get("/v1/units?kind=grassroots")).size() == 3);  // none of the refused ones
}

TEMPLATE_TEST_CASE("units come in pages, and a unit's descendants by kind and depth", "[http][directory]",
                   SqliteBackend, PostgresqlBackend) {
    TestType database;
    TestServer server(on(database.url()));
    const ApiClient api(server, Role::organiser);
    add_seeded_units(api);

    CHECK(listed(api.get("/v1/units/ldld-tinh/units?kind=grassroots&depth=all")) ==
          std::vector<std::string>{"cdcs-cuc-thue", "cdcs-so-tu-phap", "cdcs-thpt-ha-long"});
    CHECK(listed(api.get("/v1/units/ldld-tinh/units?depth=1")) == std::vector<std::string>{"cdvc-tinh", "ldld-ha-long"});
    CHECK(listed(api.get("/v1/units/ldld-ha-long/units")) == std::vector<std::string>{"cdcs-thpt-ha-long", "to-cd-1"});
    CHECK(listed(api.get("/v1/units?parent=cdvc-tinh")) == std::vector<std::string>{"cdcs-cuc-thue", "cdcs-so-tu-phap"});

    const auto first = api.get("/v1/units/ldld-tinh/units?limit=4");
    CHECK(listed(first).size() == 4);
    const std::string cursor(json_of(first).at("next_cursor").as_string());
    const auto rest = api.get("/v1/units/ldld-tinh/units?limit=4&cursor=" + cursor);
    CHECK(listed(rest) == std::vector<std::string>{"ldld-ha-long", "to-cd-1"});
    CHECK(json_of(rest).at("next_cursor").is_null());
    CHECK(listed(api.get("/v1/units?limit=4&cursor=" + cursor)).size() == 3);

    check_problem(api.get("/v1/units/khong-co/units"), 404, "unit-not-found", "");
    check_problem(api.get("/v1/units/ldld-tinh/units?depth=0"), 400, "invalid-parameter", "depth");
    check_problem(api.get("/v1/units/ldld-tinh/units?depth=muoi"), 400, "invalid-parameter", "depth");
    check_problem(api.get("/v1/units/ldld-tinh/units?depth=101"), 400, "invalid-parameter", "depth");
    check_problem(api.get("/v1/units/ldld-tinh/units?depth=1.5"), 400, "invalid-parameter", "depth");
    CHECK(listed(api.get("/v1/units/ldld-tinh/units?depth=100")).size() == 6);
    check_problem(api.get("/v1/units/ldld-tinh/units?kind=ban"), 400, "invalid-parameter", "kind");
    check_problem(api.get("/v1/units?kind=ban"), 400, "invalid-parameter", "kind");
    check_problem(api.get("/v1/units?sate=1"), 400, "invalid-parameter", "sate");
    check_problem(api.get("/v1/units?cursor=bad!"), 400, "invalid-cursor", "cursor");
    // A page that ends one short of the whole: the last page holds the one left, and says it is last.
    const auto almost = api.get("/v1/units/ldld-tinh/units?limit=5");
    const std::string rest_cursor(json_of(almost).at("next_cursor").as_string());
    const auto last = api.get("/v1/units/ldld-tinh/units?limit=5&cursor=" + rest_cursor);
    CHECK(listed(last) == std::vector<std::string>{"to-cd-1"});
    CHECK(json_of(last).at("next_cursor").is_null());
    const auto people = api.get("/v1/people?limit=1");
    REQUIRE(people.status == 200);
    check_problem(api.get("/v1/people?cursor=" + cursor), 400, "invalid-cursor", "cursor");
}

TEMPLATE_TEST_CASE("a seminar invites every grassroots union of a district in one call, once",
                   "[http][directory][participants]", SqliteBackend, PostgresqlBackend) {
    TestType database;
    TestServer server(on(database.url()));
    const ApiClient api(server, Role::organiser);
    add_seeded_units(api);
    const std::string id = api.create_seminar("Tọa đàm: Xây dựng công đoàn cơ sở vững mạnh");
    const std::string invite = "/v1/instances/" + id + "/participants/invite";
    const std::string body = R"({"units_under":"cdvc-tinh","kind":"grassroots","role":"contributor"})"s;

    const auto first = api.post(invite, body);
    INFO(first.body);
    REQUIRE(first.status == 200);
    const auto counts = json_of(first);
    CHECK(counts.at("matched") == 2);
    CHECK(counts.at("added") == 2);
    CHECK(counts.at("already") == 0);
    CHECK(counts.at("depth") == "all");

    const auto participants = api.get("/v1/instances/" + id + "/participants?role=contributor");
    REQUIRE(participants.status == 200);
    const auto items = json_of(participants).at("items").as_array();
    REQUIRE(items.size() == 2);
    CHECK(items[1].at("kind") == "unit");
    CHECK(items[1].at("ref") == "cdcs-so-tu-phap");
    CHECK(items[1].at("display_name") == "Công đoàn Sở Tư pháp");
    CHECK(items[1].at("contact").at("email") == "congdoan@stp.example.vn");

    // Again, and for the whole province: only the city's union is new.
    const auto again = json_of(api.post(invite, body));
    CHECK(again.at("added") == 0);
    CHECK(again.at("already") == 2);
    const auto province =
        json_of(api.post(invite, R"({"units_under":"ldld-tinh","kind":"grassroots","depth":"all","role":"contributor"})"s));
    CHECK(province.at("matched") == 3);
    CHECK(province.at("added") == 1);

    // With an Idempotency-Key a retry gets the first answer, byte for byte.
    const Headers key{{"Idempotency-Key", "moi-khach"}};
    const std::string guests = R"({"units_under":"ldld-tinh","depth":1,"role":"guest"})"s;
    const auto keyed = api.post(invite, guests, key);
    REQUIRE(keyed.status == 200);
    CHECK(json_of(keyed).at("added") == 2);
    const auto replay = api.post(invite, guests, key);
    CHECK(replay.body == keyed.body);
    CHECK(replay.header("Idempotent-Replayed") == "true");

    check_problem(api.post("/v1/instances/" + std::string(36, '0') + "/participants/invite", body), 404, "not-found", "");
    check_problem(api.post(invite, R"({"units_under":"khong-co","role":"contributor"})"s), 404, "unit-not-found",
                  "units_under");
    check_problem(api.post(invite, R"({"units_under":"cdvc-tinh","role":"Khách"})"s), 422, "invalid-body", "role");
    check_problem(api.post(invite, R"({"units_under":"cdvc-tinh","kind":"ban","role":"guest"})"s), 422, "invalid-body",
                  "kind");
    check_problem(api.post(invite, R"({"units_under":"cdvc-tinh","depth":0,"role":"guest"})"s), 422, "invalid-body",
                  "depth");
    for (const char* depth : {"101", "\"2\"", "1.5"}) {
        INFO(depth);
        check_problem(api.post(invite, R"({"units_under":"cdvc-tinh","role":"guest","depth":)"s + depth + "}"), 422,
                      "invalid-body", "depth");
    }
    // A unit with nothing of that kind below it: nobody is invited, and that is an answer, not an error.
    const auto none = api.post(invite, R"({"units_under":"cdcs-so-tu-phap","kind":"group","role":"guest"})"s);
    REQUIRE(none.status == 200);
    CHECK(json_of(none).at("matched") == 0);
    CHECK(json_of(none).at("added") == 0);
    check_problem(api.post(invite, R"({"role":"guest"})"s), 422, "invalid-body", "units_under");
    check_problem(api.as(Role::member).post(invite, body), 403, "role-not-allowed", "");
    check_problem(api.as(Role::viewer).post(invite, body), 403, "role-not-allowed", "");
}

TEMPLATE_TEST_CASE("a unit is renamed and moved and its contact merged by PATCH and a person moved and retitled",
                   "[http][directory]", SqliteBackend, PostgresqlBackend) {
    TestType database;
    TestServer server(on(database.url()));
    const ApiClient api(server, Role::organiser);
    add_seeded_units(api);
    REQUIRE(api.post("/v1/people", R"({"ref":"nguyen-van-kien","name":"Nguyễn Văn Kiên","unit":"cdvc-tinh",)"
                                   R"("title":"Chủ tịch","contact":{"email":"kien@ldld.example.vn"}})"s)
                .status == 201);
    server.clock().set(*parse_rfc3339("2026-08-06T03:00:00Z"));

    // The city's school union moves, with its group, under the civil servants' union, renamed.
    const auto moved = api.patch("/v1/units/cdcs-thpt-ha-long",
                                 {{"name", "Công đoàn Trường THPT chuyên Hạ Long"}, {"parent", "cdvc-tinh"}});
    INFO(moved.body);
    REQUIRE(moved.status == 200);
    CHECK(json_of(moved).at("name") == "Công đoàn Trường THPT chuyên Hạ Long");
    CHECK(json_of(moved).at("updated_at") == "2026-08-06T03:00:00Z");
    CHECK(json_of(moved).at("created_at") == "2026-08-04T01:30:00Z");
    CHECK(listed(api.get("/v1/units/cdvc-tinh/units")) ==
          std::vector<std::string>{"cdcs-cuc-thue", "cdcs-so-tu-phap", "cdcs-thpt-ha-long", "to-cd-1"});
    CHECK(listed(api.get("/v1/units/ldld-ha-long/units")).empty());

    // The contact merged channel by channel; null clears it; null language is vi again.
    const auto phone = api.patch("/v1/units/cdcs-so-tu-phap", {{"contact", {{"phone", "0203 3835 123"}}},
                                                               {"language", "en"}});
    REQUIRE(phone.status == 200);
    CHECK(json_of(phone).at("contact") ==
          boost::json::object{{"email", "congdoan@stp.example.vn"}, {"phone", "0203 3835 123"}});
    CHECK(json_of(phone).at("language") == "en");
    const auto no_email = api.patch("/v1/units/cdcs-so-tu-phap", {{"contact", {{"email", nullptr}}}});
    CHECK(json_of(no_email).at("contact") == boost::json::object{{"phone", "0203 3835 123"}});
    const auto cleared = api.patch("/v1/units/cdcs-so-tu-phap", {{"contact", nullptr}, {"language", nullptr}});
    CHECK(json_of(cleared).at("contact") == boost::json::object{});
    CHECK(json_of(cleared).at("language") == "vi");
    // A sector union to the top, and a district union's kind changed to sector.
    CHECK(json_of(api.patch("/v1/units/cdvc-tinh", {{"parent", nullptr}})).at("parent").is_null());
    CHECK(json_of(api.patch("/v1/units/ldld-ha-long", {{"kind", "sector"}})).at("kind") == "sector");

    // A patch that changes nothing answers the unit as it was, updated_at and all.
    server.clock().set(*parse_rfc3339("2026-08-07T03:00:00Z"));
    const auto same = api.patch("/v1/units/to-cd-1", boost::json::object{{"name", "Tổ công đoàn số 1"}});
    REQUIRE(same.status == 200);
    CHECK(json_of(same).at("updated_at") == "2026-08-04T01:30:00Z");
    CHECK(api.patch("/v1/units/to-cd-1", boost::json::object{}).status == 200);

    // A person to another unit, a title cleared, an email changed; then out of the organisation.
    const auto person = api.patch("/v1/people/nguyen-van-kien", {{"unit", "ldld-tinh"},
                                                                  {"title", nullptr},
                                                                  {"contact", {{"email", "kien@tinh.example.vn"}}}});
    INFO(person.body);
    REQUIRE(person.status == 200);
    CHECK(json_of(person).at("unit") == "ldld-tinh");
    CHECK(json_of(person).at("title") == "");
    CHECK(json_of(person).at("contact").at("email") == "kien@tinh.example.vn");
    CHECK(listed(api.get("/v1/people?unit=ldld-tinh")) == std::vector<std::string>{"nguyen-van-kien"});
    CHECK(json_of(api.patch("/v1/people/nguyen-van-kien", {{"unit", nullptr}})).at("unit").is_null());

    // With an Idempotency-Key a retry gets the first answer; the key with another patch is refused.
    const Headers key{{"Idempotency-Key", "doi-ten"}};
    const boost::json::object rename{{"name", "Công đoàn Cục Thuế Quảng Ninh"}};
    const auto keyed = api.patch("/v1/units/cdcs-cuc-thue", rename, key);
    REQUIRE(keyed.status == 200);
    const auto replay = api.patch("/v1/units/cdcs-cuc-thue", rename, key);
    CHECK(replay.body == keyed.body);
    CHECK(replay.header("Idempotent-Replayed") == "true");
    check_problem(api.patch("/v1/units/cdcs-cuc-thue", {{"name", "Khác"}}, key), 422, "idempotency-key-reused", "");
}

TEMPLATE_TEST_CASE("a PATCH that cannot be is refused naming the rule or member and changes nothing",
                   "[http][directory]", SqliteBackend, PostgresqlBackend) {
    TestType database;
    TestServer server(on(database.url()));
    const ApiClient api(server, Role::organiser);
    add_seeded_units(api);
    REQUIRE(api.post("/v1/people", R"({"ref":"kien","name":"Nguyễn Văn Kiên","unit":"cdvc-tinh"})"s).status == 201);
    // The city's union under the sector union: now one of its descendants is of its level.
    REQUIRE(api.patch("/v1/units/ldld-ha-long", {{"parent", "cdvc-tinh"}}).status == 200);
    const std::string units_before = api.get("/v1/units?limit=100").body;
    const std::string person_before = api.get("/v1/people/kien").body;

    const std::string sector = "/v1/units/cdvc-tinh";
    check_problem(api.patch(sector, {{"parent", "cdvc-tinh"}}), 422, "cycle", "parent");
    check_problem(api.patch(sector, {{"parent", "ldld-ha-long"}}), 422, "cycle", "parent");
    check_problem(api.patch(sector, {{"parent", "khong-co"}}), 422, "unknown-parent", "parent");
    check_problem(api.patch("/v1/units/cdcs-cuc-thue", {{"kind", "federation"}}), 422, "kind-order", "kind");
    // Its grassroots union would sit above it.
    check_problem(api.patch("/v1/units/ldld-ha-long", {{"kind", "group"}}), 422, "kind-order", "kind");
    check_problem(api.patch(sector, {{"ref", "cdvc-moi"}}), 422, "invalid-body", "ref");
    check_problem(api.patch(sector, {{"ref", "cdvc-tinh"}}), 422, "invalid-body", "ref");
    check_problem(api.patch(sector, {{"seats", 7}}), 422, "invalid-body", "seats");
    check_problem(api.patch(sector, {{"name", nullptr}}), 422, "invalid-body", "name");
    check_problem(api.patch(sector, {{"name", ""}}), 422, "invalid-body", "name");
    check_problem(api.patch(sector, {{"kind", nullptr}}), 422, "invalid-body", "kind");
    check_problem(api.patch(sector, {{"kind", "ban"}}), 422, "invalid-body", "kind");
    check_problem(api.patch(sector, {{"language", "fr"}}), 422, "invalid-body", "language");
    check_problem(api.patch(sector, {{"parent", 7}}), 422, "invalid-body", "parent");
    check_problem(api.patch(sector, {{"contact", "congdoan@example.vn"}}), 422, "invalid-body", "contact");
    check_problem(api.patch(sector, {{"contact", {{"email", "khong-phai-email"}}}}), 422, "invalid-body",
                  "contact.email");
    check_problem(api.patch(sector, {{"contact", {{"email", 5}}}}), 422, "invalid-body", "contact.email");
    check_problem(api.patch(sector, boost::json::array{}), 422, "invalid-body", "");
    check_problem(api.patch("/v1/units/khong-co", {{"name", "Ai"}}), 404, "unit-not-found", "");

    const std::string kien = "/v1/people/kien";
    check_problem(api.patch(kien, {{"unit", "khong-co"}}), 422, "unknown-unit", "unit");
    check_problem(api.patch(kien, {{"ref", "kien-2"}}), 422, "invalid-body", "ref");
    check_problem(api.patch(kien, {{"name", nullptr}}), 422, "invalid-body", "name");
    check_problem(api.patch(kien, {{"language", "de"}}), 422, "invalid-body", "language");
    check_problem(api.patch(kien, {{"contact", {{"email", "a@@b.vn"}}}}), 422, "invalid-body", "contact.email");
    check_problem(api.patch(kien, {{"kind", "group"}}), 422, "invalid-body", "kind");
    check_problem(api.patch("/v1/people/khong-co", {{"name", "Ai"}}), 404, "person-not-found", "");

    // Admins and organisers change the directory; members, reviewers and viewers may not.
    for (const Role role : {Role::member, Role::reviewer, Role::viewer}) {
        check_problem(api.as(role).patch(sector, {{"name", "Khác"}}), 403, "role-not-allowed", "");
        check_problem(api.as(role).patch(kien, {{"name", "Khác"}}), 403, "role-not-allowed", "");
    }
    CHECK(api.get("/v1/units?limit=100").body == units_before);
    CHECK(api.get("/v1/people/kien").body == person_before);
}

TEMPLATE_TEST_CASE("DELETE removes a person and a unit once nothing hangs on it and participants stay as invited",
                   "[http][directory]", SqliteBackend, PostgresqlBackend) {
    TestType database;
    TestServer server(on(database.url()));
    const ApiClient api(server, Role::organiser);
    add_seeded_units(api);
    const auto kien = api.post("/v1/people", R"({"ref":"kien","name":"Nguyễn Văn Kiên","unit":"cdcs-cuc-thue"})"s);
    REQUIRE(kien.status == 201);
    const std::string id = api.create_seminar("Tọa đàm: Công đoàn với chuyển đổi số");
    REQUIRE(api.post("/v1/instances/" + id + "/participants/invite",
                     R"({"units_under":"cdvc-tinh","kind":"grassroots","role":"contributor"})"s)
                .status == 200);
    const std::string units_before = api.get("/v1/units?limit=100").body;

    const auto children = api.remove("/v1/units/cdvc-tinh");
    check_problem(children, 409, "unit-in-use", "");
    CHECK(json_of(children).at("detail") ==
          "unit 'cdvc-tinh' still has 2 child units (cdcs-cuc-thue, cdcs-so-tu-phap): move or remove them first");
    const auto people = api.remove("/v1/units/cdcs-cuc-thue");
    check_problem(people, 409, "unit-in-use", "");
    CHECK(json_of(people).at("detail") == "unit 'cdcs-cuc-thue' still has 1 person (kien): move or remove them first");
    for (const Role role : {Role::member, Role::reviewer, Role::viewer}) {
        check_problem(api.as(role).remove("/v1/units/to-cd-1"), 403, "role-not-allowed", "");
        check_problem(api.as(role).remove("/v1/people/kien"), 403, "role-not-allowed", "");
    }
    CHECK(api.get("/v1/units?limit=100").body == units_before);
    CHECK(api.get("/v1/people/kien").status == 200);

    // The person left: gone from the directory; then their unit has nothing on it.
    const auto left = api.remove("/v1/people/kien");
    CHECK(left.status == 204);
    CHECK(left.body.empty());
    check_problem(api.get("/v1/people/kien"), 404, "person-not-found", "");
    check_problem(api.remove("/v1/people/kien"), 404, "person-not-found", "");
    CHECK(api.remove("/v1/units/cdcs-cuc-thue").status == 204);
    check_problem(api.get("/v1/units/cdcs-cuc-thue"), 404, "unit-not-found", "");
    check_problem(api.remove("/v1/units/cdcs-cuc-thue"), 404, "unit-not-found", "");
    CHECK(listed(api.get("/v1/units?parent=cdvc-tinh")) == std::vector<std::string>{"cdcs-so-tu-phap"});

    // The seminar's contributor is as it was invited: its own name and contact, under the old ref.
    const auto participants = api.get("/v1/instances/" + id + "/participants?role=contributor");
    REQUIRE(participants.status == 200);
    const auto items = json_of(participants).at("items").as_array();
    REQUIRE(items.size() == 2);
    CHECK(items[0].at("ref") == "cdcs-cuc-thue");
    CHECK(items[0].at("display_name") == "Công đoàn Cục Thuế tỉnh");

    // With an Idempotency-Key a retry gets the first 204 again, not a 404.
    const Headers key{{"Idempotency-Key", "xoa-to-1"}};
    const auto removed = api.remove("/v1/units/to-cd-1", key);
    CHECK(removed.status == 204);
    const auto replay = api.remove("/v1/units/to-cd-1", key);
    CHECK(replay.status == 204);
    CHECK(replay.body.empty());
    CHECK(replay.header("Idempotent-Replayed") == "true");
}

}  // namespace seminarflow::testing
