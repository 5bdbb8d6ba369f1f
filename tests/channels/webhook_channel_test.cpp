// The webhook channel against a real receiver on loopback (webhook_sink.py), which checks the
// signature with Python's own HMAC: what arrives, and how each scripted answer reads.
#include <catch2/catch.hpp>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/json/parse.hpp>
#include <future>
#include <thread>

#include "adapters/channels/webhook/signature.hpp"
#include "adapters/channels/webhook/webhook_channel.hpp"
#include "tests/channels/loopback.hpp"
#include "tests/channels/webhook_sink.hpp"
#include "tests/store/backends.hpp"
#include "tests/support/settable_clock.hpp"

namespace seminarflow::webhook {
namespace {

using Catch::Matchers::Contains;
using Kind = ChannelOutcome::Kind;

const std::string secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

// `options` allowed to deliver to the loopback receivers.
WebhookOptions on_loopback(WebhookOptions options = {}) {
    options.addresses = test::loopback_allowed();
    return options;
}

// An I/O loop on a thread of its own, and the channel on it.
struct Client {
    explicit Client(WebhookOptions options = on_loopback())
        : clock(*parse_rfc3339("2026-11-30T08:00:00Z")), channel(io, clock, std::move(options)),
          thread([this] { io.run(); }) {}
    ~Client() {
        guard.reset();
        io.stop();
        thread.join();
    }

    ChannelOutcome send(const std::string& url, std::vector<std::string> secrets = {secret},
                        std::string id = "0193a000-0000-7000-8000-00000000d001") {
        Delivery delivery;
        delivery.id = std::move(id);
        delivery.attempt = 1;
        delivery.endpoint.channel = "webhook";
        delivery.endpoint.url = url;
        delivery.endpoint.secrets = std::move(secrets);
        delivery.notification = {"0193a000-0000-7000-8000-000000000001", "0193a000-0000-7000-8000-0000000000aa",
                                 "seminar.planned", {}, {{"workflow", "seminar"}, {"to", "planned"},
                                 {"data", {{"title", "Hội thảo khoa học công đoàn"}}}},
                                 *parse_rfc3339("2026-11-30T07:59:00Z")};
        std::promise<ChannelOutcome> answered;
        channel.send(DeliveryRequest{delivery, clock.now()}, [&](ChannelOutcome outcome) { answered.set_value(outcome); });
        return answered.get_future().get();
    }

