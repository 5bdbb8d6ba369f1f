// GET|POST /v1/instances/{id}/participants and GET /v1/instances?participant= over HTTP, on
// SQLite and on the throwaway PostgreSQL: adding and changing participants, pages and filters,
// every refusal of a body, a query or a role, a member answering for its own unit, and
// Idempotency-Key replays.
#include "tests/http/instance_api.hpp"

#include <boost/json/serialize.hpp>
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cctype>

#include "adapters/http/bearer_token.hpp"
#include "adapters/http/cursor.hpp"
#include "tests/store/backends.hpp"

using seminarflow::test::PostgresqlBackend;
using seminarflow::test::SqliteBackend;

namespace seminarflow::testing {
namespace {

const std::string tu_phap = "Công đoàn Sở Tư pháp";
const std::string cuc_thue = "Công đoàn Cục Thuế tỉnh";

// A UUID no instance or token has yet (ids are the engine's UUIDv7s).
std::string fresh_uuid() {
    static std::atomic<int> next{0};
    char text[40];
    std::snprintf(text, sizeof text, "00000000-0000-4000-8000-%012d", ++next);
    return text;
}

std::string participants_of(const std::string& id) { return "/v1/instances/" + id + "/participants"; }

std::string percent_encoded(std::string_view text) {
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string encoded;
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (std::isalnum(byte) || c == '-' || c == '_' || c == '.' || c == ':') {
            encoded += c;
        } else {
            encoded += '%';
            encoded += hex[byte >> 4];
            encoded += hex[byte & 0xf];
        }
    }
    return encoded;
}

boost::json::object unit(const std::string& ref, const std::string& role = "contributor") {
    return {{"kind", "unit"}, {"ref", ref}, {"role", role}};
}

boost::json::object with(boost::json::object body, std::string_view name, boost::json::value value) {
    body[name] = std::move(value);
    return body;
}

// A member token acting for `units`, made in the server's store as `tokens create` makes one.
Headers member_acting_for(TestServer& server, std::vector<std::string> units) {
    const std::string secret = http::generate_token();
    const ApiToken token{.id = fresh_uuid(), .name = "thành viên " + fresh_uuid(), .role = Role::member,
                         .units = std::move(units), .hash = http::token_hash(secret),
                         .created_at = server.clock().now()};
    const auto created = server.store().create_token(token);
    REQUIRE((created && *created == TokenCreation::created));
    return {{"Authorization", "Bearer " + secret}};
}

ClientResponse post_as(TestServer& server, const Headers& token, const std::string& target,
                       const boost::json::value& body) {
    return http_request(server.port(), "POST", target, boost::json::serialize(body), token);
}

std::vector<std::string> listed_refs(const ClientResponse& response) {
    INFO(response.body);
    REQUIRE(response.status == 200);
    std::vector<std::string> refs;
    const auto body = json_of(response);  // kept: the loop reads into it
    for (const auto& item : body.at("items").as_array()) {
        refs.push_back(std::string(item.at("ref").as_string()) + "/" + std::string(item.at("role").as_string()));
    }
    return refs;
}

}  // namespace

TEMPLATE_TEST_CASE("an organiser adds participants and changes them, Vietnamese byte for byte",
                   "[http][participants]", SqliteBackend, PostgresqlBackend) {
    TestType database;
    TestServer server(on(database.url()));
    const ApiClient api(server, Role::organiser);
    const std::string id = api.create_seminar("Tọa đàm: Công đoàn với chuyển đổi số");

    const std::string chair_body =
        R"({"kind":"person","ref":"nguyen-van-kien","role":"chair","display_name":"Đồng chí Nguyễn Văn Kiên",)"
        R"("contact":{"email":"kien@congdoan.vn","telegram":"@kiên"},"language":"vi","rsvp":"accepted"})";
    const auto chair = api.post(participants_of(id), chair_body);
    INFO(chair.body);
    REQUIRE(chair.status == 201);
    CHECK(chair.content_type == "application/json");
    CHECK(chair.body.find("\"display_name\":\"Đồng chí Nguyễn Văn Kiên\"") != std::string::npos);
    const auto chair_json = json_of(chair);
    CHECK(chair_json.at("instance_id").as_string() == id);
    CHECK(chair_json.at("rsvp") == "accepted");
    CHECK(chair_json.at("created_at") == "2026-08-04T01:30:00Z");

    const auto added = api.post(participants_of(id), unit(tu_phap));
    REQUIRE(added.status == 201);
    const auto added_json = json_of(added);
    CHECK(added_json.at("display_name") == "");
    CHECK(added_json.at("contact") == boost::json::object{});
    CHECK(added_json.at("language") == "vi");
    CHECK(added_json.at("rsvp") == "needs_action");

    // The same kind, ref and role again: a change of what it names, answered 200.
    server.clock().set(*parse_rfc3339("2026-08-05T02:00:00Z"));
    const auto renamed = api.post(participants_of(id), with(unit(tu_phap), "display_name", "Công đoàn Sở Tư pháp tỉnh"));
    REQUIRE(renamed.status == 200);
    CHECK(json_of(renamed).at("updated_at") == "2026-08-05T02:00:00Z");
    CHECK(json_of(renamed).at("rsvp") == "needs_action");
    server.clock().set(*parse_rfc3339("2026-08-06T02:00:00Z"));
    const auto same = api.post(participants_of(id), with(unit(tu_phap), "display_name", "Công đoàn Sở Tư pháp tỉnh"));
    CHECK(same.status == 200);
    CHECK(json_of(same).at("updated_at") == "2026-08-05T02:00:00Z");

    // Another role is another participant; a viewer reads them all.
    CHECK(api.post(participants_of(id), unit(tu_phap, "guest")).status == 201);
    const auto listed = api.as(Role::viewer).get(participants_of(id));
    CHECK(listed_refs(listed) ==
          std::vector<std::string>{"nguyen-van-kien/chair", tu_phap + "/contributor", tu_phap + "/guest"});
    CHECK(listed.body.find("Đồng chí Nguyễn Văn Kiên") != std::string::npos);
    CHECK(json_of(listed).at("next_cursor").is_null());
}

