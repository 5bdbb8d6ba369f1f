// The chat channels against chat_sink.py, a loopback stand-in that checks every body as each
// platform documents it and answers the platform's way: what arrives (rendered from the shipped
// templates, in the endpoint's language), and how success, rate limits and refusals read.
#include <catch2/catch.hpp>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <future>
#include <optional>
#include <thread>

#include "adapters/channels/chat/chat_channel.hpp"
#include "engine/definition/definition_set.hpp"
#include "engine/interpreter/named_code.hpp"
#include "tests/channels/chat_sink.hpp"
#include "tests/channels/loopback.hpp"
#include "tests/store/backends.hpp"
#include "tests/support/settable_clock.hpp"

namespace seminarflow::channels {
namespace {

using Catch::Matchers::Contains;
using Kind = ChannelOutcome::Kind;

const DefinitionSet& shipped() {
    static const DefinitionSet set = [] {
        auto loaded = load_definition_set(SEMINARFLOW_SOURCE_DIR "/config/templates", SEMINARFLOW_SOURCE_DIR "/workflows",
                                          standard_named_code());
        if (!loaded) throw std::runtime_error("the shipped templates or workflows do not load");
        return std::move(loaded).value();
    }();
    return set;
}

// What each platform's path looks like after /<platform>/<script>.
std::string platform_path(std::string_view platform) {
    if (platform == "slack") return "/services/T0001/B0001/XXXXXXXX";
    if (platform == "teams") return "/workflows/abc/triggers/manual/paths/invoke?api-version=1";
    if (platform == "discord") return "/api/webhooks/1234/token";
    if (platform == "telegram") return "/bot123456:ABC-def/sendMessage";
    if (platform == "mattermost") return "/hooks/xxx";
    return "/v1/spaces/AAAA/messages?key=k&token=t";
}

const std::vector<std::string> every_platform{"slack", "teams", "discord", "telegram", "mattermost", "google_chat"};

// An I/O loop on a thread of its own, one HTTP client, the shipped renderer and a channel a platform.
struct Client {
    Client()
        : clock(*parse_rfc3339("2026-11-30T08:00:00Z")),
          http(io, HttpClientOptions{.timeout = std::chrono::milliseconds(5000), .addresses = test::loopback_allowed()}),
          renderer(shipped().templates, shipped().catalogue), thread([this] { io.run(); }) {}
    ~Client() {
        guard.reset();
        io.stop();
        thread.join();
    }

    ChannelOutcome send(std::string_view platform, const std::string& url, std::string language = "vi",
                        std::string title = "Hội thảo <Công đoàn> & đoàn viên",
                        std::optional<std::string> chat_id = "-1001234567890") {
        Notification notification;
        notification.id = "0193a000-0000-7000-8000-000000000001";
        notification.instance_id = "0193a000-0000-7000-8000-0000000000aa";
        notification.template_name = "seminar.planned";
        notification.payload = {
            {"workflow", "seminar"}, {"event", "plan"},
            {"data", {{"title", title}, {"organiser_unit", "Ban Tuyên giáo"}, {"starts_at", "2026-12-25T01:00:00Z"},
                      {"ends_at", "2026-12-25T04:30:00Z"}, {"venue", "Hội trường A"}, {"chair", "Đồng chí An"}}}};
        return send(platform, url, std::move(notification), std::move(language), std::move(chat_id));
    }

    ChannelOutcome send(std::string_view platform, const std::string& url, Notification notification,
                        std::string language, std::optional<std::string> chat_id = "-1001234567890") {
        Delivery delivery;
        delivery.id = "0193a000-0000-7000-8000-00000000d001";
        delivery.attempt = 1;
        delivery.endpoint.channel = std::string(platform);
        delivery.endpoint.url = url;
        delivery.endpoint.language = std::move(language);
        if (platform == "telegram") delivery.endpoint.chat_id = std::move(chat_id);
        delivery.notification = std::move(notification);
        ChatChannel channel(*find_chat_platform(platform), http, renderer, clock);
        std::promise<ChannelOutcome> answered;
        channel.send(DeliveryRequest{delivery, clock.now()}, [&](ChannelOutcome outcome) { answered.set_value(outcome); });
        return answered.get_future().get();
    }

