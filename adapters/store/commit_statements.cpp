// One commit's statements, each kept prepared on its connection (statement_cache.hpp): a struct
// holding its statement and the variables it is bound to, which a call fills and runs.
//
// The refusals that are not errors (CommitStatus) are checked by conditional statements whose
// row count says whether they took effect: see commit_writer.cpp for why that holds under
// concurrency on both backends.
#include "adapters/store/commit_statements.hpp"

#include <optional>
#include <string>

#include "adapters/store/column_values.hpp"

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

}  // namespace

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

}  // namespace seminarflow
