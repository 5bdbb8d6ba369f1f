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
// transaction. On PostgreSQL a batch is first written in bulk, one statement per kind of row for
// all its commits (bulk_commit_writer.hpp); what that cannot answer, and every batch on SQLite
// (where a statement costs no round trip), is written here one commit at a time, each inside its
// own SAVEPOINT. A refusal or an error rolls back to its savepoint (that commit alone leaves
// nothing) and the others stay; the one COMMIT comes last and only then is anyone answered, so a
// failed COMMIT answers the whole batch with its error and nothing of theirs is written. Within
// the batch the commits run one after the other on one connection, each seeing what the ones
// before it wrote (a CAS on a version an earlier commit moved fails), which is exactly running
// them in sequence: they were concurrent, so any order is one their callers could have seen.
// (Commit::refusal is another thing: the instance refused a fired timer's or a signal's event, and
// the commit consumes that timer or signal with the reason on its row, and writes nothing else.)
//
// Every statement is kept prepared on its connection (statement_cache.hpp): each is a struct
// holding its statement and the variables it is bound to, which a call fills and runs.
#include <algorithm>
#include <optional>
#include <span>
#include <vector>

#include "adapters/store/bulk_commit_writer.hpp"
#include "adapters/store/column_values.hpp"
#include "adapters/store/soci_store_impl.hpp"
#include "adapters/store/statement_cache.hpp"
#include "adapters/store/transaction.hpp"
#include "adapters/store/work_announcement.hpp"