    boost::asio::io_context io;
    boost::asio::executor_work_guard<boost::asio::io_context::executor_type> guard = boost::asio::make_work_guard(io);
    test::SettableClock clock;
    HttpClient http;
    MessageRenderer renderer;
    std::thread thread;
};

std::string url(const test::ChatSink& sink, std::string_view platform, std::string_view script) {
    return sink.url("/" + std::string(platform) + "/" + std::string(script) + platform_path(platform));
}

std::string visible(const boost::json::value& request) { return std::string(request.at("visible").as_string()); }

}  // namespace

TEST_CASE("every platform takes the rendered Vietnamese message, escaped so that it reads as written",
          "[channels][chat]") {
    test::ChatSink sink;
    Client client;
    for (const std::string& platform : every_platform) {
        INFO(platform);
        const auto outcome = client.send(platform, url(sink, platform, "ok"));
        CHECK(outcome.kind == Kind::success);
        const auto received = sink.received();
        const auto& request = received.back();
        CHECK(request.at("error").is_null());
        CHECK(request.at("headers").at("content-type") == "application/json; charset=utf-8");
        const std::string text = visible(request);
        CHECK_THAT(text, Contains("Đã lên kế hoạch: Hội thảo <Công đoàn> & đoàn viên"));
        CHECK_THAT(text, Contains("Thời gian: 08:00 ngày 25/12/2026 đến 11:30 ngày 25/12/2026"));
        CHECK_THAT(text, Contains("Địa điểm: Hội trường A"));
    }
    CHECK(sink.received().size() == every_platform.size());
}

TEST_CASE("the operators' notice of a disabled endpoint reaches every platform, in both languages",
          "[channels][chat][notice]") {
    test::ChatSink sink;
    Client client;
    Notification notice;
    notice.id = "0193a000-0000-7000-8000-000000000002";
    notice.template_name = std::string(endpoint_disabled_notice);
    notice.payload = {{"data", {{"endpoint_id", "0193a000-0000-7000-8000-0000000000ee"},
                                {"url", "https://receiver.example/hooks"},
                                {"reason", "410: Gone"},
                                {"disabled_at", "2026-11-30T08:00:00Z"}}}};
    for (const std::string& platform : every_platform) {
        for (const char* language : {"vi", "en"}) {
            INFO(platform << " " << language);
            const auto outcome = client.send(platform, url(sink, platform, "ok"), notice, language);
            REQUIRE(outcome.kind == Kind::success);
            const std::string text = visible(sink.received().back());
            CHECK_THAT(text, Contains("0193a000-0000-7000-8000-0000000000ee"));
            CHECK_THAT(text, Contains("410: Gone"));
            CHECK_THAT(text, Contains(std::string(language) == "vi" ? "Tắt lúc: 15:00 ngày 30/11/2026"
                                                                    : "Disabled at: 30 Nov 2026, 15:00"));
        }
    }
}

TEST_CASE("a message seminarflow cannot render is not sent, and says it is not the receiver's fault",
          "[channels][chat][notice]") {
    test::ChatSink sink;
    Client client;
    Notification lost;
    lost.id = "0193a000-0000-7000-8000-000000000003";
    lost.template_name = "seminar.no_such_template";
    for (const std::string& platform : every_platform) {
        INFO(platform);
        const auto outcome = client.send(platform, url(sink, platform, "ok"), lost, "vi");
        CHECK(outcome.kind == Kind::not_sent);
        CHECK_FALSE(outcome.status_code);
        CHECK_THAT(outcome.error, Contains("could not render") && Contains("seminar.no_such_template") &&
                                      Contains("not at fault"));
    }
    CHECK(sink.received().empty());
}

TEST_CASE("an endpoint in English gets the English message", "[channels][chat]") {
    test::ChatSink sink;
    Client client;
    REQUIRE(client.send("telegram", url(sink, "telegram", "ok"), "en").kind == Kind::success);
    REQUIRE(client.send("slack", url(sink, "slack", "ok"), "en").kind == Kind::success);
    for (const auto& request : sink.received()) {
        CHECK_THAT(visible(request), Contains("When: 25 Dec 2026, 08:00 to 25 Dec 2026, 11:30"));
    }
    const auto body = sink.received()[0].at("json");
    CHECK(body.at("chat_id") == -1001234567890LL);
    CHECK(body.at("parse_mode") == "HTML");
}

TEST_CASE("a message far over every platform's limit is cut, and each platform accepts it", "[channels][chat]") {
    test::ChatSink sink;
    Client client;
    std::string title;
    while (title.size() < 60'000) title += "Tham luận <của> các đơn vị & kiến nghị ";
    for (const std::string& platform : every_platform) {
        INFO(platform);
        const auto outcome = client.send(platform, url(sink, platform, "ok"), "vi", title);
        CHECK(outcome.kind == Kind::success);
        CHECK(outcome.error.empty());
        const auto received = sink.received();
        const auto& request = received.back();
        CHECK(request.at("error").is_null());
        CHECK_THAT(visible(request), Contains("…"));
    }
}

TEST_CASE("each platform's rate-limit answer is honoured with its own retry_after", "[channels][chat]") {
    test::ChatSink sink;
    Client client;
    const std::vector<std::pair<std::string, Duration>> expected{
        {"slack", std::chrono::seconds(7)},        // Retry-After
        {"teams", std::chrono::seconds(7)},        // Retry-After
        {"discord", std::chrono::milliseconds(6250)},  // the JSON body's retry_after, finer than its header's
        {"telegram", std::chrono::seconds(7)},     // parameters.retry_after
        {"mattermost", std::chrono::seconds(7)},   // X-Ratelimit-Reset
        {"google_chat", std::chrono::seconds(7)},  // Retry-After
    };
    for (const auto& [platform, wait] : expected) {
        INFO(platform);
        const std::string script = platform == "discord" ? "limited-6.25" : "limited-7";
        const auto outcome = client.send(platform, url(sink, platform, script));
        CHECK(outcome.kind == Kind::retry_after);
        CHECK(outcome.status_code == std::optional<int>(429));
        CHECK(outcome.retry_after == wait);
    }
}

TEST_CASE("a webhook gone disables Slack and Telegram endpoints and fails the others for good",
          "[channels][chat]") {
    test::ChatSink sink;
    Client client;
    CHECK(client.send("slack", url(sink, "slack", "gone")).kind == Kind::disable_endpoint);
    const auto kicked = client.send("telegram", url(sink, "telegram", "gone"));
    CHECK(kicked.kind == Kind::disable_endpoint);
    CHECK_THAT(kicked.error, Contains("Forbidden: bot was kicked from the group chat"));
    const auto unknown = client.send("discord", url(sink, "discord", "gone"));
    CHECK(unknown.kind == Kind::final_failure);
    CHECK(unknown.status_code == std::optional<int>(404));
    CHECK_THAT(unknown.error, Contains("Unknown Webhook"));
    for (const char* platform : {"teams", "mattermost", "google_chat"}) {
        INFO(platform);
        CHECK(client.send(platform, url(sink, platform, "gone")).kind == Kind::final_failure);
    }
    for (const std::string& platform : every_platform) {
        INFO(platform);
        CHECK(client.send(platform, url(sink, platform, "fail")).kind == Kind::retryable_failure);
    }
}

TEST_CASE("what a platform refuses ends the delivery, with the platform's reason", "[channels][chat]") {
    test::ChatSink sink;
    Client client;
    const auto not_found = client.send("telegram", url(sink, "telegram", "ok"), "vi", "x", "-404");
    CHECK(not_found.kind == Kind::final_failure);
    CHECK_THAT(not_found.error, Contains("Telegram answered 400: Bad Request: chat not found"));
    const auto bad_token = client.send("telegram", sink.url("/telegram/ok/not-a-bot/sendMessage"));
    CHECK(bad_token.kind == Kind::final_failure);
    CHECK_THAT(bad_token.error, Contains("Telegram answered 404: Not Found"));
    const auto no_key = client.send("google_chat", sink.url("/google_chat/ok/v1/spaces/AAAA/messages"));
    CHECK(no_key.kind == Kind::final_failure);
    CHECK_THAT(no_key.error, Contains("Google Chat answered 401"));
}

TEST_CASE("an endpoint a chat channel cannot send to fails, and nothing is sent", "[channels][chat]") {
    test::ChatSink sink;
    Client client;
    const auto no_chat = client.send("telegram", url(sink, "telegram", "ok"), "vi", "x", std::nullopt);
    CHECK(no_chat.kind == Kind::final_failure);
    CHECK_THAT(no_chat.error, Contains("Telegram: a Telegram endpoint needs a chat id"));
    const auto ftp = client.send("slack", "ftp://hooks.slack.com/services/T/B/X");
    CHECK(ftp.kind == Kind::final_failure);
    CHECK_THAT(ftp.error, Contains("'ftp' URLs are not webhooks"));
    CHECK(sink.received().empty());

    test::RefusingPort refusing;
    const auto refused = client.send("discord", "http://127.0.0.1:" + std::to_string(refusing.number()) + "/api/webhooks/1/t");
    CHECK(refused.kind == Kind::retryable_failure);
    CHECK_THAT(refused.error, Contains("connecting to 127.0.0.1:"));
}

}  // namespace seminarflow::channels
