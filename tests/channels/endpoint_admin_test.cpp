// What operators ask of endpoints (the CLI's `endpoints add|rotate`, POST /v1/endpoints and its
// secret rotation) as pure functions: what they store, and every refusal with the field at fault.
#include <catch2/catch.hpp>

#include "adapters/channels/endpoint_admin.hpp"
#include "engine/runtime/uuid_source.hpp"

using namespace seminarflow;
using Catch::Matchers::Contains;

namespace {

const Time now = *parse_rfc3339("2026-11-30T08:00:00Z");
const channels::AddressPolicy by_default;  // no special address allowed

// "field: message"
std::string refusal(const EndpointRequest& request, const channels::AddressPolicy& addresses = by_default) {
    const SystemClock clock;
    UuidV7Source ids(clock);
    auto endpoint = make_endpoint(request, now, ids, addresses);
    REQUIRE_FALSE(endpoint.ok());
    return endpoint.error().field + ": " + endpoint.error().message;
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
    auto made = make_endpoint(request, now, ids, by_default);
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
    CHECK(make_endpoint(request, now, ids, by_default)->secrets == std::vector<std::string>{*request.secret});
}

TEST_CASE("an endpoint the dispatcher could not use is refused with why", "[endpoints]") {
    CHECK_THAT(refusal({.url = "hooks.example.org"}), Contains("url: 'hooks.example.org' is not an absolute URL"));
    CHECK_THAT(refusal({.url = "http://h/", .channel = "pigeon"}),
               Contains("channel: there is no channel 'pigeon'; endpoints take: webhook"));
    CHECK_THAT(refusal({.url = "http://h/", .secret = "hunter2"}), Contains("secret: a signing secret starts with whsec_"));
    CHECK_THAT(refusal({.url = "http://h/", .types = {""}}), Contains("types: a notification type is a template name"));
    CHECK_THAT(refusal({.url = "http://h/", .retry_schedule = "5s,soon"}), Contains("retry_schedule: 'soon' is not a duration"));
    CHECK_THAT(refusal({.url = "http://h/", .retry_schedule = ""}), Contains("retry_schedule: '' is not a duration"));
    CHECK_THAT(refusal({.url = "http://h/", .max_in_flight = 0}), Contains("max_in_flight: must be between 1 and 1000"));
    CHECK_THAT(refusal({.url = "http://h/", .rate_limit = 0}), Contains("rate_limit: must be at least 1"));
}

TEST_CASE("a rotated secret signs first, beside the newest old one, until the next rotation", "[endpoints]") {
    const SystemClock clock;
    UuidV7Source ids(clock);
    auto endpoint = make_endpoint({.url = "http://h/"}, now, ids, by_default);
    REQUIRE(endpoint.ok());
    const std::string first = endpoint->secrets.front();
    auto once = rotated_secrets(*endpoint, std::nullopt);
    REQUIRE(once.ok());
    REQUIRE(once->size() == 2);
    CHECK(once->front().starts_with("whsec_"));
    CHECK(once->front() != first);
    CHECK(once->back() == first);

    endpoint->secrets = *once;
    const std::string given = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    auto twice = rotated_secrets(*endpoint, given);
    REQUIRE(twice.ok());
    CHECK(*twice == std::vector<std::string>{given, once->front()});  // the first one is gone now

    endpoint->secrets = *twice;
    auto same = rotated_secrets(*endpoint, given);
    REQUIRE_FALSE(same.ok());
    CHECK(same.error().field == "secret");
    CHECK_THAT(same.error().message, Contains("signs with that secret already"));
    auto bad = rotated_secrets(*endpoint, std::string("hunter2"));
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().field == "secret");
}

TEST_CASE("a replay starts from an RFC 3339 time, and says what one looks like otherwise", "[endpoints]") {
    CHECK(parse_replay_since("2026-11-30T08:00:00+07:00").value() == *parse_rfc3339("2026-11-30T01:00:00Z"));
    auto refused = parse_replay_since("yesterday");
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().field == "since");
    CHECK(refused.error().message == "'yesterday' is not an RFC 3339 time such as 2026-11-30T08:00:00+07:00");
}

