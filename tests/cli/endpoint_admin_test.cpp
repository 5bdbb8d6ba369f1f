// `seminarflow endpoints add` as a pure function: what it stores, and every refusal.
#include <catch2/catch.hpp>

#include "adapters/cli/endpoint_admin.hpp"
#include "engine/runtime/uuid_source.hpp"

using namespace seminarflow;
using Catch::Matchers::Contains;

namespace {

const Time now = *parse_rfc3339("2026-11-30T08:00:00Z");

std::string refusal(const EndpointRequest& request) {
    const SystemClock clock;
    UuidV7Source ids(clock);
    auto endpoint = make_endpoint(request, now, ids);
    REQUIRE_FALSE(endpoint.ok());
    return endpoint.error();
}

}  // namespace

TEST_CASE("an endpoint is made from what the operator gave, with a new secret unless one was given", "[endpoints]") {
    const SystemClock clock;
    UuidV7Source ids(clock);
    EndpointRequest request{.url = "http://hooks.example.org/seminarflow",
                            .types = {"seminar.planned", "seminar.cancelled"},
                            .description = "Nhóm Zalo ban tổ chức",
                            .retry_schedule = "5s,1m,1h",
                            .max_in_flight = 2,
                            .rate_limit = 10};
    auto made = make_endpoint(request, now, ids);
    REQUIRE(made.ok());
    CHECK(made->channel == "webhook");
    CHECK(made->url == request.url);
    CHECK(made->event_types == request.types);
    CHECK(made->retry_schedule == std::vector<Duration>{std::chrono::seconds(5), std::chrono::minutes(1),
                                                        std::chrono::hours(1)});
    CHECK(made->max_in_flight == 2);
    CHECK(made->rate_limit == std::optional<int>(10));
    REQUIRE(made->secrets.size() == 1);
    CHECK(made->secrets[0].starts_with("whsec_"));
    CHECK(made->created_at == now);
    CHECK(made->enabled);

    request.secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    CHECK(make_endpoint(request, now, ids)->secrets == std::vector<std::string>{*request.secret});

    const std::string line = describe_endpoint(*made);
    CHECK_THAT(line, Contains("enabled") && Contains("types=seminar.planned,seminar.cancelled") &&
                         Contains("retry_schedule=5s,1m,1h") && Contains("rate_limit=10/s") && Contains("secrets=1"));
    CHECK(line.find(made->secrets[0]) == std::string::npos);  // never the secret itself
}

TEST_CASE("an endpoint the dispatcher could not use is refused with why", "[endpoints]") {
    CHECK_THAT(refusal({.url = "https://hooks.example.org/"}), Contains("the URL: https endpoints are not supported yet"));
    CHECK_THAT(refusal({.url = "hooks.example.org"}), Contains("the URL: 'hooks.example.org' is not an absolute URL"));
    CHECK_THAT(refusal({.url = "http://h/", .secret = "hunter2"}), Contains("--secret: a signing secret starts with whsec_"));
    CHECK_THAT(refusal({.url = "http://h/", .types = {""}}), Contains("--type"));
    CHECK_THAT(refusal({.url = "http://h/", .retry_schedule = "5s,soon"}), Contains("--retry-schedule: 'soon' is not a duration"));
    CHECK_THAT(refusal({.url = "http://h/", .retry_schedule = ""}), Contains("--retry-schedule: '' is not a duration"));
    CHECK_THAT(refusal({.url = "http://h/", .max_in_flight = 0}), Contains("--max-in-flight must be between 1 and 1000"));
    CHECK_THAT(refusal({.url = "http://h/", .rate_limit = 0}), Contains("--rate-limit must be at least 1"));
}

TEST_CASE("a chat endpoint is made with its channel, language and chat id, and no secret", "[endpoints][chat]") {
    const SystemClock clock;
    UuidV7Source ids(clock);
    const auto telegram = make_endpoint({.url = "http://api.example.org/bot123:ABC/sendMessage",
                                         .channel = "telegram",
                                         .language = "en",
                                         .chat_id = "-1001234567890"},
                                        now, ids);
    REQUIRE(telegram.ok());
    CHECK(telegram->channel == "telegram");
    CHECK(telegram->language == "en");
    CHECK(telegram->chat_id == std::optional<std::string>("-1001234567890"));
    CHECK(telegram->secrets.empty());
    const std::string line = describe_endpoint(*telegram);
    // The bot token in the URL is the platform's credential: never listed.
    CHECK_THAT(line, Contains("telegram  http://api.example.org/…") && Contains("language=en") &&
                         Contains("chat_id=-1001234567890"));
    CHECK(line.find("123:ABC") == std::string::npos);

    for (const char* channel : {"slack", "teams", "discord", "mattermost", "google_chat"}) {
        const auto made = make_endpoint({.url = "http://chat.example.org/hooks/T0/B0/secret", .channel = channel}, now, ids);
        REQUIRE(made.ok());
        CHECK(made->channel == channel);
        CHECK(made->language == "vi");  // the default
        CHECK_FALSE(made->chat_id);
        CHECK(made->secrets.empty());
        CHECK(describe_endpoint(*made).find("secret") == std::string::npos);
    }
}

TEST_CASE("a chat endpoint it could not send to is refused with why", "[endpoints][chat]") {
    CHECK_THAT(refusal({.url = "http://h/", .channel = "zalo"}),
               Contains("--channel: 'zalo' is not a channel; one of webhook, slack, teams, discord, telegram, mattermost, google_chat"));
    CHECK_THAT(refusal({.url = "http://h/", .channel = "slack", .language = "fr"}),
               Contains("--language: 'fr' is not a language messages are written in: vi or en"));
    CHECK_THAT(refusal({.url = "http://h/", .language = ""}), Contains("--language: '' is not a language"));
    CHECK_THAT(refusal({.url = "http://h/", .channel = "telegram"}), Contains("--chat-id: a telegram endpoint needs the chat"));
    CHECK_THAT(refusal({.url = "http://h/", .channel = "telegram", .chat_id = "my group"}),
               Contains("--chat-id: the chat id 'my group' is neither a number"));
    CHECK_THAT(refusal({.url = "http://h/", .channel = "slack", .chat_id = "42"}),
               Contains("--chat-id: a slack endpoint's URL says where messages go"));
    CHECK_THAT(refusal({.url = "http://h/", .chat_id = "42"}), Contains("--chat-id: a webhook endpoint has no chat id"));
    CHECK_THAT(refusal({.url = "http://h/", .secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", .channel = "discord"}),
               Contains("--secret: only webhook endpoints sign their requests"));
    CHECK_THAT(refusal({.url = "ftp://h/", .channel = "slack"}), Contains("the URL: 'ftp' URLs are not webhooks"));
}
