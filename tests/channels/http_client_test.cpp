// The channels' shared HTTP client against a real TLS receiver (webhook_sink.py --tls, its
// certificate signed by a CA made for the run): https with the CA trusted, refused when it is not
// or when the certificate names another host; the address policy applied to the address
// actually connected to, after resolving; and connections kept alive between POSTs to one
// receiver, given up when the receiver closes them or they sit idle too long.
#include <catch2/catch.hpp>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <filesystem>
#include <fstream>
#include <future>
#include <thread>

#include "adapters/channels/http/http_client.hpp"
#include "tests/channels/loopback.hpp"
#include "tests/channels/webhook_sink.hpp"

namespace seminarflow::channels {
namespace {

using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

// An I/O loop on a thread of its own, and one client on it.
struct Client {
    explicit Client(HttpClientOptions options) : http(io, std::move(options)), thread([this] { io.run(); }) {}
    ~Client() {
        guard.reset();
        io.stop();
        thread.join();
    }

    HttpResult post(const std::string& url) {
        std::promise<HttpResult> answered;
        http.post(HttpPost{url, "application/json", {}, R"({"hello": "xin chào"})"},
                  [&](HttpResult result) { answered.set_value(std::move(result)); });
        return answered.get_future().get();
    }

    boost::asio::io_context io;
    boost::asio::executor_work_guard<boost::asio::io_context::executor_type> guard = boost::asio::make_work_guard(io);
    HttpClient http;
    std::thread thread;
};

HttpClientOptions trusting(const std::string& ca_file) {
    return {.timeout = std::chrono::milliseconds(5000), .addresses = test::loopback_allowed(), .ca_file = ca_file};
}

// The sink's count of open connections once it is `expected`, or after 2 s what it is then:
// connections close on their own threads, a moment after the answer.
std::int64_t open_connections(const test::WebhookSink& sink, std::int64_t expected) {
    std::int64_t open = sink.open_connections();
    for (int i = 0; i < 200 && open != expected; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
        open = sink.open_connections();
    }
    return open;
}

// The connection number the sink gave each request, in order.
std::vector<std::int64_t> connections_of(const boost::json::array& received) {
    std::vector<std::int64_t> numbers;
    for (const auto& request : received) numbers.push_back(request.at("connection").as_int64());
    return numbers;
}

}  // namespace

TEST_CASE("an https endpoint is reached when its certificate's CA is trusted", "[channels][https]") {
    test::WebhookSink sink({}, "IP:127.0.0.1,DNS:localhost");
    Client client(trusting(sink.ca_file()));
    for (const std::string host : {"127.0.0.1", "localhost"}) {
        const auto result = client.post(sink.tls_url("/ok", host));
        REQUIRE(result.ok());
        CHECK(result->status == 204);
    }
    const auto scripted = client.post(sink.tls_url("/status/503?retry_after=7"));
    REQUIRE(scripted.ok());
    CHECK(scripted->status == 503);
    CHECK(scripted->header("retry-after") == std::optional<std::string_view>("7"));
    CHECK(scripted->body == "scripted 503");

    const auto received = sink.received();
    REQUIRE(received.size() == 3);
    CHECK(received[0].at("headers").at("host").as_string() == "127.0.0.1:" + sink.field("TLS_PORT"));
    CHECK(received[1].at("headers").at("host").as_string() == "localhost:" + sink.field("TLS_PORT"));
    CHECK(received[0].at("body") == R"({"hello": "xin chào"})");
}

TEST_CASE("a certificate from a CA not trusted fails clearly, to be tried again", "[channels][https]") {
    test::WebhookSink sink({}, "IP:127.0.0.1,DNS:localhost");
    Client client(trusting(""));  // the system's CAs only
    const auto result = client.post(sink.tls_url("/ok"));
    REQUIRE_FALSE(result.ok());
    CHECK_FALSE(result.error().final);
    CHECK(result.error().message == "TLS with 127.0.0.1:" + sink.field("TLS_PORT") +
                                        " failed: the certificate is not trusted: unable to get local issuer certificate");
    CHECK(sink.received().empty());
}

TEST_CASE("a certificate for another host fails clearly, naming the host", "[channels][https]") {
    SECTION("a certificate for localhost alone, reached at 127.0.0.1") {
        test::WebhookSink sink({}, "DNS:localhost");
        Client client(trusting(sink.ca_file()));
        const auto result = client.post(sink.tls_url("/ok", "127.0.0.1"));
        REQUIRE_FALSE(result.ok());
        CHECK_FALSE(result.error().final);
        CHECK_THAT(result.error().message, StartsWith("TLS with 127.0.0.1:"));
        CHECK_THAT(result.error().message, Contains("failed: the certificate is not for 127.0.0.1"));
        CHECK(sink.received().empty());
        CHECK(client.post(sink.tls_url("/ok", "localhost")).ok());  // the name it is for
    }
    SECTION("a certificate for 127.0.0.1 alone, reached as localhost") {
        test::WebhookSink sink({}, "IP:127.0.0.1");
        Client client(trusting(sink.ca_file()));
        const auto result = client.post(sink.tls_url("/ok", "localhost"));
        REQUIRE_FALSE(result.ok());
        CHECK_THAT(result.error().message, Contains("failed: the certificate is not for localhost"));
        CHECK(sink.received().empty());
    }
}

TEST_CASE("a CA file that cannot be read stops the client from being made", "[channels][https]") {
    boost::asio::io_context io;
    CHECK_THROWS_WITH(HttpClient(io, HttpClientOptions{.ca_file = "/nonexistent/ca.pem"}),
                      Contains("channels.ca_file: cannot read CA certificates from /nonexistent/ca.pem"));
    const auto not_pem = std::filesystem::temp_directory_path() / "seminarflow-not-a-ca.pem";
    std::ofstream(not_pem) << "not a certificate\n";
    CHECK_THROWS_WITH(HttpClient(io, HttpClientOptions{.ca_file = not_pem.string()}),
                      Contains("cannot read CA certificates from " + not_pem.string()));
    std::filesystem::remove(not_pem);
}

TEST_CASE("loopback receivers are refused for good unless allowed, by address and by name", "[channels][ssrf]") {
    test::WebhookSink sink({}, "IP:127.0.0.1,DNS:localhost");
    Client refusing(HttpClientOptions{.timeout = std::chrono::milliseconds(5000), .ca_file = sink.ca_file()});
    const auto literal = refusing.post(sink.url("/ok"));
    REQUIRE_FALSE(literal.ok());
    CHECK(literal.error().final);
    CHECK(literal.error().message ==
          "refusing to connect: 127.0.0.1 is a loopback address (an operator may allow it in channels.allow_cidrs)");
    // A name is judged by what it resolves to: every address localhost has here is loopback.
    const auto named = refusing.post(sink.tls_url("/ok", "localhost"));
    REQUIRE_FALSE(named.ok());
    CHECK(named.error().final);
    CHECK_THAT(named.error().message, StartsWith("refusing to connect to localhost: "));
    CHECK_THAT(named.error().message, Contains("127.0.0.1 is a loopback address"));
    CHECK(sink.received().empty());

    // Allowing 127.0.0.0/8 alone: localhost is reached at the address allowed.
    Client allowing(HttpClientOptions{.timeout = std::chrono::milliseconds(5000),
                                      .addresses = AddressPolicy::allowing({"127.0.0.0/8"}).value(),
                                      .ca_file = sink.ca_file()});
    const auto reached = allowing.post(sink.tls_url("/ok", "localhost"));
    REQUIRE(reached.ok());
    CHECK(reached->status == 204);
    CHECK(allowing.post(sink.url("/ok")).ok());
    CHECK(sink.received().size() == 2);
}

TEST_CASE("a receiver that keeps connections alive is sent to on one connection", "[channels][keep-alive]") {
    test::WebhookSink sink({}, "IP:127.0.0.1");
    Client client(trusting(sink.ca_file()));
    SECTION("over plain HTTP") {
        for (int i = 0; i < 3; ++i) REQUIRE(client.post(sink.url("/ok?keep_alive=1"))->status == 204);
    }
    SECTION("over TLS") {
        for (int i = 0; i < 3; ++i) REQUIRE(client.post(sink.tls_url("/ok?keep_alive=1"))->status == 204);
    }
    const auto received = sink.received();
    REQUIRE(received.size() == 3);
    const auto connections = connections_of(received);
    CHECK(connections == std::vector<std::int64_t>(3, connections[0]));
    CHECK_FALSE(received[0].at("headers").as_object().contains("connection"));  // HTTP/1.1: kept by default
    CHECK(open_connections(sink, 1) == 1);
}

TEST_CASE("a connection is not kept when the receiver closes it or keeping is turned off", "[channels][keep-alive]") {
    test::WebhookSink sink({});
    SECTION("the receiver answers Connection: close") {
        Client client(trusting(""));
        for (int i = 0; i < 2; ++i) REQUIRE(client.post(sink.url("/ok"))->status == 204);
    }
    SECTION("keep_alive_idle is 0") {
        auto options = trusting("");
        options.keep_alive_idle = std::chrono::milliseconds(0);
        Client client(options);
        for (int i = 0; i < 2; ++i) REQUIRE(client.post(sink.url("/ok?keep_alive=1"))->status == 204);
        CHECK(sink.received()[0].at("headers").at("connection") == "close");
    }
    SECTION("the answer's body is longer than the client reads") {
        auto options = trusting("");
        options.max_response_bytes = 4;  // "scripted 500" is longer: the rest stays unread
        Client client(options);
        for (int i = 0; i < 2; ++i) REQUIRE(client.post(sink.url("/status/500?keep_alive=1"))->status == 500);
    }
    const auto connections = connections_of(sink.received());
    REQUIRE(connections.size() == 2);
    CHECK(connections[0] != connections[1]);
    CHECK(open_connections(sink, 0) == 0);
}

TEST_CASE("a kept connection the receiver has closed is passed over", "[channels][keep-alive]") {
    test::WebhookSink sink({});
    Client client(trusting(""));
    REQUIRE(client.post(sink.url("/ok?keep_alive=1&idle=0.05"))->status == 204);
    REQUIRE(open_connections(sink, 0) == 0);  // the receiver's idle timeout closed it
    const auto result = client.post(sink.url("/ok?keep_alive=1"));
    REQUIRE(result.ok());
    CHECK(result->status == 204);
    const auto connections = connections_of(sink.received());
    REQUIRE(connections.size() == 2);
    CHECK(connections[0] != connections[1]);
}

TEST_CASE("a kept connection closed as the request went is tried once more on a new one", "[channels][keep-alive]") {
    test::WebhookSink sink({});
    Client client(trusting(""));
    REQUIRE(client.post(sink.url("/ok?keep_alive=1"))->status == 204);
    const auto result = client.post(sink.url("/drop_once/a?keep_alive=1"));
    REQUIRE(result.ok());
    CHECK(result->status == 204);
    const auto received = sink.received();
    REQUIRE(received.size() == 3);
    CHECK(received[1].at("body") == received[2].at("body"));  // the same request, sent again
    const auto connections = connections_of(received);
    CHECK(connections[1] == connections[0]);
    CHECK(connections[2] != connections[1]);

    // On a new connection the same failure is the try's own, to be retried on its schedule.
    Client fresh(trusting(""));
    const auto dropped = fresh.post(sink.url("/drop_once/b"));
    REQUIRE_FALSE(dropped.ok());
    CHECK_FALSE(dropped.error().final);
    CHECK_THAT(dropped.error().message, StartsWith("reading the answer: "));
    CHECK(sink.received().size() == 4);
}

TEST_CASE("kept connections idle past the limit are closed by the client", "[channels][keep-alive]") {
    test::WebhookSink sink({});
    auto options = trusting("");
    options.keep_alive_idle = std::chrono::milliseconds(300);
    Client client(options);
    REQUIRE(client.post(sink.url("/ok?keep_alive=1"))->status == 204);
    CHECK(sink.open_connections() == 1);
    CHECK(open_connections(sink, 0) == 0);
    REQUIRE(client.post(sink.url("/ok?keep_alive=1"))->status == 204);
    const auto connections = connections_of(sink.received());
    REQUIRE(connections.size() == 2);
    CHECK(connections[0] != connections[1]);
}

}  // namespace seminarflow::channels
