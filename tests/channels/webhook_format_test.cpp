// The webhook channel's pure parts: Standard Webhooks signatures (against the specification's own
// test vector), the CloudEvents body, reading Retry-After and statuses, and endpoint URLs.
#include <catch2/catch.hpp>

#include <boost/json/parse.hpp>

#include "adapters/channels/webhook/cloud_event.hpp"
#include "adapters/channels/webhook/response_policy.hpp"
#include "adapters/channels/webhook/signature.hpp"
#include "adapters/channels/http/http_target.hpp"

namespace seminarflow::webhook {
namespace {

using Catch::Matchers::Contains;
using Kind = ChannelOutcome::Kind;

const Time now = *parse_rfc3339("2026-11-30T08:00:00Z");

}  // namespace

TEST_CASE("a signature matches the Standard Webhooks test vector", "[channels][webhook][signature]") {
    const auto key = secret_key("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    REQUIRE(key.ok());
    CHECK(key->size() == 24);
    CHECK(sign(*key, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, R"({"test": 2432232314})") ==
          "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
}

TEST_CASE("during a rotation every secret signs, space-separated, newest first", "[channels][webhook][signature]") {
    const std::vector<std::string> secrets{"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", new_secret()};
    const auto header = signature_header(secrets, "d-1", 1614265330, "{}");
    REQUIRE(header.ok());
    const auto space = header->find(' ');
    REQUIRE(space != std::string::npos);
    CHECK(header->substr(0, space) == sign(*secret_key(secrets[0]), "d-1", 1614265330, "{}"));
    CHECK(header->substr(space + 1) == sign(*secret_key(secrets[1]), "d-1", 1614265330, "{}"));
    CHECK(header->find(' ', space + 1) == std::string::npos);
}

TEST_CASE("a secret that is not whsec_ and 24 to 64 bytes of base64 is refused, naming which", "[channels][webhook][signature]") {
    CHECK_THAT(secret_key("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").error().message, Contains("starts with whsec_"));
    CHECK_THAT(secret_key("whsec_not base64!").error().message, Contains("base64"));
    CHECK_THAT(secret_key("whsec_MfKQ9r8G=KYq").error().message, Contains("base64"));
    CHECK_THAT(secret_key("whsec_c2hvcnQ=").error().message, Contains("24 to 64 bytes, not 5"));
    CHECK_THAT(signature_header({"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "plain"}, "d", 1, "").error().message,
               Contains("signing secret 2: a signing secret starts with whsec_"));
    CHECK_THAT(signature_header({}, "d", 1, "").error().message, Contains("no signing secret"));
    const auto made = new_secret();
    CHECK(made.starts_with("whsec_"));
    CHECK(secret_key(made)->size() == 32);
    CHECK(made != new_secret());
}

TEST_CASE("a notification is a CloudEvents 1.0 structured event", "[channels][webhook][cloudevents]") {
    const Notification notification{"0193a000-0000-7000-8000-000000000001", "0193a000-0000-7000-8000-0000000000aa",
                                    "seminar.planned", {"chair"},
                                    {{"workflow", "seminar"}, {"from", "draft"}, {"to", "planned"},
                                     {"data", {{"title", "Tọa đàm khối doanh nghiệp"}}}},
                                    *parse_rfc3339("2026-08-04T01:30:00.250Z")};
    const auto event = boost::json::parse(render_cloud_event(notification)).as_object();
    CHECK(event.at("specversion") == "1.0");
    CHECK(event.at("id") == "0193a000-0000-7000-8000-000000000001");
    CHECK(event.at("source") == "/seminarflow/workflows/seminar");
    CHECK(event.at("type") == "seminar.planned");
    CHECK(event.at("subject") == "0193a000-0000-7000-8000-0000000000aa");
    CHECK(event.at("time") == "2026-08-04T01:30:00.250Z");
    CHECK(event.at("datacontenttype") == "application/json");
    CHECK(event.at("data").at("data").at("title") == "Tọa đàm khối doanh nghiệp");
    CHECK(event.size() == 8);
    CHECK(std::string(cloud_event_content_type) == "application/cloudevents+json; charset=utf-8");

    Notification orphan = notification;
    orphan.instance_id.clear();
    CHECK_FALSE(boost::json::parse(render_cloud_event(orphan)).as_object().contains("subject"));

    // The operators' notice of an endpoint disabled comes from seminarflow itself, of no instance.
    const Notification notice{"0193a000-0000-7000-8000-000000000002", "", "seminarflow.endpoint.disabled", {},
                              {{"data", {{"endpoint_id", "0193a000-0000-7000-8000-0000000000ee"}, {"reason", "410: Gone"}}}},
                              *parse_rfc3339("2026-08-04T01:30:00Z")};
    const auto told = boost::json::parse(render_cloud_event(notice)).as_object();
    CHECK(told.at("source") == "/seminarflow/operations");
    CHECK(told.at("type") == "seminarflow.endpoint.disabled");
    CHECK_FALSE(told.contains("subject"));
    CHECK(told.at("data").at("data").at("reason") == "410: Gone");  // under data, as a workflow's fields are
}

TEST_CASE("Retry-After is read as seconds or as an HTTP-date, and nothing else", "[channels][webhook][retry-after]") {
    CHECK(parse_retry_after("120", now) == std::optional<Duration>(std::chrono::seconds(120)));
    CHECK(parse_retry_after(" 0 ", now) == std::optional<Duration>(Duration(0)));
    CHECK(parse_retry_after("Mon, 30 Nov 2026 08:02:30 GMT", now) == std::optional<Duration>(std::chrono::seconds(150)));
    CHECK(parse_retry_after("Mon, 30 Nov 2026 07:00:00 GMT", now) == std::optional<Duration>(Duration(0)));
    CHECK(parse_retry_after("99999999999999", now) == std::optional<Duration>(std::chrono::hours(24 * 365)));
    for (const char* bad : {"", "-5", "1.5", "soon", "Mon, 31 Nov 2026 08:00:00 GMT", "Mon, 30 Nov 2026 08:00:00 UTC",
                            "Monday, 30-Nov-26 08:00:00 GMT", "Mon, 30 Foo 2026 08:00:00 GMT"}) {
        CAPTURE(bad);
        CHECK_FALSE(parse_retry_after(bad, now));
    }
}

TEST_CASE("an answer's status says what happens next", "[channels][webhook][outcome]") {
    CHECK(outcome_for_status(200, std::nullopt, now).kind == Kind::success);
    CHECK(outcome_for_status(204, std::nullopt, now).kind == Kind::success);
    for (int status : {301, 302, 307, 308}) {
        CAPTURE(status);
        const auto redirect = outcome_for_status(status, std::nullopt, now);
        CHECK(redirect.kind == Kind::final_failure);
        CHECK_THAT(redirect.error, Contains("not followed"));
    }
    CHECK(outcome_for_status(410, std::nullopt, now).kind == Kind::disable_endpoint);
    for (int status : {400, 401, 403, 404, 413, 422}) {
        CAPTURE(status);
        CHECK(outcome_for_status(status, std::nullopt, now).kind == Kind::final_failure);
    }
    for (int status : {408, 429, 500, 502, 503, 504}) {
        CAPTURE(status);
        CHECK(outcome_for_status(status, std::nullopt, now).kind == Kind::retryable_failure);
    }
    const auto limited = outcome_for_status(429, "7", now);
    CHECK(limited.kind == Kind::retry_after);
    CHECK(limited.retry_after == std::chrono::seconds(7));
    CHECK(limited.status_code == std::optional<int>(429));
    CHECK(outcome_for_status(503, "Mon, 30 Nov 2026 08:01:00 GMT", now).retry_after == std::chrono::minutes(1));
    // Only 429 and 503 carry a Retry-After that counts; an unreadable one leaves the schedule to it.
    CHECK(outcome_for_status(500, "7", now).kind == Kind::retryable_failure);
    CHECK(outcome_for_status(429, "later", now).kind == Kind::retryable_failure);
}

TEST_CASE("an endpoint URL is https or http with a host, and anything else is refused with why", "[channels][webhook][url]") {
    const auto plain = channels::parse_http_url("http://127.0.0.1:8081/hooks/seminarflow?unit=cdvc");
    REQUIRE(plain.ok());
    CHECK(plain->host == "127.0.0.1");
    CHECK(plain->port == "8081");
    CHECK(plain->target == "/hooks/seminarflow?unit=cdvc");
    CHECK(plain->host_header == "127.0.0.1:8081");
    const auto bare = channels::parse_http_url("http://hooks.example.org");
    REQUIRE(bare.ok());
    CHECK(bare->port == "80");
    CHECK(bare->target == "/");
    const auto v6 = channels::parse_http_url("http://[::1]:9000/x");
    REQUIRE(v6.ok());
    CHECK(v6->host == "::1");
    CHECK(v6->host_header == "[::1]:9000");
    CHECK_FALSE(v6->secure);
    const auto secure = channels::parse_http_url("https://hooks.example.org/in?x=1");
    REQUIRE(secure.ok());
    CHECK(secure->secure);
    CHECK(secure->port == "443");
    CHECK(secure->host_header == "hooks.example.org");
    CHECK(secure->target == "/in?x=1");
    CHECK(channels::parse_http_url("https://hooks.example.org:8443/")->port == "8443");

    CHECK_THAT(channels::parse_http_url("ftp://hooks.example.org/").error().message, Contains("'ftp' URLs are not webhooks"));
    CHECK_THAT(channels::parse_http_url("http://user:pw@hooks.example.org/").error().message, Contains("no user name"));
    CHECK_THAT(channels::parse_http_url("http://hooks.example.org/#top").error().message, Contains("#fragment"));
    CHECK_THAT(channels::parse_http_url("hooks.example.org/x").error().message, Contains("not an absolute URL"));
    CHECK_THAT(channels::parse_http_url("http:///x").error().message, Contains("names no host"));
}

}  // namespace seminarflow::webhook