TEMPLATE_TEST_CASE("participants come in pages, filtered by role and rsvp", "[http][participants]", SqliteBackend,
                   PostgresqlBackend) {
    TestType database;
    TestServer server(on(database.url()));
    const ApiClient api(server);
    const std::string id = api.create_seminar("Hội thảo");
    REQUIRE(api.post(participants_of(id), with(unit("unitb", "guest"), "rsvp", "accepted")).status == 201);
    REQUIRE(api.post(participants_of(id), unit("unita", "guest")).status == 201);
    REQUIRE(api.post(participants_of(id), with(unit("unita"), "rsvp", "declined")).status == 201);

    std::vector<std::vector<std::string>> pages;
    std::string target = participants_of(id) + "?limit=2";
    while (pages.size() < 5) {
        const auto page = api.get(target);
        pages.push_back(listed_refs(page));
        const auto next = json_of(page).at("next_cursor");
        if (next.is_null()) break;
        target = participants_of(id) + "?limit=2&cursor=" + std::string(next.as_string());
    }
    CHECK(pages == std::vector<std::vector<std::string>>{{"unita/contributor", "unita/guest"}, {"unitb/guest"}});
    CHECK(listed_refs(api.get(participants_of(id) + "?role=guest")) ==
          std::vector<std::string>{"unita/guest", "unitb/guest"});
    CHECK(listed_refs(api.get(participants_of(id) + "?rsvp=declined")) == std::vector<std::string>{"unita/contributor"});
    CHECK(listed_refs(api.get(participants_of(id) + "?role=guest&rsvp=needs_action")) ==
          std::vector<std::string>{"unita/guest"});

    const auto refused = [&](const std::string& query, const std::string& field) {
        const auto answer = api.get(participants_of(id) + query);
        INFO(query << ": " << answer.body);
        CHECK(answer.status == 400);
        CHECK(json_of(answer).at("field").as_string() == field);
        return problem_type(answer);
    };
    CHECK(refused("?rsvp=maybe", "rsvp") == "invalid-parameter");
    CHECK(refused("?role=" + percent_encoded("Khách mời"), "role") == "invalid-parameter");
    CHECK(refused("?state=draft", "state") == "invalid-parameter");
    CHECK(refused("?limit=0", "limit") == "invalid-parameter");
    CHECK(refused("?cursor=not-a-cursor", "cursor") == "invalid-cursor");
    CHECK(refused("?cursor=" + http::encode_history_cursor(1), "cursor") == "invalid-cursor");

    const auto missing = api.get(participants_of(fresh_uuid()));
    CHECK(missing.status == 404);
    CHECK(problem_type(missing) == "not-found");
}

