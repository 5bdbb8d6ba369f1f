// `seminarflow endpoints add` as a pure function: what it stores, and every refusal.
#include <catch2/catch.hpp>

#include <cstdio>

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

TEST_CASE("an email endpoint names its relay, sender and TLS, and keeps the password as its secret", "[endpoints]") {
    const SystemClock clock;
    UuidV7Source ids(clock);
    const EndpointRequest request{.url = "smtp://mailer@relay.example:587",
                                  .channel = "email",
                                  .types = {"seminar.reminder"},
                                  .from = "Ban Tổ chức <bantochuc@congdoan.example>",
                                  .tls = "opportunistic",
                                  .ca_file = "/etc/ssl/relay.pem",
                                  .password = "mật khẩu"};
    auto made = make_endpoint(request, now, ids);
    INFO((made.ok() ? "" : made.error()));
    REQUIRE(made.ok());
    CHECK(made->channel == "email");
    CHECK(made->url == "smtp://mailer@relay.example:587");
    CHECK(made->secrets == std::vector<std::string>{"mật khẩu"});
    CHECK(made->settings.at("from") == "Ban Tổ chức <bantochuc@congdoan.example>");
    CHECK(made->settings.at("tls") == "opportunistic");
    CHECK(made->settings.at("ca_file") == "/etc/ssl/relay.pem");
    const std::string line = describe_endpoint(*made);
    CHECK_THAT(line, Contains("email  smtp://mailer@relay.example:587") && Contains("tls=opportunistic") &&
                         Contains("secrets=1"));
    CHECK(line.find("mật khẩu") == std::string::npos);

    const auto anonymous = make_endpoint({.url = "smtp://127.0.0.1:2525", .channel = "email", .from = "c@x.example"}, now, ids);
    REQUIRE(anonymous.ok());
    CHECK(anonymous->secrets.empty());
}

TEST_CASE("an email endpoint the channel could not use is refused with why", "[endpoints]") {
    const auto email = [](EndpointRequest request) {
        request.channel = "email";
        if (!request.from) request.from = "c@x.example";
        return refusal(request);
    };
    CHECK_THAT(refusal({.url = "smtp://relay.example", .channel = "fax"}), Contains("--channel 'fax': write webhook or email"));
    CHECK_THAT(email({.url = "http://relay.example/"}), Contains("'http' URLs are not SMTP relays"));
    CHECK_THAT(email({.url = "smtp://relay.example", .from = "nobody"}), Contains("the sender: 'nobody' is not an email address"));
    CHECK_THAT(email({.url = "smtp://relay.example", .tls = "maybe"}), Contains("tls 'maybe'"));
    CHECK_THAT(email({.url = "smtp://u:p@relay.example"}), Contains("never the password"));
    CHECK_THAT(email({.url = "smtp://u@relay.example"}), Contains("AUTH needs both a user"));
    CHECK_THAT(email({.url = "smtp://relay.example", .password = "x"}), Contains("AUTH needs both a user"));
    CHECK_THAT(email({.url = "smtp://relay.example", .secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"}),
               Contains("--secret signs webhooks"));
    CHECK_THAT(refusal({.url = "http://h/", .from = "c@x.example"}), Contains("are for --channel email"));
}

TEST_CASE("the relay's password comes from a file or an environment variable, never the command line", "[endpoints]") {
    const auto environment = [](const char* name) -> const char* {
        return std::string_view(name) == "RELAY_PASSWORD" ? "mật khẩu" : nullptr;
    };
    CHECK(read_password(std::nullopt, std::nullopt, environment).value() == std::nullopt);
    CHECK(read_password(std::nullopt, "RELAY_PASSWORD", environment).value() == "mật khẩu");
    CHECK_THAT(read_password(std::nullopt, "UNSET", environment).error(), Contains("$UNSET is not set"));
    CHECK_THAT(read_password("f", "RELAY_PASSWORD", environment).error(), Contains("give the password once"));

    const std::string file = "endpoint-admin-password-test.txt";
    std::FILE* out = std::fopen(file.c_str(), "wb");
    REQUIRE(out != nullptr);
    std::fputs("s3cret with spaces\r\nsecond line\n", out);
    std::fclose(out);
    CHECK(read_password(file, std::nullopt, environment).value() == "s3cret with spaces");
    out = std::fopen(file.c_str(), "wb");
    std::fclose(out);
    CHECK_THAT(read_password(file, std::nullopt, environment).error(), Contains("cannot read a line"));
    std::remove(file.c_str());
    CHECK_THAT(read_password("/nonexistent/password", std::nullopt, environment).error(),
               Contains("--password-file: cannot read a line from /nonexistent/password"));
}
