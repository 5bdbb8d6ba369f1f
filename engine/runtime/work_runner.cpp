#include "engine/runtime/work_runner.hpp"

namespace seminarflow {

void WorkRunner::count(const Result<WorkOutcome, ApplyError>& outcome, std::size_t& applied, std::size_t& refused,
                       WorkReport& report) {
    if (!outcome) {
        report.failures.push_back(outcome.error().message);
        return;
    }
    switch (*outcome) {
    case WorkOutcome::applied: ++applied; break;
    case WorkOutcome::refused: ++refused; break;
    case WorkOutcome::superseded: ++report.superseded; break;
    }
}

Result<WorkReport, StoreError> WorkRunner::run_once() {
    WorkReport report;
    const Time now = clock_.now();
    auto timers = store_.claim_due_timers(options_.owner, now, now + options_.lease, options_.batch);
    if (!timers) return fail(std::move(timers).error());
    for (const Timer& timer : *timers) {
        report.max_lag = std::max(report.max_lag, now - timer.due);
        count(runtime_.fire(timer), report.timers_fired, report.timers_refused, report);
    }
    auto signals = store_.claim_signals(options_.owner, now, now + options_.lease, options_.batch);
    if (!signals) return fail(std::move(signals).error());
    for (const PendingSignal& signal : *signals) {
        count(runtime_.deliver(signal), report.signals_delivered, report.signals_refused, report);
    }
    report.drained = timers->size() < options_.batch && signals->size() < options_.batch;
    return report;
}

}  // namespace seminarflow
