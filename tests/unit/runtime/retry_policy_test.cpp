// The retry policy as a pure function: what each kind of answer does to a delivery, the default
// schedule, jitter, Retry-After, and the dead letter when the schedule runs out.
#include <catch2/catch.hpp>

#include "engine/runtime/retry_policy.hpp"

namespace seminarflow {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

const Time finished = *parse_rfc3339("2026-11-30T08:00:00Z");

AttemptVerdict judge(const ChannelOutcome& outcome, int attempt, double unit = 0.5) {
    return judge_attempt(outcome, attempt, default_retry_schedule(), finished, unit);
}

}  // namespace

TEST_CASE("the default schedule is Svix's: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h after each failure",
          "[unit][retry]") {
    CHECK(default_retry_schedule() == std::vector<Duration>{seconds(5), minutes(5), minutes(30), hours(2), hours(5),
                                                            hours(10), hours(10)});
}

TEST_CASE("a success delivers, a final failure fails, and a 410 fails and disables the endpoint", "[unit][retry]") {
    const AttemptVerdict success = judge(ChannelOutcome::success(204), 3);
    CHECK(success.outcome == AttemptOutcome::success);
    CHECK(success.settlement.status == DeliveryStatus::delivered);
    CHECK_FALSE(success.settlement.disable_endpoint);

    const AttemptVerdict final_failure = judge(ChannelOutcome::final(404, "not found"), 1);
    CHECK(final_failure.outcome == AttemptOutcome::failure);
    CHECK(final_failure.settlement.status == DeliveryStatus::failed);
    CHECK_FALSE(final_failure.settlement.disable_endpoint);

    const AttemptVerdict gone = judge(ChannelOutcome::disable(410, "Gone"), 1);
    CHECK(gone.outcome == AttemptOutcome::disable);
    CHECK(gone.settlement.status == DeliveryStatus::failed);
    CHECK(gone.settlement.disable_endpoint == std::optional<std::string>("410: Gone"));
}

TEST_CASE("a message that could not be rendered fails without being held against the endpoint", "[unit][retry]") {
    const AttemptVerdict unrendered = judge(ChannelOutcome::not_sent("template 'x' is not loaded"), 1);
    CHECK(unrendered.outcome == AttemptOutcome::failure);
    CHECK(unrendered.settlement.status == DeliveryStatus::failed);
    CHECK_FALSE(unrendered.settlement.disable_endpoint);
    CHECK_FALSE(unrendered.settlement.receiver_judged);
    CHECK(judge(ChannelOutcome::final(404, "not found"), 1).settlement.receiver_judged);
    CHECK(judge(ChannelOutcome::retryable(500, "down"), 1).settlement.receiver_judged);
}

TEST_CASE("a retryable failure waits the schedule's delay for its attempt, then dies when it ran out",
          "[unit][retry]") {
    const auto failure = ChannelOutcome::retryable(500, "Internal Server Error");
    const std::vector<Duration> expected = default_retry_schedule();
    for (int attempt = 1; attempt <= 7; ++attempt) {
        CAPTURE(attempt);
        const AttemptVerdict verdict = judge(failure, attempt);
        CHECK(verdict.outcome == AttemptOutcome::retry);
        CHECK(verdict.settlement.status == DeliveryStatus::pending);
        CHECK(verdict.settlement.next_attempt_at == finished + expected[static_cast<std::size_t>(attempt - 1)]);
    }
    const AttemptVerdict last = judge(failure, 8);
    CHECK(last.outcome == AttemptOutcome::retry);
    CHECK(last.settlement.status == DeliveryStatus::dead);
}

TEST_CASE("an endpoint's own schedule replaces the default, and an empty one allows a single try", "[unit][retry]") {
    const auto failure = ChannelOutcome::retryable(std::nullopt, "connection refused");
    const std::vector<Duration> own{seconds(1), seconds(2)};
    CHECK(judge_attempt(failure, 1, own, finished, 0.5).settlement.next_attempt_at == finished + seconds(1));
    CHECK(judge_attempt(failure, 2, own, finished, 0.5).settlement.next_attempt_at == finished + seconds(2));
    CHECK(judge_attempt(failure, 3, own, finished, 0.5).settlement.status == DeliveryStatus::dead);
    CHECK(judge_attempt(failure, 1, {}, finished, 0.5).settlement.status == DeliveryStatus::dead);
}

TEST_CASE("jitter spreads a delay by at most a fifth either way, and leaves zero at zero", "[unit][retry]") {
    CHECK(jittered(seconds(5), 0.0) == seconds(4));
    CHECK(jittered(seconds(5), 0.5) == seconds(5));
    CHECK(jittered(seconds(5), 0.999999) == Duration(6000));
    CHECK(jittered(Duration(0), 0.7) == Duration(0));
    CHECK(jittered(seconds(5), -3.0) == seconds(4));  // a bad draw is clamped, never negative
    const auto failure = ChannelOutcome::retryable(503, "");
    CHECK(judge(failure, 2, 0.0).settlement.next_attempt_at == finished + minutes(4));
    CHECK(judge(failure, 2, 0.75).settlement.next_attempt_at == finished + minutes(5) + seconds(30));
}

TEST_CASE("Retry-After is honoured: never sooner than it says nor than the schedule, and at most a day",
          "[unit][retry]") {
    // Longer than the schedule's 5 s: the receiver's word wins.
    CHECK(judge(ChannelOutcome::retry_later(seconds(120), 429, "Too Many Requests"), 1).settlement.next_attempt_at ==
          finished + seconds(120));
    // Shorter than the schedule's 5 min: the schedule still spaces the tries.
    CHECK(judge(ChannelOutcome::retry_later(seconds(1), 503, ""), 2).settlement.next_attempt_at ==
          finished + minutes(5));
    // A week is read as a day.
    CHECK(judge(ChannelOutcome::retry_later(hours(24 * 7), 429, ""), 1).settlement.next_attempt_at ==
          finished + hours(24));
    // It does not add tries: after the last one, dead all the same.
    CHECK(judge(ChannelOutcome::retry_later(seconds(10), 429, ""), 8).settlement.status == DeliveryStatus::dead);
}

}  // namespace seminarflow
