#pragma once
// What a try's outcome does to a delivery: pure, so every rule is a plain unit test.
//
//   success            -> delivered
//   disable_endpoint   -> failed, and the endpoint disabled (the receiver said 410 Gone)
//   final_failure      -> failed (a 4xx, a redirect: trying again would get the same answer)
//   not_sent           -> failed, not held against the endpoint (seminarflow could not render it)
//   retryable_failure  -> pending again after the schedule's next delay, jittered; dead when the
//   retry_after           schedule has run out. A Retry-After is honoured: never sooner than it
//                         says (up to max_retry_after), never sooner than the schedule says.
#include <vector>

#include "engine/model/delivery.hpp"
#include "engine/ports/channel.hpp"

namespace seminarflow {

// Delays between tries: after the first failed try the first delay, and so on; a delivery is
// tried at most delays.size() + 1 times. Close to Svix's: at once, then 5 s, 5 min, 30 min, 2 h,
// 5 h, 10 h, 10 h after each failure in turn.
const std::vector<Duration>& default_retry_schedule();

// A receiver asking for more than this is tried again after this: a day.
inline constexpr Duration max_retry_after = std::chrono::hours(24);

// `delay` spread by up to ±20% so that deliveries failed together (a receiver's outage) do not
// come back together. `unit` is a random draw in [0, 1): 0.5 leaves the delay as it is.
Duration jittered(Duration delay, double unit);

struct AttemptVerdict {
    AttemptOutcome outcome;
    DeliverySettlement settlement;
};

// `attempt` is the try's number (1 for the first), `finished_at` when its answer came, `schedule`
// the endpoint's own or the default.
AttemptVerdict judge_attempt(const ChannelOutcome& outcome, int attempt, const std::vector<Duration>& schedule,
                             Time finished_at, double jitter_unit);

}  // namespace seminarflow
