#include "engine/runtime/retry_policy.hpp"

#include <algorithm>
#include <cmath>

namespace seminarflow {

using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

const std::vector<Duration>& default_retry_schedule() {
    static const std::vector<Duration> schedule{seconds(5), minutes(5), minutes(30), hours(2),
                                                hours(5),   hours(10),  hours(10)};
    return schedule;
}

Duration jittered(Duration delay, double unit) {
    const double clamped = std::clamp(unit, 0.0, 1.0);
    const double factor = 0.8 + 0.4 * clamped;
    return Duration{static_cast<Duration::rep>(std::llround(static_cast<double>(delay.count()) * factor))};
}

namespace {

std::string disabled_reason(const ChannelOutcome& outcome) {
    std::string reason = outcome.status_code ? std::to_string(*outcome.status_code) : std::string("no answer");
    if (!outcome.error.empty()) reason += ": " + outcome.error;
    return reason;
}

AttemptVerdict retry_or_die(const ChannelOutcome& outcome, int attempt, const std::vector<Duration>& schedule,
                            Time finished_at, double jitter_unit) {
    const auto index = static_cast<std::size_t>(std::max(attempt, 1) - 1);
    if (index >= schedule.size()) return {AttemptOutcome::retry, {DeliveryStatus::dead, {}, {}}};
    Duration wait = jittered(schedule[index], jitter_unit);
    if (outcome.kind == ChannelOutcome::Kind::retry_after) {
        wait = std::max(wait, std::min(outcome.retry_after, max_retry_after));
    }
    return {AttemptOutcome::retry, {DeliveryStatus::pending, finished_at + wait, {}}};
}

}  // namespace

AttemptVerdict judge_attempt(const ChannelOutcome& outcome, int attempt, const std::vector<Duration>& schedule,
                             Time finished_at, double jitter_unit) {
    switch (outcome.kind) {
    case ChannelOutcome::Kind::success:
        return {AttemptOutcome::success, {DeliveryStatus::delivered, {}, {}}};
    case ChannelOutcome::Kind::disable_endpoint:
        return {AttemptOutcome::disable, {DeliveryStatus::failed, {}, disabled_reason(outcome)}};
    case ChannelOutcome::Kind::final_failure:
        return {AttemptOutcome::failure, {DeliveryStatus::failed, {}, {}}};
    case ChannelOutcome::Kind::not_sent: {
        // Trying again would render the same template the same way: failed, for an operator to
        // replay once the template is fixed; and not held against the receiver.
        AttemptVerdict verdict{AttemptOutcome::failure, {DeliveryStatus::failed, {}, {}}};
        verdict.settlement.receiver_judged = false;
        return verdict;
    }
    case ChannelOutcome::Kind::retryable_failure:
    case ChannelOutcome::Kind::retry_after:
        return retry_or_die(outcome, attempt, schedule, finished_at, jitter_unit);
    }
    return {AttemptOutcome::failure, {DeliveryStatus::failed, {}, {}}};
}

}  // namespace seminarflow
