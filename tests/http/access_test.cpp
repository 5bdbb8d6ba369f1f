// The gate in front of the routes: admit() on its own, and the server running it, for every
// route that needs a token, on the blocking pool rather than on an I/O thread.
#include <boost/asio/io_context.hpp>
#include <boost/asio/thread_pool.hpp>
#include <catch2/catch.hpp>

#include <atomic>
#include <mutex>
#include <thread>

#include "adapters/http/actor.hpp"
#include "adapters/http/problem.hpp"
#include "adapters/http/router.hpp"
#include "adapters/http/server.hpp"
#include "tests/http/http_client.hpp"

namespace seminarflow::http {
namespace {

ActorResolver as(Role role) {
    return [role](const Request&) -> Result<Actor, Response> { return Actor{"token-id", role}; };
}

Request request(std::string method) {
    Request made;
    made.method = std::move(method);
    made.target = made.path = "/v1/instances";
    return made;
}

}  // namespace

TEST_CASE("a viewer is admitted to read and refused to write, the other roles to both", "[http][auth]") {
    for (const char* method : {"GET", "HEAD"}) {
        const auto admitted = admit(as(Role::viewer), request(method));
        REQUIRE(admitted.ok());
        CHECK(admitted->id == "token-id");
    }
    for (const char* method : {"POST", "DELETE", "PUT", "PATCH"}) {
        const auto refused = admit(as(Role::viewer), request(method));
        REQUIRE_FALSE(refused.ok());
        CHECK(refused.error().status == 403);
        CHECK_THAT(refused.error().body, Catch::Contains(R"("rule":"viewer")") && Catch::Contains(method));
    }
    for (const Role role : {Role::admin, Role::organiser, Role::member, Role::reviewer}) {
        CHECK(admit(as(role), request("POST")).ok());
    }
    // The resolver's own refusal comes through as it is.
    const ActorResolver refusing = [](const Request&) -> Result<Actor, Response> {
        return fail(problem(401, "token-required", "Authentication required", "no token"));
    };
    CHECK(admit(refusing, request("GET")).error().status == 401);
}

TEST_CASE("tokens are checked on the blocking pool, never on an I/O thread, and open routes skip them",
          "[http][auth]") {
    std::mutex mutex;
    std::vector<std::thread::id> checked_on;
    std::optional<Actor> seen;
    Router router;
    router.set_actor_resolver([&](const Request&) -> Result<Actor, Response> {
        const std::lock_guard lock(mutex);
        checked_on.push_back(std::this_thread::get_id());
        return Actor{"token-id", Role::member};
    });
    // Neither blocks by itself: only the token check sends the closed one to the pool.
    router.add({"GET", "/closed", Blocking::no, [&](const Request& request, const PathParams&) {
                    const std::lock_guard lock(mutex);
                    seen = request.actor;
                    return json_response(200, "{}");
                }});
    router.add({"GET", "/open", Blocking::no,
                [](const Request& request, const PathParams&) {
                    return json_response(request.actor ? 500 : 200, "{}");
                },
                Access::open});

    boost::asio::io_context io;
    boost::asio::thread_pool pool(1);
    Server server(io, pool, router, ServerOptions{});
    const auto port = server.start();
    std::thread runner([&io] { io.run(); });
    const std::thread::id io_thread = runner.get_id();

    CHECK(testing::http_request(port, "GET", "/open").status == 200);
    CHECK(testing::http_request(port, "GET", "/closed").status == 200);
    server.stop();
    io.stop();
    runner.join();
    pool.join();

    REQUIRE(checked_on.size() == 1);  // the open route asked no one
    CHECK(checked_on.front() != io_thread);
    REQUIRE(seen.has_value());
    CHECK(seen->id == "token-id");
    CHECK(seen->role == Role::member);
}

}  // namespace seminarflow::http
