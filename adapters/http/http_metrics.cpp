#include "adapters/http/http_metrics.hpp"

#include <array>

namespace seminarflow::http {
namespace {

// From a cached GET (well under a millisecond) to a request that waited on a busy database.
const std::vector<double> duration_bounds{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                          0.1,    0.25,  0.5,    1,     2.5,  5,     10};

}  // namespace

std::string_view method_label(std::string_view method) {
    static constexpr std::array<std::string_view, 9> known{"GET",     "HEAD",    "POST",  "PUT",  "DELETE",
                                                           "OPTIONS", "PATCH",   "TRACE", "CONNECT"};
    for (const auto name : known) {
        if (name == method) return name;
    }
    return "other";
}

std::string_view route_label(std::string_view route) { return route.empty() ? "unmatched" : route; }

HttpMetrics::HttpMetrics(metrics::Registry& registry)
    : requests_(registry.counter("seminarflow_http_requests_total",
                                 "HTTP requests answered, by method, route pattern and status",
                                 {"method", "route", "status"})),
      durations_(registry.histogram("seminarflow_http_request_duration_seconds",
                                    "Time from reading an HTTP request to having written its answer, by method and "
                                    "route pattern",
                                    {"method", "route"}, duration_bounds)) {}

void HttpMetrics::count(const RequestRecord& record) {
    const auto method = method_label(record.method);
    const auto route = route_label(record.route);
    requests_.with({method, route, std::to_string(record.status)}).add();
    durations_.with({method, route}).observe(std::chrono::duration<double>(record.duration).count());
}

RequestObserver HttpMetrics::observer() {
    return [this](const RequestRecord& record) { count(record); };
}

}  // namespace seminarflow::http
