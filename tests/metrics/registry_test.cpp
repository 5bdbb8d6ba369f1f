// The registry as a scraper reads it: families with their HELP and TYPE, series by label values,
// histograms with cumulative buckets, +Inf, _sum and _count; and the mistakes it refuses.
#include <catch2/catch.hpp>

#include <stdexcept>
#include <thread>
#include <vector>

#include "adapters/metrics/metrics.hpp"

namespace seminarflow::metrics {

TEST_CASE("counters render with HELP and TYPE, one series per label values, in label order",
          "[metrics][registry]") {
    Registry registry;
    auto& requests = registry.counter("demo_requests_total", "Requests,\nby route", {"method", "route"});
    requests.with({"POST", "/v1/instances"}).add();
    requests.with({"GET", "/v1/instances/{id}"}).add(2);
    requests.with({"GET", "/v1/instances/{id}"}).add();
    registry.counter("demo_restarts_total", "Restarts");  // no labels: one series, 0 until counted

    CHECK(registry.render() ==
          "# HELP demo_requests_total Requests,\\nby route\n"
          "# TYPE demo_requests_total counter\n"
          "demo_requests_total{method=\"GET\",route=\"/v1/instances/{id}\"} 3\n"
          "demo_requests_total{method=\"POST\",route=\"/v1/instances\"} 1\n"
          "# HELP demo_restarts_total Restarts\n"
          "# TYPE demo_restarts_total counter\n"
          "demo_restarts_total 0\n");
}

TEST_CASE("label values are escaped in the series they name", "[metrics][registry]") {
    Registry registry;
    registry.counter("demo_total", "Demo", {"workflow"}).with({"hội \"thảo\"\\\n"}).add();
    CHECK_THAT(registry.render(), Catch::Contains("demo_total{workflow=\"hội \\\"thảo\\\"\\\\\\n\"} 1\n"));
}

TEST_CASE("a histogram's buckets are cumulative, end with +Inf, and agree with _count", "[metrics][registry]") {
    Registry registry;
    auto& latency = registry.histogram("demo_seconds", "Latency", {"route"}, {0.25, 0.5, 1});
    auto& route = latency.with({"/healthz"});
    // Binary fractions, so that the sum is exact.
    for (const double seconds : {0.125, 0.25, 0.375, 0.75, 2.0, 3.0}) route.observe(seconds);

    // 0.25 is counted under le="0.25": a bucket holds what is less than or equal to its bound.
    CHECK(registry.render() ==
          "# HELP demo_seconds Latency\n"
          "# TYPE demo_seconds histogram\n"
          "demo_seconds_bucket{route=\"/healthz\",le=\"0.25\"} 2\n"
          "demo_seconds_bucket{route=\"/healthz\",le=\"0.5\"} 3\n"
          "demo_seconds_bucket{route=\"/healthz\",le=\"1\"} 4\n"
          "demo_seconds_bucket{route=\"/healthz\",le=\"+Inf\"} 6\n"
          "demo_seconds_sum{route=\"/healthz\"} 6.5\n"
          "demo_seconds_count{route=\"/healthz\"} 6\n");
    const auto snapshot = route.snapshot();
    CHECK(snapshot.cumulative == std::vector<std::uint64_t>{2, 3, 4, 6});
    CHECK(snapshot.count == 6);
}

TEST_CASE("a histogram without labels has only le on its buckets", "[metrics][registry]") {
    Registry registry;
    registry.histogram("demo_lag_seconds", "Lag", {}, {1}).with({}).observe(0.25);
    CHECK(registry.render() ==
          "# HELP demo_lag_seconds Lag\n"
          "# TYPE demo_lag_seconds histogram\n"
          "demo_lag_seconds_bucket{le=\"1\"} 1\n"
          "demo_lag_seconds_bucket{le=\"+Inf\"} 1\n"
          "demo_lag_seconds_sum 0.25\n"
          "demo_lag_seconds_count 1\n");
}

TEST_CASE("a gauge is read when the page is rendered", "[metrics][registry]") {
    Registry registry;
    int open = 3;
    registry.gauge("demo_open", "Open now", [&open] { return static_cast<double>(open); });
    CHECK(registry.render() == "# HELP demo_open Open now\n# TYPE demo_open gauge\ndemo_open 3\n");
    open = 0;
    CHECK_THAT(registry.render(), Catch::EndsWith("demo_open 0\n"));
}

TEST_CASE("mistakes in registering or labelling are refused as the bugs they are", "[metrics][registry]") {
    Registry registry;
    CHECK_THROWS_AS(registry.counter("5xx_total", "Bad name"), std::invalid_argument);
    CHECK_THROWS_AS(registry.counter("demo_total", "Bad label", {"__reserved"}), std::invalid_argument);
    CHECK_THROWS_AS(registry.histogram("demo_seconds", "le is the buckets'", {"le"}, {1}), std::invalid_argument);
    CHECK_THROWS_AS(registry.histogram("demo_seconds", "No buckets", {}, {}), std::invalid_argument);
    CHECK_THROWS_AS(registry.histogram("demo_seconds", "Not ascending", {}, {1, 0.5}), std::invalid_argument);
    CHECK_THROWS_AS(registry.histogram("demo_seconds", "Twice the same", {}, {1, 1}), std::invalid_argument);
    CHECK_THROWS_AS(registry.gauge("demo-open", "Bad name", [] { return 0.0; }), std::invalid_argument);

    auto& counter = registry.counter("demo_total", "Demo", {"route"});
    CHECK_THROWS_AS(registry.counter("demo_total", "Twice"), std::invalid_argument);
    CHECK_THROWS_AS(counter.with({}), std::invalid_argument);
    CHECK_THROWS_AS(counter.with({"/a", "/b"}), std::invalid_argument);
    // What was refused left nothing behind.
    CHECK(registry.render() == "# HELP demo_total Demo\n# TYPE demo_total counter\n");
}

TEST_CASE("samples from many threads at once are all counted", "[metrics][registry]") {
    constexpr int threads = 4;
    constexpr int per_thread = 20'000;
    Registry registry;
    auto& counter = registry.counter("demo_total", "Demo", {"route"});
    auto& histogram = registry.histogram("demo_seconds", "Demo", {"route"}, {0.5});
    {
        std::vector<std::jthread> running;
        for (int t = 0; t < threads; ++t) {
            running.emplace_back([&, t] {
                // Half the threads share a series, half make their own: finding and adding race.
                const std::string route = "/r" + std::to_string(t % 2);
                for (int i = 0; i < per_thread; ++i) {
                    counter.with({route}).add();
                    histogram.with({route}).observe(i % 2 == 0 ? 0.25 : 1.0);
                }
            });
        }
    }
    const std::uint64_t per_route = 2 * per_thread;
    CHECK(counter.with({"/r0"}).value() == per_route);
    CHECK(counter.with({"/r1"}).value() == per_route);
    const auto snapshot = histogram.with({"/r1"}).snapshot();
    CHECK(snapshot.count == per_route);
    CHECK(snapshot.cumulative.front() == per_route / 2);
    CHECK(snapshot.sum == Approx(per_route / 2 * 0.25 + per_route / 2 * 1.0));
}

}  // namespace seminarflow::metrics
