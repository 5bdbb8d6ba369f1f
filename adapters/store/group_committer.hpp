#pragma once
// Group commit: concurrent Store::commit() calls share one transaction, so that a burst of
// events pays for one WAL flush (one fdatasync on SQLite, one WAL write on PostgreSQL) instead
// of one each. Internal to adapters/store; it knows nothing of SOCI: what a batch does with the
// database is the BatchRunner's (commit_writer.cpp).
//
// Leader/follower rather than a dedicated writer thread. A caller queues its commit; if no batch
// is running it becomes the leader: it takes everything queued (at most max_batch), runs it,
// answers every caller of the batch, and hands the lead to the first caller still queued. Why
// not a writer thread of its own:
//   - alone (one instance, light load) a commit runs on its caller's thread with no hand-off:
//     no two context switches per commit on machines with two cores;
//   - there is no thread to start, stop or leave behind: the store shuts down as before, and a
//     queued caller is always answered, since a queue that is not empty always has a leader or
//     a caller about to become one;
//   - the store's calls already run on the store's own thread pool, so the leader is one of
//     its threads, never an I/O thread.
// Batches form under load by themselves: while a leader runs a batch, new commits queue up, and
// the next leader takes them all. No commit ever waits on a timer.
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <span>

#include "engine/ports/store.hpp"

namespace seminarflow {

// One caller's commit while it waits, and its answer once the batch is over.
struct QueuedCommit {
    const Commit* commit = nullptr;
    std::optional<Result<CommitStatus, StoreError>> answer;
};

class GroupCommitter {
public:
    // Runs one batch in one transaction and sets every answer; runs on the leader's thread, never
    // two at once. Answers nothing as committed unless the transaction committed.
    using BatchRunner = std::function<void(std::span<QueuedCommit* const>)>;

    // `hold_first_batch_until`: for tests only (0 in production). The first leader waits until
    // that many commits are queued (10 s at most), so that a test knows which commits share a
    // batch instead of hoping threads meet.
    GroupCommitter(BatchRunner run, std::size_t max_batch, std::size_t hold_first_batch_until = 0);
    GroupCommitter(const GroupCommitter&) = delete;
    GroupCommitter& operator=(const GroupCommitter&) = delete;

    // Blocks until `commit` has been run in some batch; `commit` must live until then (it does:
    // it is the caller's argument).
    Result<CommitStatus, StoreError> commit(const Commit& commit);

private:
    // One waiting caller: its entry and the condition it sleeps on, so that waking the next
    // leader or the answered callers wakes only them.
    struct Waiter {
        QueuedCommit queued;
        std::condition_variable wake;
        bool answered = false;
    };

    void lead(std::unique_lock<std::mutex>& lock);

    BatchRunner run_;
    std::size_t max_batch_;
    std::size_t hold_first_batch_until_;
    std::mutex mutex_;
    std::condition_variable queued_;  // the held first batch waits on it
    std::deque<Waiter*> queue_;
    bool leading_ = false;
};

}  // namespace seminarflow
