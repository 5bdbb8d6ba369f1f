#include "bench/process_usage.hpp"

#include <sys/resource.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

namespace seminarflow::bench {

double resident_mb() {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.starts_with("VmRSS:")) return std::stod(line.substr(6)) / 1024.0;
    }
    return 0.0;
}

double own_cpu_seconds() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    const auto seconds = [](const timeval& time) { return static_cast<double>(time.tv_sec) + time.tv_usec / 1e6; };
    return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

double cpu_seconds_of(std::span<const int> pids) {
    const double ticks = static_cast<double>(sysconf(_SC_CLK_TCK));
    double total = 0.0;
    for (const int pid : pids) {
        std::ifstream file("/proc/" + std::to_string(pid) + "/stat");
        std::string stat;
        if (!std::getline(file, stat)) continue;
        // Fields after the command (which may hold spaces, so skip past its closing parenthesis):
        // state is field 3, utime and stime are fields 14 and 15.
        std::istringstream fields(stat.substr(stat.rfind(')') + 2));
        std::string field;
        double utime = 0, stime = 0;
        for (int number = 3; number <= 15 && fields >> field; ++number) {
            if (number == 14) utime = std::stod(field);
            if (number == 15) stime = std::stod(field);
        }
        total += (utime + stime) / ticks;
    }
    return total;
}

std::string load_average() {
    std::ifstream file("/proc/loadavg");
    std::string one, five, fifteen;
    file >> one >> five >> fifteen;
    return one + " " + five + " " + fifteen;
}

}  // namespace seminarflow::bench
