// SociStore::commit: everything one step of the engine changes, in one transaction or not at all.
//
// The refusals that are not errors (CommitStatus) are checked by conditional statements whose
// row count says whether they took effect, so they hold under concurrency on both backends: on
// SQLite the whole transaction holds the one write lock (BEGIN IMMEDIATE); on PostgreSQL a
// conditional UPDATE waits for a concurrent writer of its row and re-checks its condition
// against what that writer committed, and INSERT ... ON CONFLICT DO NOTHING waits for a
// concurrent insert of its key.
//
// Group commit (group_committer.hpp): concurrent commits are run as one batch in ONE
// transaction. On PostgreSQL a batch is first written in bulk, by one statement for all its
// commits (bulk_commit_writer.hpp); what that cannot answer, and every batch on SQLite (where a
// statement costs no round trip), is written here one commit at a time, each inside its own
// SAVEPOINT. A refusal or an error rolls back to its savepoint (that commit alone leaves
// nothing) and the others stay; the one COMMIT comes last and only then is anyone answered, so a
// failed COMMIT answers the whole batch with its error and nothing of theirs is written. Within
// the batch the commits run one after the other on one connection, each seeing what the ones
// before it wrote (a CAS on a version an earlier commit moved fails), which is exactly running
// them in sequence: they were concurrent, so any order is one their callers could have seen.
// (Commit::refusal is another thing: the instance refused a fired timer's or a signal's event, and
// the commit consumes that timer or signal with the reason on its row, and writes nothing else.)
//
// One commit's statements are commit_statements.hpp's; the batch's savepoints are kept prepared
// here as they are there.
#include <algorithm>
#include <optional>
#include <span>
#include <vector>

#include "adapters/store/bulk_commit_writer.hpp"
#include "adapters/store/commit_statements.hpp"
#include "adapters/store/soci_store_impl.hpp"
#include "adapters/store/statement_cache.hpp"
#include "adapters/store/transaction.hpp"
#include "adapters/store/work_announcement.hpp"

namespace seminarflow {
namespace {

// A refusal consumes what fired and keeps why; a step that also moved, created or wrote anything
// would not have been refused.
bool holds_only_a_refusal(const Commit& commit) {
    return (commit.fired_timer || commit.consumed_signal) && !commit.update && commit.created.empty() &&
           commit.history.empty() && commit.timers_scheduled.empty() && commit.timers_cancelled.empty() &&
           commit.notifications.empty() && commit.signals.empty() && !commit.idempotency;
}

// The instance a commit is about, to order a batch by (see run_commit_batch).
const std::string& instance_of(const Commit& commit) {
    static const std::string none;
    if (commit.update) return commit.update->id;
    if (!commit.created.empty()) return commit.created.front().id;
    if (commit.fired_timer) return commit.fired_timer->instance_id;
    return none;
}

// The savepoint around each commit of a batch, its three statements kept prepared: a batch of
// 64 would otherwise parse (SQLite) or prepare and deallocate (PostgreSQL) them 128 times.
struct BatchSavepoint : StatementCache::Entry {
    soci::statement begin, release, roll_back;
    BatchSavepoint(soci::session& session, DatabaseBackend /*backend*/)
        : begin((session.prepare << "SAVEPOINT group_commit")),
          release((session.prepare << "RELEASE SAVEPOINT group_commit")),
          roll_back((session.prepare << "ROLLBACK TO SAVEPOINT group_commit")) {}