namespace seminarflow {
namespace {

// Moves the instance if it is still at the version the decision was made on.
struct CompareAndSwap : StatementCache::Entry {
    std::string state, data, updated_at, id;
    long long expected = 0;
    soci::statement statement;
    CompareAndSwap(soci::session& session, DatabaseBackend /*backend*/)
        : statement((session.prepare << "UPDATE instances SET state = :state, data = :data, version = version + 1,"
                                        " updated_at = :updated_at WHERE id = :id AND version = :expected",
                     soci::use(state), soci::use(data), soci::use(updated_at), soci::use(id), soci::use(expected))) {}
};

bool compare_and_swap(StatementCache& statements, const InstanceUpdate& update) {
    auto& kept = statements.get<CompareAndSwap>();
    kept.state = update.state;
    kept.data = json_column(update.data);
    kept.updated_at = time_column(update.updated_at);
    kept.id = update.id;
    kept.expected = update.expected_version;
    run(kept.statement, statements.backend());
    return kept.statement.get_affected_rows() == 1;
}

// A timer changes state once: only the commit that finds it still pending may act on its firing.
// Its lease goes with it (the node that claimed it is done), and the refusal, if the instance
// refused its event, stays on its row.
struct ConsumeTimer : StatementCache::Entry {
    std::string refusal, instance_id, name;
    soci::indicator refusal_indicator = soci::i_null;
    soci::statement statement;
    ConsumeTimer(soci::session& session, DatabaseBackend /*backend*/)
        : statement((session.prepare << "UPDATE timers SET state = 'fired', lease_owner = NULL,"
                                        " lease_expires_at = NULL, refusal = :refusal"
                                        " WHERE instance_id = :instance_id AND name = :name AND state = 'pending'",
                     soci::use(refusal, refusal_indicator), soci::use(instance_id), soci::use(name))) {}
};

bool consume_timer(StatementCache& statements, const TimerRef& timer, const std::optional<std::string>& refusal) {
    auto& kept = statements.get<ConsumeTimer>();
    kept.refusal = refusal.value_or("");
    kept.refusal_indicator = refusal ? soci::i_ok : soci::i_null;
    kept.instance_id = timer.instance_id;
    kept.name = timer.name;
    run(kept.statement, statements.backend());
    return kept.statement.get_affected_rows() == 1;
}

struct ConsumeSignal : StatementCache::Entry {
    std::string refusal, id;
    soci::indicator refusal_indicator = soci::i_null;
    soci::statement statement;
    ConsumeSignal(soci::session& session, DatabaseBackend /*backend*/)
        : statement((session.prepare << "UPDATE signals SET state = 'done', lease_owner = NULL,"
                                        " lease_expires_at = NULL, refusal = :refusal"
                                        " WHERE id = :id AND state = 'pending'",
                     soci::use(refusal, refusal_indicator), soci::use(id))) {}
};

bool consume_signal(StatementCache& statements, const std::string& id, const std::optional<std::string>& refusal) {
    auto& kept = statements.get<ConsumeSignal>();
    kept.refusal = refusal.value_or("");
    kept.refusal_indicator = refusal ? soci::i_ok : soci::i_null;
    kept.id = id;
    run(kept.statement, statements.backend());
    return kept.statement.get_affected_rows() == 1;
}

// A refusal consumes what fired and keeps why; a step that also moved, created or wrote anything
// would not have been refused.
bool holds_only_a_refusal(const Commit& commit) {
    return (commit.fired_timer || commit.consumed_signal) && !commit.update && commit.created.empty() &&
           commit.history.empty() && commit.timers_scheduled.empty() && commit.timers_cancelled.empty() &&
           commit.notifications.empty() && commit.signals.empty() && !commit.idempotency;
}

struct InsertInstance : StatementCache::Entry {
    std::string id, workflow, state, data, parent, created_at, updated_at;
    int definition_version = 0;
    soci::indicator parent_indicator = soci::i_null;
    soci::statement statement;
    InsertInstance(soci::session& session, DatabaseBackend /*backend*/)
        : statement((session.prepare << "INSERT INTO instances (id, workflow, definition_version, state, data,"
                                        " parent_id, version, created_at, updated_at) VALUES (:id, :workflow,"
                                        " :definition_version, :state, :data, :parent, 1, :created_at, :updated_at)",
                     soci::use(id), soci::use(workflow), soci::use(definition_version), soci::use(state),
                     soci::use(data), soci::use(parent, parent_indicator), soci::use(created_at),
                     soci::use(updated_at))) {}
};

void insert_instance(StatementCache& statements, const Instance& instance) {
    auto& kept = statements.get<InsertInstance>();
    kept.id = instance.id;
    kept.workflow = instance.workflow;
    kept.definition_version = instance.definition_version;
    kept.state = instance.state;
    kept.data = json_column(instance.data);
    kept.parent = instance.parent.value_or("");
    kept.parent_indicator = instance.parent ? soci::i_ok : soci::i_null;
    kept.created_at = time_column(instance.created_at);
    kept.updated_at = time_column(instance.updated_at);
    run(kept.statement, statements.backend());
}

struct InsertHistory : StatementCache::Entry {
    std::string instance_id, event, actor, role, payload, from, to, at;
    long long seq = 0;
    int definition_version = 0;
    soci::indicator from_indicator = soci::i_null;
    soci::statement statement;
    InsertHistory(soci::session& session, DatabaseBackend /*backend*/)
        : statement((session.prepare << "INSERT INTO history (instance_id, seq, event, actor, actor_role, payload,"
                                        " from_state, to_state, definition_version, at) VALUES (:instance_id, :seq,"
                                        " :event, :actor, :actor_role, :payload, :from, :to, :definition_version,"
                                        " :at)",
                     soci::use(instance_id), soci::use(seq), soci::use(event), soci::use(actor), soci::use(role),
                     soci::use(payload), soci::use(from, from_indicator), soci::use(to),
                     soci::use(definition_version), soci::use(at))) {}
};

void insert_history(StatementCache& statements, const HistoryEntry& entry) {
    auto& kept = statements.get<InsertHistory>();
    kept.instance_id = entry.instance_id;
    kept.seq = entry.seq;
    kept.event = entry.event;
    kept.actor = entry.actor.id;
    kept.role = role_name(entry.actor.role);
    kept.payload = json_column(entry.payload);
    kept.from = entry.from.value_or("");
    kept.from_indicator = entry.from ? soci::i_ok : soci::i_null;
    kept.to = entry.to;
    kept.definition_version = entry.definition_version;
    kept.at = time_column(entry.at);
    run(kept.statement, statements.backend());
}

// One row per (instance, name), so scheduling an existing timer moves it: a postponed seminar
// moves its reminders, and a timer that fired (or was cancelled) is armed again. Its id is
// derived from that key, stable across moves.
struct ScheduleTimer : StatementCache::Entry {
    std::string id, instance_id, name, due_at, event;
    soci::statement statement;
    ScheduleTimer(soci::session& session, DatabaseBackend /*backend*/)
        : statement((session.prepare << "INSERT INTO timers (id, instance_id, name, due_at, event, state)"
                                        " VALUES (:id, :instance_id, :name, :due_at, :event, 'pending')"
                                        " ON CONFLICT (instance_id, name) DO UPDATE SET due_at = excluded.due_at,"
                                        " event = excluded.event, state = 'pending', lease_owner = NULL,"
                                        " lease_expires_at = NULL, attempts = 0, refusal = NULL",
                     soci::use(id), soci::use(instance_id), soci::use(name), soci::use(due_at), soci::use(event))) {}
};

void schedule_timer(StatementCache& statements, const Timer& timer) {
    auto& kept = statements.get<ScheduleTimer>();
    kept.id = timer.instance_id + "/" + timer.name;
    kept.instance_id = timer.instance_id;
    kept.name = timer.name;
    kept.due_at = time_column(timer.due);
    kept.event = timer.event;
    run(kept.statement, statements.backend());
}

// Only a pending timer is cancelled: one that fired stays 'fired', as what happened.
struct CancelTimer : StatementCache::Entry {
    std::string instance_id, name;
    soci::statement statement;
    CancelTimer(soci::session& session, DatabaseBackend /*backend*/)
        : statement((session.prepare << "UPDATE timers SET state = 'cancelled', lease_owner = NULL,"
                                        " lease_expires_at = NULL"
                                        " WHERE instance_id = :instance_id AND name = :name AND state = 'pending'",
                     soci::use(instance_id), soci::use(name))) {}
};

void cancel_timer(StatementCache& statements, const TimerRef& timer) {
    auto& kept = statements.get<CancelTimer>();
    kept.instance_id = timer.instance_id;
    kept.name = timer.name;
    run(kept.statement, statements.backend());
}

struct InsertNotification : StatementCache::Entry {
    std::string id, instance_id, template_name, audience, payload, created_at;
    soci::statement statement;
    InsertNotification(soci::session& session, DatabaseBackend /*backend*/)
        : statement((session.prepare << "INSERT INTO outbox (id, instance_id, template, audience, payload,"
                                        " next_attempt_at, created_at) VALUES (:id, :instance_id, :template,"
                                        " :audience, :payload, :next_attempt_at, :created_at)",
                     soci::use(id), soci::use(instance_id), soci::use(template_name), soci::use(audience),
                     soci::use(payload), soci::use(created_at), soci::use(created_at))) {}
};

void insert_notification(StatementCache& statements, const Notification& notification) {
    auto& kept = statements.get<InsertNotification>();
    kept.id = notification.id;
    kept.instance_id = notification.instance_id;
    kept.template_name = notification.template_name;
    kept.audience = json_column(notification.audience);
    kept.payload = json_column(notification.payload);
    kept.created_at = time_column(notification.created_at);
    run(kept.statement, statements.backend());
}

struct InsertSignal : StatementCache::Entry {
    std::string id, target, event, actor, role, payload, created_at;
    soci::statement statement;
    InsertSignal(soci::session& session, DatabaseBackend /*backend*/)
        : statement((session.prepare << "INSERT INTO signals (id, target_instance_id, event, actor, actor_role,"
                                        " payload, created_at) VALUES (:id, :target, :event, :actor, :actor_role,"
                                        " :payload, :created_at)",
                     soci::use(id), soci::use(target), soci::use(event), soci::use(actor), soci::use(role),
                     soci::use(payload), soci::use(created_at))) {}
};

void insert_signal(StatementCache& statements, const PendingSignal& signal) {
    auto& kept = statements.get<InsertSignal>();
    kept.id = signal.id;
    kept.target = signal.target_instance_id;
    kept.event = signal.event.type;
    kept.actor = signal.event.actor.id;
    kept.role = role_name(signal.event.actor.role);
    kept.payload = json_column(signal.event.payload);
    kept.created_at = time_column(signal.created_at);
    run(kept.statement, statements.backend());
}

// False if another request stored this key first. ON CONFLICT DO NOTHING rather than catching
// the unique violation: on PostgreSQL an error aborts the transaction, and the two backends
// word it differently.
struct InsertIdempotency : StatementCache::Entry {
    std::string key, instance_id, request_hash, response, created_at;
    int status = 0;
    soci::indicator instance_indicator = soci::i_null;
    soci::statement statement;
    InsertIdempotency(soci::session& session, DatabaseBackend /*backend*/)
        : statement((session.prepare << "INSERT INTO idempotency_keys (key, instance_id, request_hash,"
                                        " response_status, response, created_at) VALUES (:key, :instance_id,"
                                        " :request_hash, :status, :response, :created_at)"
                                        " ON CONFLICT (key) DO NOTHING",
                     soci::use(key), soci::use(instance_id, instance_indicator), soci::use(request_hash),
                     soci::use(status), soci::use(response), soci::use(created_at))) {}
};

bool insert_idempotency(StatementCache& statements, const IdempotencyRecord& record) {
    auto& kept = statements.get<InsertIdempotency>();
    kept.key = record.key;
    kept.instance_id = record.instance_id.value_or("");
    kept.instance_indicator = record.instance_id ? soci::i_ok : soci::i_null;
    kept.request_hash = record.request_hash;
    kept.status = record.status;
    kept.response = json_column(record.response);
    kept.created_at = time_column(record.created_at);
    run(kept.statement, statements.backend());
    return kept.statement.get_affected_rows() == 1;
}

// Writes `commit` into the open transaction: a refusal returns before anything of it is written
// except what the statement that refused it changed (nothing: its row count was 0), and the
// caller rolls back whatever the commit wrote before a refusal or an exception.
CommitStatus write_commit(StatementCache& statements, const Commit& commit) {
    // The refusals first: they cost least when they come before the writes. The consumed timer
    // is marked before the schedule, so that a step which fires a timer and arms it again (a
    // repeating reminder) leaves it pending.
    if (commit.update && !compare_and_swap(statements, *commit.update)) return CommitStatus::version_conflict;
    if (commit.fired_timer && !consume_timer(statements, *commit.fired_timer, commit.refusal)) {
        return CommitStatus::already_consumed;
    }
    if (commit.consumed_signal && !consume_signal(statements, *commit.consumed_signal, commit.refusal)) {
        return CommitStatus::already_consumed;
    }
    for (const Instance& instance : commit.created) insert_instance(statements, instance);
    for (const HistoryEntry& entry : commit.history) insert_history(statements, entry);
    for (const Timer& timer : commit.timers_scheduled) schedule_timer(statements, timer);
    for (const TimerRef& timer : commit.timers_cancelled) cancel_timer(statements, timer);
    for (const Notification& notification : commit.notifications) insert_notification(statements, notification);
    for (const PendingSignal& signal : commit.signals) insert_signal(statements, signal);
    // Last, as it may refer to an instance this commit creates.
    if (commit.idempotency && !insert_idempotency(statements, *commit.idempotency)) {
        return CommitStatus::idempotency_conflict;
    }
    return CommitStatus::committed;
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
    // A batch of one costs the same round trips either way.
    if (url_.backend == DatabaseBackend::postgresql && batch.size() > 1 && write_batch_in_bulk(batch)) return;
    write_batch_with_savepoints(batch);
}

bool SociStore::Impl::write_batch_in_bulk(std::span<QueuedCommit* const> batch) {
    std::vector<const Commit*> commits;
    for (const QueuedCommit* queued : batch) commits.push_back(queued->commit);
    if (!bulk_writable(commits)) return false;
    std::optional<std::vector<CommitStatus>> statuses;
    auto written = with_connection<Done>("commit", [&](soci::session& session, StatementCache& statements) -> Result<Done, StoreError> {
        Transaction transaction(session, url_.backend);
        announce_work(session, url_.backend, batch);  // delivered at COMMIT, and only then
        try {
            statuses = write_in_bulk(statements, commits);
        } catch (const soci::soci_error&) {
            // A lost connection fails the batch (with_connection sees to it); anything else is
            // some commit's own failure, which the savepoint path pins on that commit alone.
            if (!session.is_connected()) throw;
            statuses.reset();
        }
        const bool any_committed = statuses && std::find(statuses->begin(), statuses->end(),
                                                         CommitStatus::committed) != statuses->end();
        if (any_committed) transaction.commit();
        return Done{};
    });
    if (written && !statuses) return false;  // rolled back: nothing of the batch is written
    for (std::size_t i = 0; i < batch.size(); ++i) {
        if (written) {
            batch[i]->answer = (*statuses)[i];
        } else {
            // Nothing of the batch is written: BEGIN or COMMIT failed, or the connection did.
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
        auto& savepoint = statements.get<BatchSavepoint>();
        for (std::size_t i = 0; i < batch.size(); ++i) {
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
