#include "tests/http/instance_api.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "adapters/http/bearer_token.hpp"

namespace seminarflow::testing {

TestServer::Options on(const DatabaseUrl& url) {
    TestServer::Options options;
    options.database = url;
    return options;
}

boost::json::object json_of(const ClientResponse& response) {
    INFO(response.body);
    const auto value = boost::json::parse(response.body);
    REQUIRE(value.is_object());
    return value.as_object();
}

ExtraToken extra_token(TestServer& server, const std::string& name, Role role, std::vector<std::string> units) {
    const std::string secret = http::generate_token();
    UuidV7Source ids(server.clock());
    const ApiToken token{.id = ids.next_id(), .name = name, .role = role, .units = std::move(units),
                         .hash = http::token_hash(secret), .created_at = server.clock().now()};
    REQUIRE(server.store().create_token(token).value() == TokenCreation::created);
    return {secret, token.id};
}

ApiClient::ApiClient(TestServer& server, Role role)
    : server_(&server), port_(server.port()), authorization_("Bearer " + server.token(role)) {}

Headers ApiClient::with_token(const Headers& headers) const {
    Headers all = headers;
    all.emplace_back("Authorization", authorization_);
    return all;
}

ClientResponse ApiClient::get(const std::string& target) const {
    return http_request(port_, "GET", target, {}, with_token({}));
}

ClientResponse ApiClient::post(const std::string& target, const std::string& body, const Headers& headers) const {
    return http_request(port_, "POST", target, body, with_token(headers));
}

ClientResponse ApiClient::post(const std::string& target, const boost::json::value& body, const Headers& headers) const {
    return post(target, boost::json::serialize(body), headers);
}

ClientResponse ApiClient::patch(const std::string& target, const boost::json::value& body, const Headers& headers) const {
    return http_request(port_, "PATCH", target, boost::json::serialize(body), with_token(headers));
}

ClientResponse ApiClient::remove(const std::string& target, const Headers& headers) const {
    return http_request(port_, "DELETE", target, {}, with_token(headers));
}

std::string ApiClient::create_seminar(const std::string& title) const {
    const auto created = post("/v1/instances", boost::json::object{{"workflow", "seminar"}, {"data", {{"title", title}}}});
    INFO(created.body);
    REQUIRE(created.status == 201);
    return std::string(json_of(created).at("instance").at("id").as_string());
}

std::string ApiClient::planned_seminar(const std::string& title, std::int64_t min_contributions,
                                       std::int64_t budget_vnd) const {
    const std::string id = create_seminar(title);
    REQUIRE(as(Role::organiser).move(id, "plan", {{"kind", "hoi_thao"},
                                                  {"starts_at", "2026-10-24T01:00:00Z"},
                                                  {"ends_at", "2026-10-24T05:00:00Z"},
                                                  {"venue", "Hà Nội"},
                                                  {"chair", "Đồng chí Lê Thanh Xuân"},
                                                  {"organiser_unit", "Công đoàn TKV"},
                                                  {"min_contributions", min_contributions},
                                                  {"budget_vnd", budget_vnd}}) == "planned");
    return id;
}

ClientResponse ApiClient::send(const std::string& id, const std::string& type, boost::json::object payload,
                               const Headers& headers) const {
    return post("/v1/instances/" + id + "/events", boost::json::object{{"type", type}, {"payload", std::move(payload)}},
                headers);
}

std::string ApiClient::move(const std::string& id, const std::string& type, boost::json::object payload) const {
    const auto moved = send(id, type, std::move(payload));
    INFO(type << ": " << moved.body);
    REQUIRE(moved.status == 200);
    return std::string(json_of(moved).at("instance").at("state").as_string());
}

std::string problem_type(const ClientResponse& response) {
    CHECK(response.content_type == "application/problem+json");
    const std::string type(json_of(response).at("type").as_string());
    constexpr std::string_view prefix = "https://seminarflow.dev/problems/";
    return type.starts_with(prefix) ? type.substr(prefix.size()) : type;
}

}  // namespace seminarflow::testing
