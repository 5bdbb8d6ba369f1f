#include "adapters/store/bulk_commit_writer.hpp"

#include <boost/json/serialize.hpp>
#include <string_view>
#include <unordered_set>

#include "adapters/store/column_values.hpp"

namespace seminarflow {
namespace {

// Each statement takes the rows of the whole batch as ONE parameter, a JSON array of objects
// that jsonb_to_recordset turns into a table: one round trip, one parameter to bind, and the
// JSON columns arrive as jsonb without being quoted into text first. The statements are fixed,
// so each is kept prepared on its connection (statement_cache.hpp).
struct MoveInstances {
    static constexpr std::string_view sql =
        "UPDATE instances AS i SET state = r.state, data = r.data, version = i.version + 1,"
        " updated_at = r.updated_at FROM jsonb_to_recordset(CAST(:rows AS jsonb))"
        " AS r(id text, expected bigint, state text, data jsonb, updated_at timestamptz)"
        " WHERE i.id = r.id AND i.version = r.expected RETURNING i.id";
};

struct ConsumeTimers {
    static constexpr std::string_view sql =
        "UPDATE timers AS t SET state = 'fired', lease_owner = NULL, lease_expires_at = NULL, refusal = r.refusal"
        " FROM jsonb_to_recordset(CAST(:rows AS jsonb)) AS r(instance_id text, name text, refusal text)"
        " WHERE t.instance_id = r.instance_id AND t.name = r.name AND t.state = 'pending' RETURNING t.instance_id";
};

struct ConsumeSignals {
    static constexpr std::string_view sql =
        "UPDATE signals AS s SET state = 'done', lease_owner = NULL, lease_expires_at = NULL, refusal = r.refusal"
        " FROM jsonb_to_recordset(CAST(:rows AS jsonb)) AS r(id text, refusal text)"
        " WHERE s.id = r.id AND s.state = 'pending' RETURNING s.id";
};

// Parents come before their children in the rows; PostgreSQL checks foreign keys at the end of
// the statement, so a child may name a parent inserted by the same INSERT.
struct InsertInstances {
    static constexpr std::string_view sql =
        "INSERT INTO instances (id, workflow, definition_version, state, data, parent_id, version, created_at,"
        " updated_at) SELECT id, workflow, definition_version, state, data, parent_id, 1, created_at, updated_at"
        " FROM jsonb_to_recordset(CAST(:rows AS jsonb)) AS r(id text, workflow text, definition_version integer,"
        " state text, data jsonb, parent_id text, created_at timestamptz, updated_at timestamptz)";
};

struct InsertHistory {
    static constexpr std::string_view sql =
        "INSERT INTO history (instance_id, seq, event, actor, actor_role, payload, from_state, to_state,"
        " definition_version, at) SELECT instance_id, seq, event, actor, actor_role, payload, from_state,"
        " to_state, definition_version, at FROM jsonb_to_recordset(CAST(:rows AS jsonb)) AS r(instance_id text,"
        " seq bigint, event text, actor text, actor_role text, payload jsonb, from_state text, to_state text,"
        " definition_version integer, at timestamptz)";
};

// As commit_writer.cpp's ScheduleTimer: an existing (instance, name) moves and is armed again.
struct ScheduleTimers {
    static constexpr std::string_view sql =
        "INSERT INTO timers (id, instance_id, name, due_at, event, state) SELECT id, instance_id, name, due_at,"
        " event, 'pending' FROM jsonb_to_recordset(CAST(:rows AS jsonb)) AS r(id text, instance_id text,"
        " name text, due_at timestamptz, event text) ON CONFLICT (instance_id, name) DO UPDATE SET"
        " due_at = excluded.due_at, event = excluded.event, state = 'pending', lease_owner = NULL,"
        " lease_expires_at = NULL, attempts = 0, refusal = NULL";
};

struct CancelTimers {
    static constexpr std::string_view sql =
        "UPDATE timers AS t SET state = 'cancelled', lease_owner = NULL, lease_expires_at = NULL"
        " FROM jsonb_to_recordset(CAST(:rows AS jsonb)) AS r(instance_id text, name text)"
        " WHERE t.instance_id = r.instance_id AND t.name = r.name AND t.state = 'pending'";
};

struct InsertNotifications {
    static constexpr std::string_view sql =
        "INSERT INTO outbox (id, instance_id, template, audience, payload, next_attempt_at, created_at)"
        " SELECT id, instance_id, template, audience, payload, created_at, created_at"
        " FROM jsonb_to_recordset(CAST(:rows AS jsonb)) AS r(id text, instance_id text, template text,"
        " audience jsonb, payload jsonb, created_at timestamptz)";
};

struct InsertSignals {
    static constexpr std::string_view sql =
        "INSERT INTO signals (id, target_instance_id, event, actor, actor_role, payload, created_at)"
        " SELECT id, target_instance_id, event, actor, actor_role, payload, created_at"
        " FROM jsonb_to_recordset(CAST(:rows AS jsonb)) AS r(id text, target_instance_id text, event text,"
        " actor text, actor_role text, payload jsonb, created_at timestamptz)";
};

// The answer is text cast to json, never jsonb: a replay must be the first answer byte for byte.
struct InsertIdempotencyKeys {
    static constexpr std::string_view sql =
        "INSERT INTO idempotency_keys (key, instance_id, request_hash, response_status, response, created_at)"
        " SELECT key, instance_id, request_hash, response_status, CAST(response AS json), created_at"
        " FROM jsonb_to_recordset(CAST(:rows AS jsonb)) AS r(key text, instance_id text, request_hash text,"
        " response_status integer, response text, created_at timestamptz)"
        " ON CONFLICT (key) DO NOTHING RETURNING key";
};

template <class Kind>
struct BulkWrite : StatementCache::Entry {
    std::string rows;
    soci::statement statement;
    BulkWrite(soci::session& session, DatabaseBackend /*backend*/)
        : statement((session.prepare << std::string(Kind::sql), soci::use(rows, "rows"))) {}
};

// A statement that answers the key of every row it changed.
template <class Kind>
struct BulkCheck : StatementCache::Entry {
    std::string rows, key;
    soci::statement statement;
    BulkCheck(soci::session& session, DatabaseBackend /*backend*/)
        : statement((session.prepare << std::string(Kind::sql), soci::use(rows, "rows"), soci::into(key))) {}
};

template <class Kind>
void write_rows(StatementCache& statements, const boost::json::array& rows) {
    if (rows.empty()) return;
    auto& kept = statements.get<BulkWrite<Kind>>();
    kept.rows = boost::json::serialize(rows);
    run(kept.statement, statements.backend());
}

template <class Kind>
std::unordered_set<std::string> check_rows(StatementCache& statements, const boost::json::array& rows) {
    std::unordered_set<std::string> changed;
    if (rows.empty()) return changed;
    auto& kept = statements.get<BulkCheck<Kind>>();
    kept.rows = boost::json::serialize(rows);
    kept.statement.execute();
    while (kept.statement.fetch()) changed.insert(kept.key);
    return changed;
}

boost::json::value optional_text(const std::optional<std::string>& text) {
    return text ? boost::json::value(*text) : boost::json::value(nullptr);
}

// The instances a commit touches: none of them may be touched by another commit of the batch.
std::unordered_set<std::string_view> touched_by(const Commit& commit) {
    std::unordered_set<std::string_view> ids;
    if (commit.update) ids.insert(commit.update->id);
    if (commit.fired_timer) ids.insert(commit.fired_timer->instance_id);
    for (const Instance& instance : commit.created) ids.insert(instance.id);
    for (const HistoryEntry& entry : commit.history) ids.insert(entry.instance_id);
    for (const Timer& timer : commit.timers_scheduled) ids.insert(timer.instance_id);
    for (const TimerRef& timer : commit.timers_cancelled) ids.insert(timer.instance_id);
    return ids;
}

// The rows a commit that passed its checks writes, gathered for the whole batch.
struct BatchRows {
    boost::json::array instances, history, timers_scheduled, timers_cancelled, notifications, signals,
        idempotency_keys;

