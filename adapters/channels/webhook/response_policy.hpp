#pragma once
// How a receiver's HTTP answer reads as a channel outcome (pure; webhook_channel.cpp sends):
//
//   2xx            success
//   3xx            final failure: redirects are never followed (a receiver moved is an
//                  operator's change, and following would sign requests to another host)
//   410 Gone       the endpoint is disabled
//   408, 429, 5xx  retryable; 429 and 503 honour Retry-After (seconds, or an HTTP-date)
//   other 4xx      final failure
#include <optional>
#include <string_view>

#include "engine/model/time.hpp"
#include "engine/ports/channel.hpp"

namespace seminarflow::webhook {

// Retry-After as a wait from `now`: delta-seconds ("120") or an IMF-fixdate HTTP-date
// ("Wed, 21 Oct 2026 07:28:00 GMT", RFC 9110 5.6.7); a date in the past waits nothing. Nothing for
// anything else.
std::optional<Duration> parse_retry_after(std::string_view value, Time now);

ChannelOutcome outcome_for_status(int status, std::optional<std::string_view> retry_after, Time now);

}  // namespace seminarflow::webhook