TEST_CASE("an email endpoint names its relay, sender and TLS, and keeps the password as its secret", "[endpoints]") {
    const SystemClock clock;
    UuidV7Source ids(clock);
    const EndpointRequest request{.url = "smtp://mailer@relay.example:587",
                                  .channel = "email",
                                  .types = {"seminar.reminder"},
                                  .from = "Ban Tổ chức <bantochuc@congdoan.example>",
                                  .tls = "required",
                                  .ca_file = "/etc/ssl/relay.pem",
                                  .password = "mật khẩu"};
    auto made = make_endpoint(request, now, ids, by_default);
    INFO((made.ok() ? "" : made.error().message));
    REQUIRE(made.ok());
    CHECK(made->channel == "email");
    CHECK(made->url == "smtp://mailer@relay.example:587");
    CHECK(made->secrets == std::vector<std::string>{"mật khẩu"});
    CHECK(made->settings.at("from") == "Ban Tổ chức <bantochuc@congdoan.example>");
    CHECK(made->settings.at("tls") == "required");
    CHECK(made->settings.at("ca_file") == "/etc/ssl/relay.pem");

    const auto anonymous =
        make_endpoint({.url = "smtp://relay.example:2525", .channel = "email", .from = "c@x.example"}, now, ids, by_default);
    REQUIRE(anonymous.ok());
    CHECK(anonymous->secrets.empty());
}