TEMPLATE_TEST_CASE("a participant body of the wrong shape is refused with the member at fault",
                   "[http][participants]", SqliteBackend, PostgresqlBackend) {
    TestType database;
    TestServer server(on(database.url()));
    const ApiClient api(server);
    const std::string id = api.create_seminar("Hội thảo");
    const auto refused = [&](const std::string& body, const std::string& field) {
        const auto answer = api.post(participants_of(id), body);
        INFO(body << ": " << answer.body);
        CHECK(answer.status == 422);
        CHECK(problem_type(answer) == "invalid-body");
        CHECK(json_of(answer).at("field").as_string() == field);
    };
    const std::string base = R"({"kind":"unit","ref":"Công đoàn Sở Tư pháp","role":"guest")";
    refused(base + R"(,"email":"x@y.vn"})", "email");
    refused(R"({"ref":"a","role":"guest"})", "kind");
    refused(R"({"kind":"group","ref":"a","role":"guest"})", "kind");
    refused(R"({"kind":"unit","ref":"","role":"guest"})", "ref");
    refused(R"({"kind":"unit","ref":12,"role":"guest"})", "ref");
    refused(R"({"kind":"unit","ref":"a"})", "role");
    refused(R"({"kind":"unit","ref":"a","role":"Khách mời"})", "role");
    refused(base + R"(,"display_name":42})", "display_name");
    refused(base + R"(,"contact":"x@y.vn"})", "contact");
    refused(base + R"(,"contact":{"email":["x@y.vn"]}})", "contact.email");
    refused(base + R"(,"language":"Tiếng Việt"})", "language");
    refused(base + R"(,"language":null})", "language");
    refused(base + R"(,"rsvp":"maybe"})", "rsvp");
    refused(base + R"(,"rsvp":true})", "rsvp");
    const auto not_object = api.post(participants_of(id), std::string(R"(["unit"])"));
    CHECK(not_object.status == 422);
    CHECK(problem_type(not_object) == "invalid-body");

    const auto malformed = api.post(participants_of(id), std::string(R"({"kind": "unit",)"));
    CHECK(malformed.status == 400);
    CHECK(problem_type(malformed) == "malformed-json");
    CHECK(api.post(participants_of(id), with(unit(tu_phap), "language", "en-GB")).status == 201);

    const auto missing = api.post(participants_of(fresh_uuid()), unit(tu_phap));
    CHECK(missing.status == 404);
    CHECK(problem_type(missing) == "not-found");
    CHECK(listed_refs(api.get(participants_of(id))) == std::vector<std::string>{tu_phap + "/contributor"});
}

TEMPLATE_TEST_CASE("only admins and organisers manage participants, and a member answers for its own unit",
                   "[http][participants][auth]", SqliteBackend, PostgresqlBackend) {
    TestType database;
    TestServer server(on(database.url()));
    const ApiClient admin(server);
    const std::string id = admin.create_seminar("Hội thảo");
    REQUIRE(admin.post(participants_of(id), unit(tu_phap)).status == 201);
    REQUIRE(admin.post(participants_of(id), unit(cuc_thue)).status == 201);

    const auto forbidden = [](const ClientResponse& answer, const std::string& rule) {
        INFO(answer.body);
        CHECK(answer.status == 403);
        CHECK(problem_type(answer) == "role-not-allowed");
        CHECK(json_of(answer).at("rule").as_string() == rule);
    };
    forbidden(admin.as(Role::viewer).post(participants_of(id), unit("x")), "viewer");
    forbidden(admin.as(Role::reviewer).post(participants_of(id), unit("x")), "reviewer");
    forbidden(admin.as(Role::member).post(participants_of(id), with(unit(tu_phap), "rsvp", "accepted")), "member");

    const Headers stp = member_acting_for(server, {tu_phap});
    const auto accepted = post_as(server, stp, participants_of(id), with(unit(tu_phap), "rsvp", "accepted"));
    INFO(accepted.body);
    CHECK(accepted.status == 200);
    CHECK(json_of(accepted).at("rsvp") == "accepted");
    // Another unit's answer, more than an answer, a person, or no answer at all: refused.
    forbidden(post_as(server, stp, participants_of(id), with(unit(cuc_thue), "rsvp", "declined")), "member");
    forbidden(post_as(server, stp, participants_of(id),
                      with(with(unit(tu_phap), "rsvp", "declined"), "display_name", "Sở Tư pháp")),
              "member");
    forbidden(post_as(server, stp, participants_of(id),
                      boost::json::object{{"kind", "person"}, {"ref", tu_phap}, {"role", "contributor"}, {"rsvp", "declined"}}),
              "member");
    forbidden(post_as(server, stp, participants_of(id), unit(tu_phap)), "member");
    // A member answers an invitation; it cannot invite itself.
    const auto uninvited = post_as(server, stp, participants_of(id), with(unit(tu_phap, "guest"), "rsvp", "accepted"));
    CHECK(uninvited.status == 404);
    CHECK(problem_type(uninvited) == "participant-not-found");

    CHECK(listed_refs(admin.get(participants_of(id) + "?rsvp=accepted")) ==
          std::vector<std::string>{tu_phap + "/contributor"});
    CHECK(listed_refs(admin.get(participants_of(id) + "?rsvp=needs_action")) ==
          std::vector<std::string>{cuc_thue + "/contributor"});
}

