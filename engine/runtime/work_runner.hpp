#pragma once
// One round of the engine's own work: claim the timers that are due and the signals that wait,
// under a lease, and carry them out through the runtime. Blocking and synchronous, so that tests
// drive it with their own clock; the Scheduler runs it in a loop on the store's threads.
//
// A round carries out its claims for several instances at once (WorkOptions::parallelism), so
// that their commits meet in the store's group commit and share a flush; an instance's own
// timers, and its own signals, still go one after the other in due order (instance_lanes.hpp).
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/model/result.hpp"
#include "engine/ports/clock.hpp"
#include "engine/ports/store.hpp"
#include "engine/runtime/runtime.hpp"

namespace seminarflow {

class LanePool;

struct WorkOptions {
    std::string owner;                                    // this node, in the leases it takes
    Duration lease = std::chrono::seconds(30);            // after this, a dead node's claims are retaken
    // Claimed at most per round, of each kind. A round claims what is due when it starts: small
    // while the runner keeps up, so timers wait little; this many when it is behind, so that the
    // work of a round (claim, read, the lanes' start and end) is shared by many firings.
    std::size_t batch = 1000;
    // Instances whose claimed work runs at once: on the round's thread and on up to
    // parallelism - 1 threads the runner keeps. One commit at a time waits for its own flush;
    // this many concurrent ones are written together (group commit): on PostgreSQL the store
    // writes a batch in a few statements whatever its size, so the bigger the batch, the less
    // each firing costs (bench/README.md, "Durable timers"). 256 is the store's largest batch
    // (SociStoreOptions::max_batch). A thread holds a connection only while it reads again after
    // a conflict, so this may exceed the store's pool. 1 (or 0): one after the other on the
    // caller's thread.
    std::size_t parallelism = 256;
};

struct WorkReport {
    std::size_t timers_fired = 0;
    std::size_t timers_refused = 0;
    std::size_t signals_delivered = 0;
    std::size_t signals_refused = 0;
    std::size_t superseded = 0;           // done by another node first, or the instance is gone
    std::vector<std::string> failures;    // left pending, retried when their lease runs out
    // Firing lag: for each timer fired or refused, when its commit was done minus when it was
    // due, in due order; a histogram or percentiles are made from these. max_lag is the largest.
    std::vector<Duration> lags;
    Duration max_lag{0};
    bool drained = true;                  // false when a batch was full: more may be waiting

    std::size_t handled() const { return timers_fired + timers_refused + signals_delivered + signals_refused + superseded; }
};

// One round at a time: the Scheduler never runs two at once, and neither may other callers.
// A round that claimed a full batch claims the next one while it fires (the next round fires it):
// a runner destroyed then leaves those timers leased, and they fire once the lease runs out.
class WorkRunner {
public:
    WorkRunner(Runtime& runtime, Store& store, const Clock& clock, WorkOptions options);
    ~WorkRunner();

    Result<WorkReport, StoreError> run_once();
    const WorkOptions& options() const { return options_; }

private:
    using Outcome = Result<WorkOutcome, ApplyError>;

    // Claimed timers split into lanes (one per instance), with the instance each lane starts on.
    struct ClaimedTimers {
        std::vector<Timer> timers;
        std::vector<std::vector<std::size_t>> lanes;
        std::vector<std::optional<Instance>> known;
    };

    std::vector<std::optional<Instance>> first_instances(const std::vector<std::string>& lane_instances);
    Result<ClaimedTimers, StoreError> claim_timers();
    void fire_timers(ClaimedTimers& claimed, WorkReport& report, bool claim_next);
    void deliver_signals(const std::vector<PendingSignal>& signals, WorkReport& report);
    static bool count(const Outcome& outcome, std::size_t& applied, std::size_t& refused, WorkReport& report);

    Runtime& runtime_;
    Store& store_;
    const Clock& clock_;
    WorkOptions options_;
    std::unique_ptr<LanePool> lanes_;
    std::optional<Result<ClaimedTimers, StoreError>> next_;  // claimed by the round before, not fired yet
};

}  // namespace seminarflow
