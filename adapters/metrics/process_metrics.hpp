#pragma once
// The process's own gauges, under the names Prometheus' client libraries use for them, so that
// ready-made dashboards find them: resident memory and start time.
#include "adapters/metrics/metrics.hpp"

namespace seminarflow::metrics {

// Registers process_resident_memory_bytes (read from /proc/self/statm at each scrape; 0 where
// there is no /proc) and process_start_time_seconds.
void add_process_metrics(Registry& registry);

// What /proc/self/statm says the process holds in memory, in bytes; 0 if it cannot be read.
double resident_memory_bytes();

}  // namespace seminarflow::metrics
