#pragma once
// One round of the engine's own work: claim the timers that are due and the signals that wait,
// under a lease, and carry them out through the runtime. Blocking and synchronous, so that tests
// drive it with their own clock; the Scheduler runs it in a loop on the store's threads.
#include <cstddef>
#include <string>
#include <vector>

#include "engine/model/result.hpp"
#include "engine/ports/clock.hpp"
#include "engine/ports/store.hpp"
#include "engine/runtime/runtime.hpp"

namespace seminarflow {

struct WorkOptions {
    std::string owner;                                    // this node, in the leases it takes
    Duration lease = std::chrono::seconds(30);            // after this, a dead node's claims are retaken
    std::size_t batch = 200;                              // claimed at most per round, of each kind
};

struct WorkReport {
    std::size_t timers_fired = 0;
    std::size_t timers_refused = 0;
    std::size_t signals_delivered = 0;
    std::size_t signals_refused = 0;
    std::size_t superseded = 0;           // done by another node first, or the instance is gone
    std::vector<std::string> failures;    // left pending, retried when their lease runs out
    Duration max_lag{0};                  // how late the latest-fired timer was
    bool drained = true;                  // false when a batch was full: more may be waiting

    std::size_t handled() const { return timers_fired + timers_refused + signals_delivered + signals_refused + superseded; }
};

class WorkRunner {
public:
    WorkRunner(Runtime& runtime, Store& store, const Clock& clock, WorkOptions options)
        : runtime_(runtime), store_(store), clock_(clock), options_(std::move(options)) {}

    Result<WorkReport, StoreError> run_once();
    const WorkOptions& options() const { return options_; }

private:
    void count(const Result<WorkOutcome, ApplyError>& outcome, std::size_t& applied, std::size_t& refused,
               WorkReport& report);

    Runtime& runtime_;
    Store& store_;
    const Clock& clock_;
    WorkOptions options_;
};

}  // namespace seminarflow
