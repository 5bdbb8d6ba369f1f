// /v1/endpoints over HTTP, on SQLite and on the throwaway PostgreSQL: an admin adds an endpoint
// and sees its secret once, lists, reads, disables, enables, rotates and removes it; every bad
// input is refused with the member at fault; other roles are refused; Idempotency-Key replays.
#include "tests/http/instance_api.hpp"

#include <boost/json/serialize.hpp>

#include "tests/store/backends.hpp"

using seminarflow::test::PostgresqlBackend;
using seminarflow::test::SqliteBackend;

namespace seminarflow::testing {
namespace {

const boost::json::object committee{{"url", "http://hooks.example.org/hooks/committee"},
                                    {"types", {"seminar.planned", "seminar.cancelled"}},
                                    {"description", "Nhóm Zalo ban tổ chức"},
                                    {"retry_schedule", {"5s", "1m", "1h"}},
                                    {"max_in_flight", 2}};

boost::json::object with(boost::json::object body, std::string_view name, boost::json::value value) {
    body[name] = std::move(value);
    return body;
}

// POSTs `body` to /v1/endpoints, REQUIREs the 201; the answer.
boost::json::object add(const ApiClient& api, const boost::json::object& body = committee) {
    const auto added = api.post("/v1/endpoints", body);
    INFO(added.body);
    REQUIRE(added.status == 201);
    return json_of(added);
}

// The refusal's type and field, as "type field".
std::string refusal(const ClientResponse& response) {
    INFO(response.body);
    const auto body = json_of(response);
    const auto* field = body.if_contains("field");
    return problem_type(response) + " " + (field ? std::string(field->as_string()) : std::string("-"));
}

}  // namespace

TEMPLATE_TEST_CASE("an admin adds an endpoint and sees its secret once, then never again", "[http][endpoints]",
                   SqliteBackend, PostgresqlBackend) {
    TestType database;
    TestServer server(on(database.url()));
    const ApiClient api(server);

    const auto added = api.post("/v1/endpoints", committee);
    REQUIRE(added.status == 201);
    const auto body = json_of(added);
    const std::string id(body.at("id").as_string());
    const std::string secret(body.at("secret").as_string());
    CHECK(secret.starts_with("whsec_"));
    CHECK(added.header("Location") == "/v1/endpoints/" + id);
    CHECK(body.at("url") == "http://hooks.example.org/hooks/committee");
    CHECK(body.at("channel") == "webhook");
    CHECK(body.at("description") == "Nhóm Zalo ban tổ chức");
    CHECK(boost::json::serialize(body.at("types")) == R"(["seminar.planned","seminar.cancelled"])");
    CHECK(boost::json::serialize(body.at("retry_schedule")) == R"(["5s","1m","1h"])");
    CHECK(body.at("max_in_flight") == 2);
    CHECK(body.at("rate_limit").is_null());
    CHECK(body.at("enabled") == true);
    CHECK(body.at("created_at") == "2026-08-04T01:30:00Z");

    const auto listed = api.get("/v1/endpoints");
    REQUIRE(listed.status == 200);
    CHECK(listed.body.find(secret) == std::string::npos);
    const auto items = json_of(listed).at("items").as_array();
    REQUIRE(items.size() == 1);
    CHECK(items[0].at("id").as_string() == id);
    CHECK_FALSE(items[0].as_object().contains("secret"));
    const auto one = api.get("/v1/endpoints/" + id);
    REQUIRE(one.status == 200);
    CHECK(one.body.find(secret) == std::string::npos);
    CHECK(json_of(one).at("url") == "http://hooks.example.org/hooks/committee");

    // An operator's own secret is taken as given.
    const auto own = add(api, with(committee, "secret", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"));
    CHECK(own.at("secret") == "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
}

TEMPLATE_TEST_CASE("an admin disables, enables, rotates the secret of and removes an endpoint", "[http][endpoints]",
                   SqliteBackend, PostgresqlBackend) {
    TestType database;
    TestServer server(on(database.url()));
    const ApiClient api(server);
    const auto endpoint = add(api);
    const std::string id(endpoint.at("id").as_string());
    const std::string path = "/v1/endpoints/" + id;

    server.clock().set(*parse_rfc3339("2026-08-05T02:00:00Z"));
    const auto disabled = api.post(path + "/disable", boost::json::object{{"reason", "bảo trì đến thứ Hai"}});
    REQUIRE(disabled.status == 200);
    CHECK(json_of(disabled).at("enabled") == false);
    CHECK(json_of(disabled).at("disabled_reason") == "bảo trì đến thứ Hai");
    CHECK(json_of(disabled).at("updated_at") == "2026-08-05T02:00:00Z");
    CHECK(json_of(api.post(path + "/disable", std::string())).at("disabled_reason") == "disabled by an operator");
    const auto enabled = api.post(path + "/enable", std::string());
    REQUIRE(enabled.status == 200);
    CHECK(json_of(enabled).at("enabled") == true);
    CHECK(json_of(enabled).at("disabled_reason").is_null());

    const auto rotated = api.post(path + "/secret/rotate", std::string());
    REQUIRE(rotated.status == 200);
    const std::string fresh(json_of(rotated).at("secret").as_string());
    CHECK(fresh.starts_with("whsec_"));
    CHECK(fresh != endpoint.at("secret").as_string());
    auto kept = server.store().find_endpoint(id);
    REQUIRE((kept && *kept));
    CHECK((*kept)->secrets == std::vector<std::string>{fresh, std::string(endpoint.at("secret").as_string())});
    CHECK(api.get(path).body.find(fresh) == std::string::npos);
    const auto given = api.post(path + "/secret/rotate", boost::json::object{{"secret", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"}});
    REQUIRE(given.status == 200);
    CHECK(json_of(given).at("secret") == "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");

    const auto removed = api.remove(path);
    CHECK(removed.status == 204);
    CHECK(removed.body.empty());
    CHECK(refusal(api.get(path)) == "endpoint-not-found -");
    CHECK(refusal(api.remove(path)) == "endpoint-not-found -");
    CHECK(refusal(api.post(path + "/enable", std::string())) == "endpoint-not-found -");
    CHECK(refusal(api.post(path + "/disable", std::string())) == "endpoint-not-found -");
    CHECK(refusal(api.post(path + "/secret/rotate", std::string())) == "endpoint-not-found -");
    CHECK(json_of(api.get("/v1/endpoints")).at("items").as_array().empty());
}

TEMPLATE_TEST_CASE("every bad endpoint request is refused with the member at fault", "[http][endpoints]",
                   SqliteBackend, PostgresqlBackend) {
    TestType database;
    TestServer server(on(database.url()));
    const ApiClient api(server);
    const auto post = [&](const boost::json::value& body) { return refusal(api.post("/v1/endpoints", body)); };
    CHECK(post(boost::json::object{{"types", {"seminar.planned"}}}) == "invalid-body url");
    CHECK(post(with(committee, "url", "hooks.example.org")) == "invalid-body url");
    CHECK(post(with(committee, "url", "ftp://hooks.example.org/x")) == "invalid-body url");
    CHECK(post(with(committee, "url", 42)) == "invalid-body url");
    CHECK(post(with(committee, "url", "http://127.0.0.1:8080/hooks")) == "invalid-body url");
    CHECK(post(with(committee, "channel", "pigeon")) == "invalid-body channel");
    CHECK(post(with(committee, "secret", "hunter2")) == "invalid-body secret");
    CHECK(post(with(committee, "types", "seminar.planned")) == "invalid-body types");
    CHECK(post(with(committee, "types", {""})) == "invalid-body types");
    CHECK(post(with(committee, "retry_schedule", {"5s", "soon"})) == "invalid-body retry_schedule");
    CHECK(post(with(committee, "max_in_flight", "four")) == "invalid-body max_in_flight");
    CHECK(post(with(committee, "max_in_flight", 0)) == "invalid-body max_in_flight");
    CHECK(post(with(committee, "rate_limit", 0)) == "invalid-body rate_limit");
    CHECK(post(with(committee, "colour", "blue")) == "invalid-body colour");
    CHECK(refusal(api.post("/v1/endpoints", std::string("{\"url\":"))) == "malformed-json -");
    const auto bad_channel = api.post("/v1/endpoints", with(committee, "channel", "pigeon"));
    CHECK(bad_channel.status == 422);
    CHECK_THAT(bad_channel.body, Catch::Contains("there is no channel 'pigeon'; endpoints take: webhook"));

    const std::string id(add(api).at("id").as_string());
    CHECK(refusal(api.post("/v1/endpoints/" + id + "/disable", boost::json::object{{"why", "x"}})) == "invalid-body why");
    CHECK(refusal(api.post("/v1/endpoints/" + id + "/enable", boost::json::object{{"reason", "x"}})) == "invalid-body reason");
    CHECK(refusal(api.post("/v1/endpoints/" + id + "/secret/rotate", boost::json::object{{"secret", "hunter2"}})) ==
          "invalid-body secret");
    CHECK(json_of(api.get("/v1/endpoints")).at("items").as_array().size() == 1);  // the refused ones made nothing
}

TEMPLATE_TEST_CASE("only admins manage endpoints", "[http][endpoints]", SqliteBackend, PostgresqlBackend) {
    TestType database;
    TestServer server(on(database.url()));
    const ApiClient admin(server);
    const std::string id(add(admin).at("id").as_string());
    for (const Role role : {Role::organiser, Role::member, Role::reviewer, Role::viewer}) {
        CAPTURE(role_name(role));
        const ApiClient api = admin.as(role);
        const auto listed = api.get("/v1/endpoints");
        CHECK(listed.status == 403);
        CHECK(refusal(listed) == "role-not-allowed -");
        CHECK(api.get("/v1/endpoints/" + id).status == 403);
        CHECK(api.post("/v1/endpoints", committee).status == 403);
        CHECK(api.post("/v1/endpoints/" + id + "/disable", std::string()).status == 403);
        CHECK(api.post("/v1/endpoints/" + id + "/secret/rotate", std::string()).status == 403);
        CHECK(api.remove("/v1/endpoints/" + id).status == 403);
    }
    CHECK(admin.get("/v1/endpoints/" + id).status == 200);
    CHECK(http_request(server.port(), "GET", "/v1/endpoints").status == 401);
}

TEMPLATE_TEST_CASE("an endpoint POST sent twice with one Idempotency-Key makes one endpoint", "[http][endpoints]",
                   SqliteBackend, PostgresqlBackend) {
    TestType database;
    TestServer server(on(database.url()));
    const ApiClient api(server);
    const Headers key{{"Idempotency-Key", "add-committee-1"}};
    const auto first = api.post("/v1/endpoints", committee, key);
    REQUIRE(first.status == 201);
    const auto again = api.post("/v1/endpoints", committee, key);
    REQUIRE(again.status == 201);
    CHECK(again.body == first.body);  // the secret too: the client whose first answer was lost needs it
    CHECK(again.header("Idempotent-Replayed") == "true");
    CHECK(json_of(api.get("/v1/endpoints")).at("items").as_array().size() == 1);
    CHECK(refusal(api.post("/v1/endpoints", with(committee, "description", "khác"), key)) == "idempotency-key-reused -");

    const std::string id(json_of(first).at("id").as_string());
    const Headers rotate_key{{"Idempotency-Key", "rotate-1"}};
    const auto rotated = api.post("/v1/endpoints/" + id + "/secret/rotate", std::string(), rotate_key);
    REQUIRE(rotated.status == 200);
    CHECK(api.post("/v1/endpoints/" + id + "/secret/rotate", std::string(), rotate_key).body == rotated.body);
    auto kept = server.store().find_endpoint(id);
    REQUIRE((kept && *kept));
    CHECK((*kept)->secrets.front() == json_of(rotated).at("secret").as_string());  // rotated once
    CHECK(refusal(api.post("/v1/endpoints/" + id + "/enable", std::string(), {{"Idempotency-Key", std::string(256, 'k')}})) ==
          "invalid-header Idempotency-Key");
}

}  // namespace seminarflow::testing

namespace seminarflow::testing {

TEMPLATE_TEST_CASE("a chat endpoint is added over HTTP with its language and chat id, and shows no secret",
                   "[http][endpoints][chat]", SqliteBackend, PostgresqlBackend) {
    TestType database;
    TestServer server(on(database.url()));
    const ApiClient api(server);

    const auto body = add(api, {{"url", "http://hooks.example.org/bot123:SECRETTOKEN/sendMessage"},
                                {"channel", "telegram"},
                                {"language", "en"},
                                {"chat_id", "-1001234567890"}});
    CHECK(body.at("channel") == "telegram");
    CHECK(body.at("language") == "en");
    CHECK(body.at("chat_id") == "-1001234567890");
    CHECK_FALSE(body.contains("secret"));
    // The bot token in the URL is the platform's credential: never shown back.
    CHECK(body.at("url") == "http://hooks.example.org/…");
    const std::string id(body.at("id").as_string());
    CHECK(api.get("/v1/endpoints/" + id).body.find("SECRETTOKEN") == std::string::npos);

    // Chats sign nothing: there is no secret to rotate.
    const auto rotated = api.post("/v1/endpoints/" + id + "/secret/rotate", std::string());
    CHECK(rotated.status == 422);
    CHECK(refusal(rotated).ends_with(" channel"));
    CHECK(api.post("/v1/endpoints", {{"url", "http://hooks.example.org/x"}, {"channel", "slack"}, {"language", "fr"}})
              .status == 422);
}

}  // namespace seminarflow::testing

namespace seminarflow::testing {

TEMPLATE_TEST_CASE("an endpoint at a loopback address is refused unless the operator allows loopback",
                   "[http][endpoints][ssrf]", SqliteBackend, PostgresqlBackend) {
    TestType database;
    {
        TestServer server(on(database.url()));
        const ApiClient api(server);
        const auto refused = api.post("/v1/endpoints", with(committee, "url", "http://127.0.0.1:8080/hooks"));
        REQUIRE(refused.status == 422);
        const auto body = json_of(refused);
        CHECK(body.at("field") == "url");
        CHECK(body.at("detail") == "'url': seminarflow does not deliver there: 127.0.0.1 is a loopback address (an "
                                   "operator may allow it in channels.allow_cidrs)");
        CHECK(json_of(api.get("/v1/endpoints")).at("items").as_array().empty());
    }
    TestType allowing_database;  // a server of its own, on a database of its own
    TestServer::Options allowing = on(allowing_database.url());
    allowing.addresses = channels::AddressPolicy::allowing({"127.0.0.0/8", "::1/128"}).value();
    TestServer server(std::move(allowing));
    const ApiClient api(server);
    CHECK(add(api, with(committee, "url", "http://127.0.0.1:8080/hooks")).at("url") == "http://127.0.0.1:8080/hooks");
    CHECK(add(api, with(committee, "url", "https://[::1]:8443/hooks")).at("url") == "https://[::1]:8443/hooks");
}

}  // namespace seminarflow::testing