TEST_CASE("an email endpoint the channel could not use is refused with why", "[endpoints]") {
    const auto email = [](EndpointRequest request) {
        request.channel = "email";
        if (!request.from) request.from = "c@x.example";
        return refusal(request);
    };
    CHECK_THAT(refusal({.url = "smtp://relay.example", .channel = "fax"}),
               Contains("channel: there is no channel 'fax'; endpoints take: webhook, email, slack"));
    CHECK_THAT(email({.url = "http://relay.example/"}), Contains("url: ") && Contains("'http' URLs are not SMTP relays"));
    CHECK_THAT(email({.url = "smtp://relay.example", .from = "nobody"}),
               Contains("the sender: 'nobody' is not an email address"));
    CHECK_THAT(email({.url = "smtp://relay.example", .tls = "maybe"}), Contains("tls 'maybe'"));
    CHECK_THAT(email({.url = "smtp://u@relay.example", .tls = "opportunistic", .password = "x"}),
               Contains("url: tls opportunistic with a user would send the password in clear"));
    CHECK_THAT(email({.url = "smtp://u:p@relay.example"}), Contains("never the password"));
    CHECK_THAT(email({.url = "smtp://u@relay.example"}), Contains("password: AUTH needs both a user"));
    CHECK_THAT(email({.url = "smtp://relay.example", .password = "x"}), Contains("password: AUTH needs both a user"));
    CHECK(email({.url = "smtp://relay.example", .secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"}) ==
          "secret: signs webhooks; an email relay takes a password instead");
    CHECK(refusal({.url = "http://h/", .from = "c@x.example"}) ==
          "channel: a sender, TLS mode, CA file and password are for the email channel");
}

TEST_CASE("a chat endpoint is made with its channel, language and chat id, and no secret", "[endpoints][chat]") {
    const SystemClock clock;
    UuidV7Source ids(clock);
    const auto telegram = make_endpoint({.url = "http://api.example.org/bot123:ABC/sendMessage",
                                         .channel = "telegram",
                                         .language = "en",
                                         .chat_id = "-1001234567890"},
                                        now, ids, by_default);
    REQUIRE(telegram.ok());
    CHECK(telegram->channel == "telegram");
    CHECK(telegram->language == "en");
    CHECK(telegram->chat_id == std::optional<std::string>("-1001234567890"));
    CHECK(telegram->secrets.empty());

    for (const char* channel : {"slack", "teams", "discord", "mattermost", "google_chat"}) {
        const auto made = make_endpoint({.url = "http://chat.example.org/hooks/T0/B0/secret", .channel = channel}, now, ids, by_default);
        REQUIRE(made.ok());
        CHECK(made->channel == channel);
        CHECK(made->language == "vi");  // the default
        CHECK_FALSE(made->chat_id);
        CHECK(made->secrets.empty());
    }
}

TEST_CASE("a chat endpoint it could not send to is refused with why", "[endpoints][chat]") {
    CHECK(refusal({.url = "http://h/", .channel = "zalo"}) ==
          "channel: there is no channel 'zalo'; endpoints take: webhook, email, slack, teams, discord, telegram, "
          "mattermost, google_chat");
    CHECK(refusal({.url = "http://h/", .channel = "slack", .language = "fr"}) ==
          "language: 'fr' is not a language messages are written in: vi or en");
    CHECK_THAT(refusal({.url = "http://h/", .language = ""}), Contains("language: '' is not a language"));
    CHECK_THAT(refusal({.url = "http://h/", .channel = "telegram"}), Contains("chat_id: a telegram endpoint needs the chat"));
    CHECK_THAT(refusal({.url = "http://h/", .channel = "telegram", .chat_id = "my group"}),
               Contains("chat_id: the chat id 'my group' is neither a number"));
    CHECK_THAT(refusal({.url = "http://h/", .channel = "slack", .chat_id = "42"}),
               Contains("chat_id: a slack endpoint's URL says where messages go"));
    CHECK(refusal({.url = "http://h/", .chat_id = "42"}) == "chat_id: a webhook endpoint has no chat id");
    CHECK_THAT(refusal({.url = "http://h/", .channel = "discord", .secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"}),
               Contains("secret: only webhook endpoints sign their requests"));
    CHECK_THAT(refusal({.url = "ftp://h/", .channel = "slack"}), Contains("url: 'ftp' URLs are not webhooks"));
}

TEST_CASE("https URLs are taken, as http ones are", "[endpoints]") {
    const SystemClock clock;
    UuidV7Source ids(clock);
    const auto webhook = make_endpoint({.url = "https://hooks.example.org/seminarflow"}, now, ids, by_default);
    REQUIRE(webhook.ok());
    CHECK(webhook->url == "https://hooks.example.org/seminarflow");
    const auto telegram = make_endpoint({.url = "https://api.telegram.org/bot123:ABC/sendMessage",
                                         .channel = "telegram",
                                         .chat_id = "-1001234567890"},
                                        now, ids, by_default);
    CHECK(telegram.ok());
}

TEST_CASE("a URL whose host is an address seminarflow may not deliver to is refused when added", "[endpoints][ssrf]") {
    const std::string hint = " (an operator may allow it in channels.allow_cidrs)";
    CHECK(refusal({.url = "http://127.0.0.1:8080/hooks"}) ==
          "url: seminarflow does not deliver there: 127.0.0.1 is a loopback address" + hint);
    CHECK(refusal({.url = "https://[::1]/hooks"}) == "url: seminarflow does not deliver there: ::1 is a loopback address" + hint);
    CHECK(refusal({.url = "http://169.254.169.254/latest/meta-data/"}) ==
          "url: seminarflow does not deliver there: 169.254.169.254 is a cloud metadata address" + hint);
    CHECK(refusal({.url = "http://[::ffff:10.0.0.1]/x", .channel = "slack"}) ==
          "url: seminarflow does not deliver there: ::ffff:10.0.0.1 is the IPv4-mapped form of 10.0.0.1, a private "
          "address (RFC 1918)" + hint);
    // The forms the resolver would read as an address are read so here too.
    CHECK_THAT(refusal({.url = "http://2130706433/x"}), Contains("127.0.0.1 is a loopback address"));
    CHECK_THAT(refusal({.url = "http://0x7f.1/x"}), Contains("127.0.0.1 is a loopback address"));
    CHECK_THAT(refusal({.url = "http://192.168.1.10/bot1:A/sendMessage", .channel = "telegram", .chat_id = "42"}),
               Contains("url: seminarflow does not deliver there: 192.168.1.10 is a private address"));
    CHECK_THAT(refusal({.url = "smtp://10.0.0.25:25", .channel = "email", .from = "c@x.example"}),
               Contains("url: seminarflow does not deliver there: 10.0.0.25 is a private address"));
    CHECK_THAT(refusal({.url = "smtp://[fd00::25]", .channel = "email", .from = "c@x.example"}),
               Contains("url: seminarflow does not deliver there: fd00::25 is a unique local (private) address"));
}

TEST_CASE("an allow-listed range lets such URLs be added, and a name is left for delivery to judge", "[endpoints][ssrf]") {
    const SystemClock clock;
    UuidV7Source ids(clock);
    const auto loopback = channels::AddressPolicy::allowing({"127.0.0.0/8", "::1/128"}).value();
    CHECK(make_endpoint({.url = "http://127.0.0.1:8080/hooks"}, now, ids, loopback).ok());
    CHECK(make_endpoint({.url = "http://[::1]:8080/hooks", .channel = "discord"}, now, ids, loopback).ok());
    CHECK(make_endpoint({.url = "smtp://127.0.0.1:2525", .channel = "email", .from = "c@x.example"}, now, ids, loopback)
              .ok());
    CHECK_THAT(refusal({.url = "http://10.0.0.1/x"}, loopback), Contains("10.0.0.1 is a private address"));
    // localhost resolves to loopback, but only sending will know: the check there is on the
    // address connected to (http_client_test.cpp).
    CHECK(make_endpoint({.url = "http://localhost:8080/hooks"}, now, ids, by_default).ok());
    CHECK(make_endpoint({.url = "http://93.184.216.34/hooks"}, now, ids, by_default).ok());
}
