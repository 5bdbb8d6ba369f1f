#include "engine/runtime/work_runner.hpp"

#include <optional>
#include <unordered_map>
#include <utility>

#include "engine/runtime/instance_lanes.hpp"

namespace seminarflow {

WorkRunner::WorkRunner(Runtime& runtime, Store& store, const Clock& clock, WorkOptions options)
    : runtime_(runtime), store_(store), clock_(clock), options_(std::move(options)),
      lanes_(std::make_unique<LanePool>(options_.parallelism)) {}

WorkRunner::~WorkRunner() = default;

// Adds one outcome to the report; true if the timer or signal was consumed (applied or refused).
bool WorkRunner::count(const Outcome& outcome, std::size_t& applied, std::size_t& refused, WorkReport& report) {
    if (!outcome) {
        report.failures.push_back(outcome.error().message);
        return false;
    }
    switch (*outcome) {
    case WorkOutcome::applied: ++applied; return true;
    case WorkOutcome::refused: ++refused; return true;
    case WorkOutcome::superseded: ++report.superseded; return false;
    }
    return false;
}

// The instances the lanes start with, read in one statement rather than one read per firing.
// Only a lane's first item decides on it: the ones after it see what the first one committed, so
// they read again. Empty if the read failed: each firing then reads for itself (and reports).
std::vector<std::optional<Instance>> WorkRunner::first_instances(const std::vector<std::string>& lane_instances) {
    std::vector<std::optional<Instance>> known(lane_instances.size());
    auto loaded = store_.load_instances(lane_instances);
    if (!loaded) return known;
    std::unordered_map<std::string_view, std::size_t> lane_of;
    for (std::size_t lane = 0; lane < lane_instances.size(); ++lane) lane_of.emplace(lane_instances[lane], lane);
    for (Instance& instance : *loaded) {
        if (auto found = lane_of.find(instance.id); found != lane_of.end()) known[found->second].emplace(std::move(instance));
    }
    return known;
}

Result<WorkRunner::ClaimedTimers, StoreError> WorkRunner::claim_timers() {
    const Time now = clock_.now();
    auto timers = store_.claim_due_timers(options_.owner, now, now + options_.lease, options_.batch);
    if (!timers) return fail(std::move(timers).error());
    ClaimedTimers claimed{std::move(timers).value(), {}, {}};
    claimed.lanes = lanes_by_instance(claimed.timers, [](const Timer& timer) -> const std::string& { return timer.instance_id; });
    std::vector<std::string> lane_instances;
    for (const auto& lane : claimed.lanes) lane_instances.push_back(claimed.timers[lane.front()].instance_id);
    claimed.known = first_instances(lane_instances);
    return claimed;
}

void WorkRunner::fire_timers(ClaimedTimers& claimed, WorkReport& report, bool claim_next) {
    const std::vector<Timer>& timers = claimed.timers;
    // Each lane writes only the slots of its own timers; they are counted once every lane is done,
    // in due order, so that the report reads the same whatever ran first.
    std::vector<std::optional<Outcome>> outcomes(timers.size());
    std::vector<Duration> lags(timers.size());
    const auto fire_lane = [&](std::size_t lane) {
        for (const std::size_t i : claimed.lanes[lane]) {
            outcomes[i].emplace(runtime_.fire(timers[i], std::exchange(claimed.known[lane], std::nullopt)));
            lags[i] = clock_.now() - timers[i].due;
        }
    };
    // Behind (a full batch): the next batch is claimed and read while this one fires, rather than
    // after, when every lane but the slowest would wait for it. It fires in the next round, after
    // all of this one, so an instance's timers still go in due order.
    const auto claim_next_batch = [&] { next_.emplace(claim_timers()); };
    lanes_->run(claimed.lanes.size(), fire_lane, claim_next ? std::function<void()>(claim_next_batch) : nullptr);
    for (std::size_t i = 0; i < timers.size(); ++i) {
        if (!count(*outcomes[i], report.timers_fired, report.timers_refused, report)) continue;
        report.lags.push_back(lags[i]);
        report.max_lag = std::max(report.max_lag, lags[i]);
    }
}

void WorkRunner::deliver_signals(const std::vector<PendingSignal>& signals, WorkReport& report) {
    std::vector<std::optional<Outcome>> outcomes(signals.size());
    const auto lanes = lanes_by_instance(
        signals, [](const PendingSignal& signal) -> const std::string& { return signal.target_instance_id; });
    std::vector<std::string> lane_instances;
    for (const auto& lane : lanes) lane_instances.push_back(signals[lane.front()].target_instance_id);
    auto known = first_instances(lane_instances);
    lanes_->run(lanes.size(), [&](std::size_t lane) {
        for (const std::size_t i : lanes[lane]) {
            outcomes[i].emplace(runtime_.deliver(signals[i], std::exchange(known[lane], std::nullopt)));
        }
    });
    for (const auto& outcome : outcomes) count(*outcome, report.signals_delivered, report.signals_refused, report);
}

Result<WorkReport, StoreError> WorkRunner::run_once() {
    WorkReport report;
    // What the round before claimed while it fired, or else a claim now. A failed claim ahead is
    // this round's failure, as if this round had made it.
    auto claimed = next_ ? *std::exchange(next_, std::nullopt) : claim_timers();
    if (!claimed) return fail(std::move(claimed).error());
    const bool full = claimed->timers.size() >= options_.batch;
    fire_timers(*claimed, report, full);
    const Time now = clock_.now();
    auto signals = store_.claim_signals(options_.owner, now, now + options_.lease, options_.batch);
    if (!signals) return fail(std::move(signals).error());
    deliver_signals(*signals, report);
    report.drained = !full && signals->size() < options_.batch;
    return report;
}

}  // namespace seminarflow