    void add(const Commit& commit) {
        for (const Instance& instance : commit.created) {
            instances.push_back({{"id", instance.id},
                                 {"workflow", instance.workflow},
                                 {"definition_version", instance.definition_version},
                                 {"state", instance.state},
                                 {"data", instance.data},
                                 {"parent_id", optional_text(instance.parent)},
                                 {"created_at", time_column(instance.created_at)},
                                 {"updated_at", time_column(instance.updated_at)}});
        }
        for (const HistoryEntry& entry : commit.history) {
            history.push_back({{"instance_id", entry.instance_id},
                               {"seq", entry.seq},
                               {"event", entry.event},
                               {"actor", entry.actor.id},
                               {"actor_role", role_name(entry.actor.role)},
                               {"payload", entry.payload},
                               {"from_state", optional_text(entry.from)},
                               {"to_state", entry.to},
                               {"definition_version", entry.definition_version},
                               {"at", time_column(entry.at)}});
        }
        for (const Timer& timer : commit.timers_scheduled) {
            timers_scheduled.push_back({{"id", timer.instance_id + "/" + timer.name},
                                        {"instance_id", timer.instance_id},
                                        {"name", timer.name},
                                        {"due_at", time_column(timer.due)},
                                        {"event", timer.event}});
        }
        for (const TimerRef& timer : commit.timers_cancelled) {
            timers_cancelled.push_back({{"instance_id", timer.instance_id}, {"name", timer.name}});
        }
        for (const Notification& notification : commit.notifications) {
            boost::json::array audience(notification.audience.begin(), notification.audience.end());
            notifications.push_back({{"id", notification.id},
                                     {"instance_id", notification.instance_id},
                                     {"template", notification.template_name},
                                     {"audience", std::move(audience)},
                                     {"payload", notification.payload},
                                     {"created_at", time_column(notification.created_at)}});
        }
        for (const PendingSignal& signal : commit.signals) {
            signals.push_back({{"id", signal.id},
                               {"target_instance_id", signal.target_instance_id},
                               {"event", signal.event.type},
                               {"actor", signal.event.actor.id},
                               {"actor_role", role_name(signal.event.actor.role)},
                               {"payload", signal.event.payload},
                               {"created_at", time_column(signal.created_at)}});
        }
        if (const auto& record = commit.idempotency) {
            idempotency_keys.push_back({{"key", record->key},
                                        {"instance_id", optional_text(record->instance_id)},
                                        {"request_hash", record->request_hash},
                                        {"response_status", record->status},
                                        {"response", json_column(record->response)},
                                        {"created_at", time_column(record->created_at)}});
        }
    }

