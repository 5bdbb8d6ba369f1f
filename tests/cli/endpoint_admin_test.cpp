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
