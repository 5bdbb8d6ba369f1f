#include "engine/runtime/delivery_work.hpp"

namespace seminarflow {
namespace {

// The start of an answer is enough for an operator to see why; receivers' error pages can be long.
constexpr std::size_t excerpt_bytes = 1024;

std::string excerpt(const std::string& text) {
    if (text.size() <= excerpt_bytes) return text;
    std::size_t cut = excerpt_bytes;
    // Never mid-character: back off over UTF-8 continuation bytes.
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    return text.substr(0, cut);
}

}  // namespace

DeliveryWork::DeliveryWork(Store& store, const Clock& clock, IdSource& ids, DeliveryOptions options,
                           JitterSource jitter, DeliveryObserver& observer)
    : store_(store),
      clock_(clock),
      ids_(ids),
      options_(std::move(options)),
      jitter_(std::move(jitter)),
      observer_(observer) {}

double DeliveryWork::draw() {
    if (jitter_) return jitter_();
    const std::lock_guard lock(random_mutex_);
    return std::uniform_real_distribution<double>(0.0, 1.0)(random_);
}

Result<std::size_t, StoreError> DeliveryWork::fan_out() {
    return store_.fan_out_notifications(clock_.now(), options_.batch, ids_);
}

Result<std::vector<Delivery>, StoreError> DeliveryWork::claim(std::size_t most, const ChannelRoom& room) {
    const Time now = clock_.now();
    return store_.claim_due_deliveries(options_.owner, now, now + options_.lease, std::min(most, options_.batch), room);
}

Result<DeliveryRound, StoreError> DeliveryWork::round(std::size_t most, const ChannelRoom& room) {
    const Time now = clock_.now();
    return store_.run_delivery_round({.owner = options_.owner,
                                      .now = now,
                                      .lease_until = now + options_.lease,
                                      .hand_over = options_.batch,
                                      .claim = std::min(most, options_.batch),
                                      .room = room},
                                     ids_);
}

Result<SettledAttempt, StoreError> DeliveryWork::settle(const Delivery& delivery, const ChannelOutcome& outcome,
                                                        Time started_at, Duration latency) {
    auto settled = settle_all({FinishedSend{delivery, outcome, started_at, latency}});
    if (!settled) return fail(std::move(settled).error());
    return std::move(settled->front());
}

AttemptToRecord DeliveryWork::judge(const FinishedSend& send) {
    const Delivery& delivery = send.delivery;
    const std::vector<Duration>& schedule = delivery.endpoint.retry_schedule.value_or(options_.default_schedule);
    AttemptVerdict verdict =
        judge_attempt(send.outcome.get(), delivery.attempt, schedule, send.started_at + send.latency, draw());
    if (verdict.outcome != AttemptOutcome::success) {
        // The store disables the endpoint if the span it has failed for is long enough; the id
        // is then the operators' notification's.
        verdict.settlement.disable_after = options_.disable_after;
        verdict.settlement.notice_id = ids_.next_id();
    }
    const ChannelOutcome& outcome = send.outcome.get();
    return AttemptToRecord{
        .attempt = {.delivery_id = delivery.id,
                    .attempt = delivery.attempt,
                    .started_at = send.started_at,
                    .latency = send.latency,
                    .status_code = outcome.status_code,
                    .outcome = verdict.outcome,
                    .response_excerpt = excerpt(outcome.response_excerpt),
                    .error = outcome.error.empty() ? std::nullopt : std::optional<std::string>(excerpt(outcome.error))},
        .settlement = std::move(verdict.settlement),
    };
}

Result<std::vector<SettledAttempt>, StoreError> DeliveryWork::settle_all(const std::vector<FinishedSend>& sends) {
    std::vector<AttemptToRecord> attempts;
    attempts.reserve(sends.size());
    for (const FinishedSend& send : sends) attempts.push_back(judge(send));
    auto recorded = store_.record_attempts(options_.owner, attempts);
    if (!recorded) return fail(std::move(recorded).error());
    std::vector<SettledAttempt> settled;
    settled.reserve(sends.size());
    for (std::size_t i = 0; i < sends.size(); ++i) {
        const AttemptToRecord& attempt = attempts[i];
        AttemptRecorded& result = (*recorded)[i];
        if (result.recorded) {
            observer_.attempt_recorded(attempt.attempt, attempt.settlement.status);
            // The cause the store decided the disabling by, not one guessed again from the verdict.
            if (result.disabled) observer_.endpoint_disabled(result.disabled->cause);
        }
        settled.push_back(SettledAttempt{AttemptVerdict{attempt.attempt.outcome, attempt.settlement}, result.recorded,
                                         std::move(result.disabled)});
    }
    return settled;
}

}  // namespace seminarflow
