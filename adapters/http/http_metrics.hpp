#pragma once
// The HTTP server's metrics: requests by method, route pattern and status, and their latency.
// Routes are patterns ("/v1/instances/{id}"), never raw paths, and methods outside HTTP's own are
// counted as "other": what a client sends cannot grow the number of series.
#include "adapters/http/request_record.hpp"
#include "adapters/metrics/metrics.hpp"

namespace seminarflow::http {

class HttpMetrics {
public:
    // Registers seminarflow_http_requests_total and seminarflow_http_request_duration_seconds in
    // `registry`, which must outlive this.
    explicit HttpMetrics(metrics::Registry& registry);

    void count(const RequestRecord& record);
    // What ServerOptions::on_request takes; this must outlive the server.
    RequestObserver observer();

private:
    metrics::CounterFamily& requests_;
    metrics::HistogramFamily& durations_;
};

// The labels a record is counted under.
std::string_view method_label(std::string_view method);
std::string_view route_label(std::string_view route);  // "unmatched" when no route matched

}  // namespace seminarflow::http
