#pragma once
// What the benchmarks read about processes from /proc: resident size, CPU time, load average.
// Linux only, as the benchmarks are.
#include <span>
#include <string>

namespace seminarflow::bench {

// VmRSS of this process, in MB.
double resident_mb();
// User + system CPU time of this process (every thread), in seconds.
double own_cpu_seconds();
// User + system CPU time of the processes `pids` (e.g. PostgreSQL's backends), in seconds; a pid
// that is gone counts nothing.
double cpu_seconds_of(std::span<const int> pids);
// /proc/loadavg's 1, 5 and 15 minute figures.
std::string load_average();

}  // namespace seminarflow::bench
