// Which threads run a blocking route: reads on the pool sized to the store's connections, commits
// on the larger one, and neither on an I/O thread (server.hpp, BlockingPools, says why).
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>
#include <catch2/catch.hpp>

#include <atomic>
#include <stdexcept>
#include <thread>

#include "adapters/http/http_message.hpp"
#include "adapters/http/router.hpp"
#include "adapters/http/server.hpp"
#include "tests/http/http_client.hpp"

namespace seminarflow::http {

TEST_CASE("reads run on the reads pool and commits on the commits pool", "[http][server]") {
    boost::asio::io_context io;
    boost::asio::thread_pool reads(1);
    boost::asio::thread_pool commits(2);
    std::atomic<int> read_on_reads{0}, read_on_commits{0}, commit_on_reads{0}, commit_on_commits{0};
    Router router;
    router.set_actor_resolver([](const Request&) -> Result<Actor, Response> { return Actor{"token-id", Role::admin}; });
    router.add({"GET", "/read", Blocking::reads, [&](const Request&, const PathParams&) {
                    read_on_reads += reads.get_executor().running_in_this_thread();
                    read_on_commits += commits.get_executor().running_in_this_thread();
                    return json_response(200, "{}");
                }});
    router.add({"POST", "/commit", Blocking::commits, [&](const Request&, const PathParams&) {
                    commit_on_reads += reads.get_executor().running_in_this_thread();
                    commit_on_commits += commits.get_executor().running_in_this_thread();
                    return json_response(200, "{}");
                }});
    Server server(io, BlockingPools{reads, commits}, router, ServerOptions{});
    const auto port = server.start();
    std::thread runner([&io] { io.run(); });

    for (int i = 0; i < 3; ++i) {
        CHECK(testing::http_request(port, "GET", "/read").status == 200);
        CHECK(testing::http_request(port, "POST", "/commit", "{}").status == 200);
    }
    server.stop();
    io.stop();
    runner.join();
    reads.join();
    commits.join();

    CHECK(read_on_reads == 3);
    CHECK(read_on_commits == 0);
    CHECK(commit_on_reads == 0);
    CHECK(commit_on_commits == 3);
}

TEST_CASE("a route that answers later: its gate at once when it can, its answer from any thread, a throw a 500",
          "[http][server]") {
    boost::asio::io_context io;
    boost::asio::thread_pool reads(1);
    boost::asio::thread_pool commits(1);
    boost::asio::thread_pool answering(1);  // where the deferred answers come from
    std::atomic<int> gate_on_reads{0}, gate_elsewhere{0};
    Router router;
    // A token "known" is told at once; any other only by the blocking resolver.
    router.set_actor_resolver(
        [&](const Request&) -> Result<Actor, Response> {
            (reads.get_executor().running_in_this_thread() ? gate_on_reads : gate_elsewhere) += 1;
            return Actor{"token-id", Role::viewer};
        },
        [](const Request& request) -> std::optional<Result<Actor, Response>> {
            if (request.header("authorization") != "Bearer known") return std::nullopt;
            return Result<Actor, Response>(Actor{"known", Role::viewer});
        });
    router.add({.method = "GET",
                .pattern = "/later",
                .deferred = [&](const Request& request, const PathParams&, Respond respond) {
                    boost::asio::post(answering, [respond, id = request.actor->id] {
                        respond(json_response(200, "{\"actor\":\"" + id + "\"}"));
                    });
                }});
    router.add({.method = "GET",
                .pattern = "/throws",
                .deferred = [](const Request&, const PathParams&, Respond) { throw std::runtime_error("a bug"); }});
    router.add({.method = "GET",
                .pattern = "/answers-then-throws",
                .deferred = [](const Request&, const PathParams&, Respond respond) {
                    respond(json_response(200, "{}"));
                    throw std::runtime_error("a bug after the answer");
                }});
    Server server(io, BlockingPools{reads, commits}, router, ServerOptions{});
    const auto port = server.start();
    std::thread runner([&io] { io.run(); });

    const auto known = testing::http_request(port, "GET", "/later", {}, {{"Authorization", "Bearer known"}});
    const auto unknown = testing::http_request(port, "GET", "/later", {}, {{"Authorization", "Bearer other"}});
    const auto thrown = testing::http_request(port, "GET", "/throws");
    const auto answered = testing::http_request(port, "GET", "/answers-then-throws");
    server.stop();
    io.stop();
    runner.join();
    reads.join();
    commits.join();
    answering.join();

    CHECK(known.status == 200);
    CHECK(known.body == R"({"actor":"known"})");
    CHECK(unknown.status == 200);
    CHECK(unknown.body == R"({"actor":"token-id"})");
    // Only the three requests whose token was not told at once went to the blocking resolver,
    // on the reads pool.
    CHECK(gate_on_reads == 3);
    CHECK(gate_elsewhere == 0);
    CHECK(thrown.status == 500);
    CHECK(thrown.body.find("internal-error") != std::string::npos);
    // The first answer stands; the throw after it changes nothing.
    CHECK(answered.status == 200);
}

}  // namespace seminarflow::http
