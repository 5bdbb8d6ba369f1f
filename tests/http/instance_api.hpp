#pragma once
// What the instance API tests share: a server over the database under test, and a client that
// speaks JSON to it with a bearer token of the role it is asked to act as.
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <catch2/catch.hpp>

#include <string>
#include <utility>
#include <vector>

#include "tests/http/http_client.hpp"
#include "tests/http/test_server.hpp"

namespace seminarflow::testing {

using Headers = std::vector<std::pair<std::string, std::string>>;

// A TestServer over `url`.
TestServer::Options on(const DatabaseUrl& url);

boost::json::object json_of(const ClientResponse& response);

class ApiClient {
public:
    // Sends `server`'s token of `role` with every request.
    explicit ApiClient(TestServer& server, Role role = Role::admin);
    // The same server, as another role.
    ApiClient as(Role role) const { return ApiClient(*server_, role); }

    ClientResponse get(const std::string& target) const;
    ClientResponse post(const std::string& target, const std::string& body, const Headers& headers = {}) const;
    ClientResponse post(const std::string& target, const boost::json::value& body, const Headers& headers = {}) const;
    ClientResponse patch(const std::string& target, const boost::json::value& body, const Headers& headers = {}) const;
    ClientResponse remove(const std::string& target, const Headers& headers = {}) const;  // DELETE

    // POST /v1/instances for a seminar titled `title`; REQUIREs the 201; its id.
    std::string create_seminar(const std::string& title) const;
    // A seminar titled `title` planned by an organiser for 24 October 2026 in Hà Nội, chaired by
    // Lê Thanh Xuân for Công đoàn TKV; REQUIREs it planned; its id.
    std::string planned_seminar(const std::string& title, std::int64_t min_contributions, std::int64_t budget_vnd) const;
    // POST /v1/instances/{id}/events.
    ClientResponse send(const std::string& id, const std::string& type, boost::json::object payload = {},
                        const Headers& headers = {}) const;
    // The same, REQUIRing 200; the instance's new state.
    std::string move(const std::string& id, const std::string& type, boost::json::object payload = {}) const;

private:
    Headers with_token(const Headers& headers) const;

    TestServer* server_;
    std::uint16_t port_;
    std::string authorization_;
};

// A token made as `seminarflow tokens create` makes one, beside the server's own test tokens.
struct ExtraToken {
    std::string secret;
    std::string id;
    Headers authorization() const { return {{"Authorization", "Bearer " + secret}}; }
};

ExtraToken extra_token(TestServer& server, const std::string& name, Role role, std::vector<std::string> units = {});

// A problem's `type` without the common prefix: "not-allowed-in-state".
std::string problem_type(const ClientResponse& response);

}  // namespace seminarflow::testing
