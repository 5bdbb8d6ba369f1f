// SociStore: what an instance tree came to (GET /v1/instances/{id}/summary). Four statements
// whatever the tree's size: the instance, its children and grandchildren counted by workflow and
// state, the approved rewards totalled per recipient, the participants counted by role and RSVP.
// Each walks instances_by_parent from the root, so a summary costs its own tree and no more.
#include "adapters/store/soci_store_impl.hpp"

namespace seminarflow {
namespace {

// A member of an instance's JSON data, as text or as a whole number, in each backend's dialect.
std::string data_text(DatabaseBackend backend, std::string_view key) {
    if (backend == DatabaseBackend::sqlite) return "json_extract(data, '$." + std::string(key) + "')";
    return "(data ->> '" + std::string(key) + "')";
}

std::string data_amount(DatabaseBackend backend, std::string_view key) {
    return "COALESCE(CAST(" + data_text(backend, key) + " AS BIGINT), 0)";
}

// The ids of the root's children, for the statements that reach its grandchildren. Two named
// placeholders for one value: a name used twice is not bound alike by every SOCI backend.
constexpr std::string_view children_of_root = "SELECT id FROM instances WHERE parent_id = :root_again";

std::string tree_counts_sql() {
    return "SELECT 1, workflow, state, COUNT(*) FROM instances WHERE parent_id = :root GROUP BY workflow, state "
           "UNION ALL "
           "SELECT 2, workflow, state, COUNT(*) FROM instances WHERE parent_id IN (" +
           std::string(children_of_root) + ") GROUP BY workflow, state";
}

// Approved, issued and published rewards anywhere under the root; the amount issued counts those
// issued or published, and what was paid is what the issue recorded. Recipients in byte order on
// both backends (PostgreSQL would otherwise sort by the database's collation).
std::string rewards_sql(DatabaseBackend backend) {
    const std::string issued = "CASE WHEN state IN ('issued', 'published') THEN " +
                               data_amount(backend, "amount_vnd") + " ELSE 0 END";
    return "SELECT " + data_text(backend, "recipient") + ", " + data_text(backend, "recipient_kind") +
           ", COUNT(*), CAST(SUM(" + data_amount(backend, "amount_vnd") + ") AS BIGINT), CAST(SUM(" + issued +
           ") AS BIGINT), CAST(SUM(" + data_amount(backend, "paid_vnd") + ") AS BIGINT) FROM instances "
           "WHERE workflow = 'reward' AND state IN ('approved', 'issued', 'published') "
           "AND (parent_id = :root OR parent_id IN (" + std::string(children_of_root) + ")) "
           "GROUP BY 1, 2 ORDER BY " + data_text(backend, "recipient") +
           (backend == DatabaseBackend::postgresql ? " COLLATE \"C\"" : "") + ", 2";
}

// The root's own participants and its seminars' and contests' (a programme's people are those
// of its events, not of every tham luận).
std::string participants_sql() {
    return "SELECT role, rsvp, COUNT(*) FROM participants WHERE instance_id = :root OR instance_id IN "
           "(SELECT id FROM instances WHERE parent_id = :root_again AND workflow IN ('seminar', 'contest')) "
           "GROUP BY role, rsvp ORDER BY role, rsvp";
}

void count_tree(soci::session& session, std::string id, InstanceSummary& summary) {
    int depth = 0;
    std::string workflow, state;
    long long count = 0;
    std::string again = id;
    soci::statement statement = (session.prepare << tree_counts_sql(), soci::into(depth), soci::into(workflow),
                                 soci::into(state), soci::into(count), soci::use(id, "root"),
                                 soci::use(again, "root_again"));
    statement.execute(false);
    while (statement.fetch()) {
        auto& level = depth == 1 ? summary.children : summary.grandchildren;
        level[workflow][state] += count;
    }
}

void total_rewards(soci::session& session, DatabaseBackend backend, std::string id, InstanceSummary& summary) {
    RecipientRewards row;
    long long count = 0, approved = 0, issued = 0, paid = 0;
    std::string again = id;
    soci::statement statement =
        (session.prepare << rewards_sql(backend), soci::into(row.recipient), soci::into(row.recipient_kind),
         soci::into(count), soci::into(approved), soci::into(issued), soci::into(paid), soci::use(id, "root"),
         soci::use(again, "root_again"));
    statement.execute(false);
    while (statement.fetch()) {
        row.count = count;
        row.approved_vnd = approved;
        row.issued_vnd = issued;
        row.paid_vnd = paid;
        summary.rewards.push_back(row);
    }
}

Result<Done, StoreError> count_participants(soci::session& session, std::string id, InstanceSummary& summary) {
    std::string role, rsvp;
    long long count = 0;
    std::string again = id;
    soci::statement statement = (session.prepare << participants_sql(), soci::into(role), soci::into(rsvp),
                                 soci::into(count), soci::use(id, "root"), soci::use(again, "root_again"));
    statement.execute(false);
    while (statement.fetch()) {
        const auto parsed = parse_rsvp(rsvp);
        if (!parsed) return fail(StoreError{"a participant's rsvp is '" + rsvp + "', which is no RSVP"});
        summary.participants.push_back(ParticipantCount{role, *parsed, count});
    }
    return Done{};
}

}  // namespace

Result<std::optional<InstanceSummary>, StoreError> SociStore::summarise_instance(std::string_view id) {
    const DatabaseBackend backend = impl_->url_.backend;
    return impl_->with_connection<std::optional<InstanceSummary>>(
        "summarise_instance", [&](soci::session& session) -> Result<std::optional<InstanceSummary>, StoreError> {
            InstanceSummary summary;
            summary.instance_id = std::string(id);
            soci::indicator found = soci::i_null;
            session << "SELECT workflow, state FROM instances WHERE id = :id", soci::into(summary.workflow, found),
                soci::into(summary.state), soci::use(summary.instance_id, "id");
            if (!session.got_data()) return std::optional<InstanceSummary>{};
            // One snapshot for the four reads would need a transaction the counts do not: each
            // is true of its own moment, as a page of a listing is.
            count_tree(session, summary.instance_id, summary);
            total_rewards(session, backend, summary.instance_id, summary);
            auto counted = count_participants(session, summary.instance_id, summary);
            if (!counted) return fail(std::move(counted).error());
            return std::optional<InstanceSummary>(std::move(summary));
        });
}

}  // namespace seminarflow
