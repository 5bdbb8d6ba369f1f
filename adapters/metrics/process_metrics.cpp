#include "adapters/metrics/process_metrics.hpp"

#include <unistd.h>

#include <chrono>
#include <fstream>

namespace seminarflow::metrics {

double resident_memory_bytes() {
    // statm: total program size, then resident set size, in pages.
    std::ifstream statm("/proc/self/statm");
    long long size = 0;
    long long resident = 0;
    if (!(statm >> size >> resident)) return 0;
    const long page = ::sysconf(_SC_PAGESIZE);
    return static_cast<double>(resident) * static_cast<double>(page > 0 ? page : 4096);
}

void add_process_metrics(Registry& registry) {
    registry.gauge("process_resident_memory_bytes", "Resident memory size in bytes", resident_memory_bytes);
    const double started =
        std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
    registry.gauge("process_start_time_seconds", "Start time of the process since unix epoch in seconds",
                   [started] { return started; });
}

}  // namespace seminarflow::metrics
