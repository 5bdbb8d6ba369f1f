#include "adapters/store/bulk_commit_writer.hpp"

#include <boost/json/serialize.hpp>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_set>

#include "adapters/store/column_values.hpp"
#include "adapters/store/work_announcement.hpp"

namespace seminarflow {
namespace {

// The one statement, kept prepared on its connection (statement_cache.hpp).
struct CommitBatch : StatementCache::Entry {
    std::string document, answers;
    soci::statement statement;
    CommitBatch(soci::session& session, DatabaseBackend /*backend*/)
        : statement((session.prepare << "SELECT seminarflow_commit_batch(CAST(:batch AS jsonb))",
                     soci::use(document, "batch"), soci::into(answers))) {}
};

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

// The document seminarflow_commit_batch takes: per kind of row, the rows of every commit, each
// naming its commit by its index in the batch.
class BatchDocument {
public:
    explicit BatchDocument(std::size_t size) { document_["size"] = size; }

    void add(std::size_t index, const Commit& commit) {
        if (const auto& update = commit.update) {
            add_row("moves", index,
                    {{"id", update->id},
                     {"expected", update->expected_version},
                     {"state", update->state},
                     {"data", update->data},
                     {"updated_at", time_column(update->updated_at)}});
        }
        if (const auto& timer = commit.fired_timer) {
            add_row("fired_timers", index,
                    {{"instance_id", timer->instance_id}, {"name", timer->name}, {"refusal", optional_text(commit.refusal)}});
        }
        if (const auto& signal = commit.consumed_signal) {
            add_row("consumed_signals", index, {{"id", *signal}, {"refusal", optional_text(commit.refusal)}});
        }
        for (const Instance& instance : commit.created) {
            add_row("instances", index,
                    {{"id", instance.id},
                     {"workflow", instance.workflow},
                     {"definition_version", instance.definition_version},
                     {"state", instance.state},
                     {"data", instance.data},
                     {"parent_id", optional_text(instance.parent)},
                     {"created_at", time_column(instance.created_at)},
                     {"updated_at", time_column(instance.updated_at)}});
        }
        for (const HistoryEntry& entry : commit.history) {
            add_row("history", index,
                    {{"instance_id", entry.instance_id},
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
            add_row("timers_scheduled", index,
                    {{"id", timer.instance_id + "/" + timer.name},
                     {"instance_id", timer.instance_id},
                     {"name", timer.name},
                     {"due_at", time_column(timer.due)},
                     {"event", timer.event}});
        }
        for (const TimerRef& timer : commit.timers_cancelled) {
            add_row("timers_cancelled", index, {{"instance_id", timer.instance_id}, {"name", timer.name}});
        }
        for (const Notification& notification : commit.notifications) {
            add_row("notifications", index,
                    {{"id", notification.id},
                     {"instance_id", notification.instance_id},
                     {"template", notification.template_name},
                     {"audience", boost::json::array(notification.audience.begin(), notification.audience.end())},
                     {"payload", notification.payload},
                     {"created_at", time_column(notification.created_at)}});
        }
        for (const PendingSignal& signal : commit.signals) {
            add_row("signals", index,
                    {{"id", signal.id},
                     {"target_instance_id", signal.target_instance_id},
                     {"event", signal.event.type},
                     {"actor", signal.event.actor.id},
                     {"actor_role", role_name(signal.event.actor.role)},
                     {"payload", signal.event.payload},
                     {"created_at", time_column(signal.created_at)}});
        }
        if (const auto& record = commit.idempotency) {
            add_row("idempotency_keys", index,
                    {{"key", record->key},
                     {"instance_id", optional_text(record->instance_id)},
                     {"request_hash", record->request_hash},
                     {"response_status", record->status},
                     {"response", json_column(record->response)},
                     {"created_at", time_column(record->created_at)}});
        }
        if (work_made(commit).scheduling) {
            auto& announce = document_["announce"];
            if (announce.is_null()) announce = {{"channel", work_channel}, {"commits", boost::json::array()}};
            announce.as_object()["commits"].as_array().push_back(index);
        }
    }

    std::string serialize() const { return boost::json::serialize(document_); }

private:
    void add_row(std::string_view kind, std::size_t index, boost::json::object row) {
        row["c"] = index;
        auto& rows = document_[kind];
        if (rows.is_null()) rows = boost::json::array();
        rows.as_array().push_back(std::move(row));
    }

    boost::json::object document_;
};

CommitStatus answer_of(char letter) {
    switch (letter) {
        case 'c':
            return CommitStatus::committed;
        case 'v':
            return CommitStatus::version_conflict;
        case 'a':
            return CommitStatus::already_consumed;
        default:
            throw std::logic_error(std::string("seminarflow_commit_batch answered a commit '") + letter + "'");
    }
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

std::vector<CommitStatus> write_in_bulk(StatementCache& statements, std::span<const Commit* const> batch) {
    BatchDocument document(batch.size());
    for (std::size_t i = 0; i < batch.size(); ++i) document.add(i, *batch[i]);
    auto& kept = statements.get<CommitBatch>();
    kept.document = document.serialize();
    run(kept.statement, statements.backend());
    if (kept.answers.size() != batch.size()) {
        throw std::logic_error("seminarflow_commit_batch answered " + std::to_string(kept.answers.size()) +
                               " commits of " + std::to_string(batch.size()));
    }
    std::vector<CommitStatus> answers;
    for (const char letter : kept.answers) answers.push_back(answer_of(letter));
    return answers;
}

}  // namespace seminarflow
