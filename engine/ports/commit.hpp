#pragma once
// Everything one step of the engine changes, written by the store in ONE transaction or not at
// all: an instance moved (compare-and-swap on its version), instances created, their history,
// timers scheduled and cancelled, notifications for the outbox, signals for other instances,
// the timer or signal the step consumed, and the answer an Idempotency-Key will replay.
#include <boost/json/value.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/model/history_entry.hpp"
#include "engine/model/instance.hpp"
#include "engine/model/notification.hpp"
#include "engine/model/signal.hpp"
#include "engine/model/timer.hpp"

namespace seminarflow {

struct InstanceUpdate {
    std::string id;
    std::int64_t expected_version = 0;  // the version the decision was made on
    std::string state;
    boost::json::object data;           // the whole new data
    Time updated_at{};                  // the new version is expected_version + 1
};

// The answer to a request sent with an Idempotency-Key, kept so that a replay gets it again.
struct IdempotencyRecord {
    std::string key;
    std::string request_hash;  // a replay with another request under the same key is refused
    std::optional<std::string> instance_id;
    int status = 0;
    boost::json::value response;
    Time created_at{};
};

struct Commit {
    std::optional<InstanceUpdate> update;
    std::vector<Instance> created;  // version 1; parents before their children
    std::vector<HistoryEntry> history;
    std::vector<Timer> timers_scheduled;  // upserts: an existing (instance, name) moves
    std::vector<TimerRef> timers_cancelled;
    std::vector<Notification> notifications;
    std::vector<PendingSignal> signals;
    std::optional<TimerRef> fired_timer;          // marked fired: it changes state once
    std::optional<std::string> consumed_signal;   // marked done: it takes effect once
    // Why the instance refused the fired timer's or consumed signal's event, kept on its row for
    // operators to see; the commit then holds nothing else.
    std::optional<std::string> refusal;
    std::optional<IdempotencyRecord> idempotency;
};

// What `commit` leaves for the engine's background loops, so that the loop that does it is woken
// when the commit commits rather than at its next poll.
struct WorkMade {
    // A timer scheduled or moved (it may come due before the scheduler would look) or a signal
    // for an instance: the scheduler's work, on whichever node claims it first.
    bool scheduling = false;
    // A notification queued in the outbox: the dispatcher's work.
    bool delivering = false;

    bool any() const { return scheduling || delivering; }
};

inline WorkMade work_made(const Commit& commit) {
    return {.scheduling = !commit.timers_scheduled.empty() || !commit.signals.empty(),
            .delivering = !commit.notifications.empty()};
}

enum class CommitStatus {
    committed,
    version_conflict,      // the instance moved since it was read: re-read and decide again
    idempotency_conflict,  // another request stored this key first: replay its answer
    already_consumed,      // the fired timer or consumed signal was taken by another node
};

}  // namespace seminarflow
