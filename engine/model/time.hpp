#pragma once
// Instants are UTC with millisecond precision; durations are what timers add to them.
// Text forms: RFC 3339 for instants ("2026-12-01T08:00:00+07:00"), and the compact
// "1w2d3h4m5s" form for durations that workflow definitions use ("starts_at - 1d").
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace seminarflow {

using Duration = std::chrono::milliseconds;
using Time = std::chrono::sys_time<Duration>;

// Accepts "YYYY-MM-DDTHH:MM:SS[.fff](Z|±HH:MM)"; a lower-case 't'/'z' or a space for 'T'
// as RFC 3339 allows. Returns nothing for anything else, including impossible dates.
std::optional<Time> parse_rfc3339(std::string_view text);
// Always UTC with a 'Z' and milliseconds only when they are not zero.
std::string format_rfc3339(Time time);

// "90m", "1d12h", "2w", "45s", "500ms": one or more number+unit pairs, largest unit first.
std::optional<Duration> parse_duration(std::string_view text);
std::string format_duration(Duration duration);

}  // namespace seminarflow