    boost::asio::io_context io;
    boost::asio::executor_work_guard<boost::asio::io_context::executor_type> guard = boost::asio::make_work_guard(io);
    test::SettableClock clock;
    WebhookChannel channel;
    std::thread thread;
};

}  // namespace

TEST_CASE("a delivery arrives as a signed CloudEvent that an independent implementation verifies",
          "[channels][webhook]") {
    test::WebhookSink sink({secret});
    Client client;
    const ChannelOutcome outcome = client.send(sink.url("/ok"));
    CHECK(outcome.kind == Kind::success);
    CHECK(outcome.status_code == std::optional<int>(204));

    const auto received = sink.received();
    REQUIRE(received.size() == 1);
    const auto& request = received[0].as_object();
    CHECK(request.at("path") == "/ok");
    CHECK(request.at("signed_by") == 0);
    const auto& headers = request.at("headers").as_object();
    CHECK(headers.at("webhook-id") == "0193a000-0000-7000-8000-00000000d001");
    CHECK(headers.at("webhook-timestamp") == "1796025600");  // 2026-11-30T08:00:00Z, the client's clock
    CHECK(headers.at("content-type") == "application/cloudevents+json; charset=utf-8");
    CHECK(std::string(headers.at("webhook-signature").as_string()).starts_with("v1,"));
    CHECK(headers.at("user-agent") == "seminarflow-webhook/1");
    const auto event = boost::json::parse(request.at("body").as_string()).as_object();
    CHECK(event.at("specversion") == "1.0");
    CHECK(event.at("type") == "seminar.planned");
    CHECK(event.at("subject") == "0193a000-0000-7000-8000-0000000000aa");
    CHECK(event.at("data").at("data").at("title") == "Hội thảo khoa học công đoàn");
}

TEST_CASE("during a secret rotation a receiver holding only the old secret still verifies", "[channels][webhook]") {
    const std::string fresh = new_secret();
    test::WebhookSink old_receiver({secret});
    test::WebhookSink new_receiver({fresh});
    Client client;
    REQUIRE(client.send(old_receiver.url("/ok"), {fresh, secret}).kind == Kind::success);
    REQUIRE(client.send(new_receiver.url("/ok"), {fresh, secret}).kind == Kind::success);
    CHECK(old_receiver.received()[0].at("signed_by") == 0);
    CHECK(new_receiver.received()[0].at("signed_by") == 0);
    // And a receiver with neither finds no match: the check is real.
    test::WebhookSink stranger({new_secret()});
    REQUIRE(client.send(stranger.url("/ok"), {fresh, secret}).kind == Kind::success);
    CHECK(stranger.received()[0].at("signed_by").is_null());
}

TEST_CASE("the receiver's answers read as retry, Retry-After, disable and final failure", "[channels][webhook]") {
    test::WebhookSink sink({secret});
    Client client;

    const auto server_error = client.send(sink.url("/status/500"));
    CHECK(server_error.kind == Kind::retryable_failure);
    CHECK(server_error.status_code == std::optional<int>(500));
    CHECK(server_error.response_excerpt == "scripted 500");

    const auto limited = client.send(sink.url("/status/429?retry_after=7"));
    CHECK(limited.kind == Kind::retry_after);
    CHECK(limited.retry_after == std::chrono::seconds(7));

    const auto unavailable = client.send(sink.url("/status/503?retry_after=Mon,%2030%20Nov%202026%2008:02:00%20GMT"));
    CHECK(unavailable.kind == Kind::retry_after);
    CHECK(unavailable.retry_after == std::chrono::minutes(2));

    CHECK(client.send(sink.url("/status/408")).kind == Kind::retryable_failure);
    CHECK(client.send(sink.url("/status/410")).kind == Kind::disable_endpoint);
    CHECK(client.send(sink.url("/status/404")).kind == Kind::final_failure);
    CHECK(client.send(sink.url("/status/422")).kind == Kind::final_failure);
    CHECK(sink.received().size() == 7);
}

TEST_CASE("a redirect is a final failure and is never followed", "[channels][webhook]") {
    test::WebhookSink sink({secret});
    Client client;
    const auto moved = client.send(sink.url("/redirect"));
    CHECK(moved.kind == Kind::final_failure);
    CHECK(moved.status_code == std::optional<int>(301));
    CHECK_THAT(moved.error, Contains("not followed"));
    const auto received = sink.received();
    REQUIRE(received.size() == 1);
    CHECK(received[0].at("path") == "/redirect");
}

TEST_CASE("a receiver that never answers, or is not there, is a retryable failure", "[channels][webhook]") {
    test::WebhookSink sink({secret});
    Client client(on_loopback(WebhookOptions{.timeout = std::chrono::milliseconds(300)}));
    const auto hung = client.send(sink.url("/hang"));
    CHECK(hung.kind == Kind::retryable_failure);
    CHECK_FALSE(hung.status_code);
    CHECK_THAT(hung.error, Contains("no answer within 300 ms"));

    test::RefusingPort refusing;
    const auto refused = client.send("http://127.0.0.1:" + std::to_string(refusing.number()) + "/ok");
    CHECK(refused.kind == Kind::retryable_failure);
    CHECK_THAT(refused.error, Contains("connecting to 127.0.0.1:"));
}

TEST_CASE("an endpoint that cannot be sent to fails finally, and nothing is sent", "[channels][webhook]") {
    test::WebhookSink sink({secret});
    Client client;
    const auto unsigned_delivery = client.send(sink.url("/ok"), {"not-a-secret"});
    CHECK(unsigned_delivery.kind == Kind::final_failure);
    CHECK_THAT(unsigned_delivery.error, Contains("starts with whsec_"));
    const auto bad_url = client.send("ftp://hooks.example.org/");
    CHECK(bad_url.kind == Kind::final_failure);
    CHECK_THAT(bad_url.error, Contains("'ftp' URLs are not webhooks"));
    CHECK(sink.received().empty());
}

}  // namespace seminarflow::webhook
