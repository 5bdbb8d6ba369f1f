// Which threads run a blocking route: reads on the pool sized to the store's connections, commits
// on the larger one, and neither on an I/O thread (server.hpp, BlockingPools, says why).
#include <boost/asio/io_context.hpp>
#include <boost/asio/thread_pool.hpp>
#include <catch2/catch.hpp>

#include <atomic>
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

}  // namespace seminarflow::http