TEMPLATE_TEST_CASE("a participant POST sent twice with one Idempotency-Key takes effect once",
                   "[http][participants][idempotency]", SqliteBackend, PostgresqlBackend) {
    TestType database;
    TestServer server(on(database.url()));
    const ApiClient api(server);
    const std::string id = api.create_seminar("Hội thảo");
    const std::string body = R"({"kind":"unit","ref":"Công đoàn Sở Tư pháp","role":"guest","rsvp":"tentative"})";
    const Headers key{{"Idempotency-Key", "moi-so-tu-phap"}};
    const auto first = api.post(participants_of(id), body, key);
    REQUIRE(first.status == 201);
    CHECK(first.header("Idempotent-Replayed").empty());

    // Changed since: the replay is still the first answer, byte for byte, and changes nothing.
    REQUIRE(api.post(participants_of(id), with(unit(tu_phap, "guest"), "rsvp", "declined")).status == 200);
    server.clock().set(*parse_rfc3339("2026-08-04T03:00:00Z"));
    const auto again = api.post(participants_of(id), body, key);
    CHECK(again.status == 201);
    CHECK(again.body == first.body);
    CHECK(again.header("Idempotent-Replayed") == "true");
    CHECK(json_of(api.get(participants_of(id))).at("items").at(0).at("rsvp") == "declined");

    // The key with another request, or from another caller: refused.
    const auto other = api.post(participants_of(id), with(unit(tu_phap, "guest"), "rsvp", "accepted"), key);
    CHECK(other.status == 422);
    CHECK(problem_type(other) == "idempotency-key-reused");
    CHECK(api.as(Role::organiser).post(participants_of(id), body, key).status == 422);

    // A 404 is kept too: the instance named cannot come to exist under the same request.
    const std::string missing = participants_of(fresh_uuid());
    const auto lost = api.post(missing, body, {{"Idempotency-Key", "khong-co"}});
    CHECK(lost.status == 404);
    const auto lost_again = api.post(missing, body, {{"Idempotency-Key", "khong-co"}});
    CHECK(lost_again.body == lost.body);
    CHECK(lost_again.content_type == "application/problem+json");
    CHECK(lost_again.header("Idempotent-Replayed") == "true");

    const auto bad_key = api.post(participants_of(id), body, {{"Idempotency-Key", "có dấu"}});
    CHECK(bad_key.status == 400);
    CHECK(json_of(bad_key).at("field") == "Idempotency-Key");
}

TEMPLATE_TEST_CASE("instances are listed by the person or unit taking part", "[http][participants][listing]",
                   SqliteBackend, PostgresqlBackend) {
    TestType database;
    TestServer server(on(database.url()));
    const ApiClient api(server);
    const std::string first = api.create_seminar("Hội thảo lần 1");
    const std::string second = api.create_seminar("Hội thảo lần 2");
    const std::string third = api.create_seminar("Hội thảo lần 3");
    REQUIRE(api.post(participants_of(first), unit(tu_phap)).status == 201);
    REQUIRE(api.post(participants_of(first), unit(tu_phap, "guest")).status == 201);
    REQUIRE(api.post(participants_of(third), unit(tu_phap, "guest")).status == 201);
    REQUIRE(api.post(participants_of(second),
                     boost::json::object{{"kind", "person"}, {"ref", tu_phap}, {"role", "guest"}})
                .status == 201);

    const auto ids = [&](const std::string& query) {
        const auto answer = api.get("/v1/instances?" + query);
        INFO(query << ": " << answer.body);
        REQUIRE(answer.status == 200);
        std::vector<std::string> found;
        const auto body = json_of(answer);  // kept: the loop reads into it
        for (const auto& item : body.at("items").as_array()) found.emplace_back(item.at("id").as_string());
        std::sort(found.begin(), found.end());
        return found;
    };
    std::vector<std::string> first_and_third{first, third};
    std::sort(first_and_third.begin(), first_and_third.end());
    CHECK(ids("participant=" + percent_encoded("unit:" + tu_phap)) == first_and_third);
    CHECK(ids("participant=" + percent_encoded("person:" + tu_phap)) == std::vector<std::string>{second});
    CHECK(ids("participant=" + percent_encoded("unit:" + tu_phap) + "&limit=1").size() == 1);
    CHECK(ids("participant=" + percent_encoded("unit:" + tu_phap) + "&workflow=submission").empty());
    CHECK(ids("participant=" + percent_encoded("unit:" + cuc_thue)).empty());

    for (const std::string& bad : std::vector<std::string>{"group:x", "unit:", "unit", percent_encoded(tu_phap)}) {
        const auto answer = api.get("/v1/instances?participant=" + bad);
        INFO(bad << ": " << answer.body);
        CHECK(answer.status == 400);
        CHECK(json_of(answer).at("field") == "participant");
    }
}

}  // namespace seminarflow::testing