    // In the order write_commit keeps: instances before what refers to them, the keys last. (No
    // timer is both scheduled and cancelled by one commit: the planner keeps its last effect.)
    // Whether every key was stored: a concurrent request may have stored one first.
    bool write(StatementCache& statements) const {
        write_rows<InsertInstances>(statements, instances);
        write_rows<InsertHistory>(statements, history);
        write_rows<ScheduleTimers>(statements, timers_scheduled);
        write_rows<CancelTimers>(statements, timers_cancelled);
        write_rows<InsertNotifications>(statements, notifications);
        write_rows<InsertSignals>(statements, signals);
        return check_rows<InsertIdempotencyKeys>(statements, idempotency_keys).size() == idempotency_keys.size();
    }
};

// One kind of check over the commits still standing: those it refuses are answered `refusal`
// and take no further part. False if it refused a commit an earlier check already wrote for.
template <class Kind, class Row, class Key>
bool check(StatementCache& statements, std::span<const Commit* const> batch, std::vector<CommitStatus>& answers,
           std::vector<char>& wrote, CommitStatus refusal, Row row, Key key) {
    boost::json::array rows;
    for (std::size_t i = 0; i < batch.size(); ++i) {
        if (answers[i] == CommitStatus::committed) {
            if (auto made = row(*batch[i])) rows.push_back(std::move(*made));
        }
    }
    const auto changed = check_rows<Kind>(statements, rows);
    for (std::size_t i = 0; i < batch.size(); ++i) {
        const std::string* checked = answers[i] == CommitStatus::committed ? key(*batch[i]) : nullptr;
        if (!checked) continue;
        if (changed.contains(*checked)) {
            wrote[i] = 1;
        } else if (wrote[i] != 0) {
            return false;
        } else {
            answers[i] = refusal;
        }
    }
    return true;
}

}  // namespace

bool bulk_writable(std::span<const Commit* const> batch) {
    std::unordered_set<std::string_view> seen;
    for (const Commit* commit : batch) {
        for (std::string_view id : touched_by(*commit)) {
            if (!seen.insert(id).second) return false;
        }
    }
    return true;
}

std::optional<std::vector<CommitStatus>> write_in_bulk(StatementCache& statements,
                                                       std::span<const Commit* const> batch) {
    std::vector<CommitStatus> answers(batch.size(), CommitStatus::committed);
    std::vector<char> wrote(batch.size(), 0);
    using Row = std::optional<boost::json::object>;
    const bool checked =
        check<MoveInstances>(
            statements, batch, answers, wrote, CommitStatus::version_conflict,
            [](const Commit& commit) -> Row {
                if (!commit.update) return std::nullopt;
                const InstanceUpdate& update = *commit.update;
                return boost::json::object{{"id", update.id},
                                           {"expected", update.expected_version},
                                           {"state", update.state},
                                           {"data", update.data},
                                           {"updated_at", time_column(update.updated_at)}};
            },
            [](const Commit& commit) { return commit.update ? &commit.update->id : nullptr; }) &&
        check<ConsumeTimers>(
            statements, batch, answers, wrote, CommitStatus::already_consumed,
            [](const Commit& commit) -> Row {
                if (!commit.fired_timer) return std::nullopt;
                return boost::json::object{{"instance_id", commit.fired_timer->instance_id},
                                           {"name", commit.fired_timer->name},
                                           {"refusal", optional_text(commit.refusal)}};
            },
            [](const Commit& commit) { return commit.fired_timer ? &commit.fired_timer->instance_id : nullptr; }) &&
        check<ConsumeSignals>(
            statements, batch, answers, wrote, CommitStatus::already_consumed,
            [](const Commit& commit) -> Row {
                if (!commit.consumed_signal) return std::nullopt;
                return boost::json::object{{"id", *commit.consumed_signal}, {"refusal", optional_text(commit.refusal)}};
            },
            [](const Commit& commit) { return commit.consumed_signal ? &*commit.consumed_signal : nullptr; });
    if (!checked) return std::nullopt;

    BatchRows rows;
    for (std::size_t i = 0; i < batch.size(); ++i) {
        if (answers[i] == CommitStatus::committed) rows.add(*batch[i]);
    }
    if (!rows.write(statements)) return std::nullopt;
    return answers;
}

}  // namespace seminarflow