    void open(DatabaseBackend backend) { run(begin, backend); }
    void keep(DatabaseBackend backend) { run(release, backend); }
    // Undoes what the current commit of a batch wrote and drops its savepoint. Throws if it
    // cannot: the transaction itself is then gone (the connection dropped, or SQLite rolled it
    // all back).
    void undo(DatabaseBackend backend) {
        run(roll_back, backend);
        run(release, backend);
    }
};

}  // namespace

Result<CommitStatus, StoreError> SociStore::commit(const Commit& commit) {
    if (commit.refusal && !holds_only_a_refusal(commit)) {
        return fail(StoreError{"commit on " + impl_->url_.redacted() +
                               ": a commit with a refusal holds the fired timer or consumed signal and nothing else"});
    }
    return impl_->committer_.commit(commit);
}

void SociStore::Impl::run_commit_batch(std::span<QueuedCommit* const> queued) {
    // In the order of the instances they move (stable: two commits of one instance keep the order
    // they queued in). Two nodes on one PostgreSQL then lock the rows of their batches in the
    // same order, instead of deadlocking on X-then-Y against Y-then-X. Any order is correct
    // (the commits of a batch were concurrent), so this one costs nothing but the sort.
    std::vector<QueuedCommit*> batch(queued.begin(), queued.end());
    std::stable_sort(batch.begin(), batch.end(), [](const QueuedCommit* left, const QueuedCommit* right) {
        return instance_of(*left->commit) < instance_of(*right->commit);
    });
    if (url_.backend == DatabaseBackend::postgresql && write_batch_in_bulk(batch)) return;
    write_batch_with_savepoints(batch);
}

bool SociStore::Impl::write_batch_in_bulk(std::span<QueuedCommit* const> batch) {
    std::vector<const Commit*> commits;
    for (const QueuedCommit* queued : batch) commits.push_back(queued->commit);
    if (!bulk_writable(commits)) return false;
    std::vector<CommitStatus> statuses;
    auto written = with_connection<bool>("commit", [&](soci::session& session, StatementCache& statements) -> Result<bool, StoreError> {
        try {
            statuses = write_in_bulk(statements, commits);
            return true;
        } catch (const soci::soci_error&) {
            // A lost connection fails the batch (with_connection sees to it); anything else is
            // some commit's own failure, which the savepoint path pins on that commit alone.
            if (!session.is_connected()) throw;
            statements.forget_all();
            return false;
        }
    });
    if (written && !written.value()) return false;  // handed back: nothing of the batch is written
    for (std::size_t i = 0; i < batch.size(); ++i) {
        if (written) {
            batch[i]->answer = statuses[i];
        } else {
            // The connection failed: nothing of the batch is written, or (lost with the answer)
            // everything, as with a COMMIT whose answer is lost.
            batch[i]->answer = fail(StoreError{written.error().message});
        }
    }
    return true;
}

void SociStore::Impl::write_batch_with_savepoints(std::span<QueuedCommit* const> batch) {
    const DatabaseBackend backend = url_.backend;
    // The answers wait here until COMMIT succeeded: no caller hears "committed" before.
    std::vector<std::optional<Result<CommitStatus, StoreError>>> answers(batch.size());
    auto written = with_connection<Done>("commit", [&](soci::session& session, StatementCache& statements) -> Result<Done, StoreError> {
        Transaction transaction(session, backend);
        announce_work(session, backend, batch);  // delivered at COMMIT, and only then
        if (batch.size() == 1) {
            // Alone, the transaction is the savepoint: a refusal rolls it back (the Transaction's
            // destructor), and the two round trips of SAVEPOINT and RELEASE are saved.
            const CommitStatus status = write_commit(statements, *batch.front()->commit);
            if (status == CommitStatus::committed) transaction.commit();
            answers.front() = status;
            return Done{};
        }
        for (std::size_t i = 0; i < batch.size(); ++i) {
            auto& savepoint = statements.get<BatchSavepoint>();
            savepoint.open(backend);
            try {
                const CommitStatus status = write_commit(statements, *batch[i]->commit);
                if (status == CommitStatus::committed) {
                    savepoint.keep(backend);
                } else {
                    savepoint.undo(backend);
                }
                answers[i] = status;
            } catch (const soci::soci_error& error) {
                // This commit's own failure (a foreign key, a taken seq ...): it alone fails. If
                // even the rollback fails, the transaction is lost: the whole batch fails with
                // this error, and with_connection sees to a dropped connection.
                try {
                    savepoint.undo(backend);
                } catch (const soci::soci_error&) {
                    throw error;
                }
                statements.forget_all();  // after the undo: the transaction is usable again
                answers[i] = fail(StoreError{"commit on " + url_.redacted() + ": " + one_line(error.what())});
            }
        }
        // Every commit refused or failed: nothing to flush. (COMMIT would cost a WAL flush.)
        const bool any_committed = std::any_of(answers.begin(), answers.end(), [](const auto& answer) {
            return answer->ok() && answer->value() == CommitStatus::committed;
        });
        if (any_committed) transaction.commit();
        return Done{};
    });
    for (std::size_t i = 0; i < batch.size(); ++i) {
        if (written) {
            batch[i]->answer = std::move(*answers[i]);
        } else {
            // Nothing of the batch is written: BEGIN or COMMIT failed, or the connection did.
            batch[i]->answer = fail(StoreError{written.error().message});
        }
    }
}

}  // namespace seminarflow
