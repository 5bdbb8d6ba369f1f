// SociStore: claiming due timers and pending signals under a lease, and when the next timer is
// due.
//
// A claim is one statement that picks rows and leases them:
//
//   WITH picked AS MATERIALIZED (SELECT id ... ORDER BY ... LIMIT n [FOR UPDATE SKIP LOCKED])
//   UPDATE ... SET lease_owner, lease_expires_at, attempts + 1 WHERE id IN (SELECT id FROM picked)
//   RETURNING ...
//
// (timers: by address instead of id, see below).
//
// On PostgreSQL, FOR UPDATE SKIP LOCKED makes concurrent claimers pass over the rows another one
// is leasing instead of waiting for it, and a row another claimer leased and committed since this
// statement began is re-checked against the WHERE (READ COMMITTED) and so left out while its lease
// holds: claims never block each other and never return one row twice. The picked rows sit in a
// materialized CTE, computed once; as a subquery of `IN (...)` the planner may run a LIMIT ...
// SKIP LOCKED query more than once and lease more than `n` rows. On SQLite the statement runs
// inside BEGIN IMMEDIATE, which holds the one write lock from the first read.
//
// Due timers are updated by their physical address (ctid on PostgreSQL, rowid on SQLite) rather
// than looked up again by id: a claim of a thousand timers then costs a third of the time on
// PostgreSQL (EXPLAIN ANALYZE: 6-10 ms against 21), which every round of a busy node pays. The
// address is stable within the statement: the rows are locked (FOR UPDATE; the one write lock on
// SQLite) from the moment they are picked. If another transaction updated a row after this
// statement's snapshot and before it was locked (a timer moved at that instant), the locked
// version is one the UPDATE's snapshot does not see, and that timer is left for the next round:
// never claimed twice, never lost.
//
// RETURNING gives the rows in no particular order: they are sorted here.
//
// A node shutting down lets go of what it claimed and did not finish (release_leases): the rows
// are pending again at once, for whichever node claims next, rather than once the lease runs out.
//
// Every value bound with soci::use is a named local (see commit_writer.cpp).
#include <tuple>

#include "adapters/store/column_values.hpp"
#include "adapters/store/soci_store_impl.hpp"
#include "adapters/store/transaction.hpp"

namespace seminarflow {
namespace {

const char* skip_locked(DatabaseBackend backend) {
    return backend == DatabaseBackend::postgresql ? " FOR UPDATE SKIP LOCKED" : "";
}

// The column that addresses a row where it is stored, and the UPDATE's condition on the picked ones.
const char* row_address(DatabaseBackend backend) { return backend == DatabaseBackend::postgresql ? "ctid" : "rowid"; }
const char* picked_rows(DatabaseBackend backend) {
    // = ANY(ARRAY(...)) is what PostgreSQL plans as a TID scan; IN (...) would join.
    return backend == DatabaseBackend::postgresql ? " WHERE ctid = ANY(ARRAY(SELECT ctid FROM picked))"
                                                  : " WHERE rowid IN (SELECT rowid FROM picked)";
}

// Beyond what a signed 64-bit LIMIT holds is "all of them" anyway.
long long row_limit(std::size_t limit) {
    return static_cast<long long>(std::min<std::size_t>(limit, LLONG_MAX));
}

// BEGIN IMMEDIATE on SQLite (a deferred transaction that reads and then writes can fail at once
// when another writer committed in between); on PostgreSQL the one statement is its own
// transaction.
void begin_claim(std::optional<Transaction>& transaction, soci::session& session, DatabaseBackend backend) {
    if (backend == DatabaseBackend::sqlite) transaction.emplace(session, backend);
}

}  // namespace

Result<std::vector<Timer>, StoreError> SociStore::claim_due_timers(const std::string& owner, Time now,
                                                                   Time lease_until, std::size_t limit) {
    using Timers = std::vector<Timer>;
    if (limit == 0) return Timers{};
    const DatabaseBackend backend = impl_->url_.backend;
    return impl_->with_connection<Timers>("claim_due_timers", [&](soci::session& session) -> Result<Timers, StoreError> {
        std::optional<Transaction> transaction;
        begin_claim(transaction, session, backend);
        const std::string now_text = time_column(now);
        const std::string lease_text = time_column(lease_until);
        const long long most = row_limit(limit);
        std::string instance_id, name, due_at, event;
        soci::statement rows =
            (session.prepare << std::string("WITH picked AS MATERIALIZED (SELECT ") + row_address(backend) +
                                    " FROM timers WHERE state = 'pending' AND due_at <= :now"
                                    " AND (lease_expires_at IS NULL OR lease_expires_at < :now_again)"
                                    " ORDER BY due_at, id LIMIT :limit" +
                                    skip_locked(backend) +
                                    ") UPDATE timers SET lease_owner = :owner, lease_expires_at = :lease_until,"
                                    " attempts = attempts + 1" +
                                    picked_rows(backend) + " RETURNING instance_id, name, " +
                                    select_time(backend, "due_at") + ", event",
             soci::into(instance_id), soci::into(name), soci::into(due_at), soci::into(event), soci::use(now_text),
             soci::use(now_text), soci::use(most), soci::use(owner), soci::use(lease_text));
        rows.execute();
        Timers timers;
        // Every row is read before COMMIT: SQLite refuses to commit under a statement in progress.
        while (rows.fetch()) {
            auto due = read_time(due_at, "timer due_at");
            if (!due) return fail(std::move(due).error());
            timers.push_back({instance_id, name, *due, event});
        }
        rows.clean_up();
        if (transaction) transaction->commit();
        std::sort(timers.begin(), timers.end(), [](const Timer& a, const Timer& b) {
            return std::tie(a.due, a.instance_id, a.name) < std::tie(b.due, b.instance_id, b.name);
        });
        return timers;
    });
}

Result<std::vector<PendingSignal>, StoreError> SociStore::claim_signals(const std::string& owner, Time now,
                                                                        Time lease_until, std::size_t limit) {
    using Signals = std::vector<PendingSignal>;
    if (limit == 0) return Signals{};
    const DatabaseBackend backend = impl_->url_.backend;
    return impl_->with_connection<Signals>("claim_signals", [&](soci::session& session) -> Result<Signals, StoreError> {
        std::optional<Transaction> transaction;
        begin_claim(transaction, session, backend);
        const std::string now_text = time_column(now);
        const std::string lease_text = time_column(lease_until);
        const long long most = row_limit(limit);
        std::string id, target, event, actor, role, payload, created_at;
        soci::statement rows =
            (session.prepare << std::string("WITH picked AS MATERIALIZED (SELECT id FROM signals"
                                            " WHERE state = 'pending'"
                                            " AND (lease_expires_at IS NULL OR lease_expires_at < :now)"
                                            " ORDER BY created_at, id LIMIT :limit") +
                                    skip_locked(backend) +
                                    ") UPDATE signals SET lease_owner = :owner, lease_expires_at = :lease_until,"
                                    " attempts = attempts + 1 WHERE id IN (SELECT id FROM picked)"
                                    " RETURNING id, target_instance_id, event, actor, actor_role, " +
                                    select_json("payload") + ", " + select_time(backend, "created_at"),
             soci::into(id), soci::into(target), soci::into(event), soci::into(actor), soci::into(role),
             soci::into(payload), soci::into(created_at), soci::use(now_text), soci::use(most), soci::use(owner),
             soci::use(lease_text));
        rows.execute();
        Signals signals;
        while (rows.fetch()) {
            auto parsed_role = read_role(role, "signal actor_role");
            auto parsed_payload = read_object(payload, "signal payload");
            auto parsed_created = read_time(created_at, "signal created_at");
            if (!parsed_role) return fail(std::move(parsed_role).error());
            if (!parsed_payload) return fail(std::move(parsed_payload).error());
            if (!parsed_created) return fail(std::move(parsed_created).error());
            signals.push_back({.id = id,
                               .target_instance_id = target,
                               .event = {event, std::move(parsed_payload).value(), {actor, *parsed_role}},
                               .created_at = *parsed_created});
        }
        rows.clean_up();
        if (transaction) transaction->commit();
        std::sort(signals.begin(), signals.end(), [](const PendingSignal& a, const PendingSignal& b) {
            return std::tie(a.created_at, a.id) < std::tie(b.created_at, b.id);
        });
        return signals;
    });
}

Result<std::size_t, StoreError> SociStore::release_leases(const std::string& owner) {
    const DatabaseBackend backend = impl_->url_.backend;
    return impl_->with_connection<std::size_t>(
        "release_leases", [&](soci::session& session) -> Result<std::size_t, StoreError> {
            // A finished row carries no lease (its commit cleared it); the state test keeps to the
            // pending rows all the same, which is what the partial indexes cover.
            static constexpr const char* releases[] = {
                "UPDATE timers SET lease_owner = NULL, lease_expires_at = NULL"
                " WHERE state = 'pending' AND lease_owner = :owner",
                "UPDATE signals SET lease_owner = NULL, lease_expires_at = NULL"
                " WHERE state = 'pending' AND lease_owner = :owner",
                "UPDATE outbox SET lease_owner = NULL, lease_expires_at = NULL"
                " WHERE status = 'pending' AND lease_owner = :owner",
                "UPDATE deliveries SET lease_owner = NULL, lease_expires_at = NULL"
                " WHERE status = 'pending' AND lease_owner = :owner",
            };
            Transaction transaction(session, backend);
            std::size_t released = 0;
            for (const char* sql : releases) {
                soci::statement update = (session.prepare << sql, soci::use(owner));
                update.execute(true);
                released += static_cast<std::size_t>(update.get_affected_rows());
            }
            transaction.commit();
            return released;
        });
}

Result<std::optional<Time>, StoreError> SociStore::next_timer_due() {
    using Due = std::optional<Time>;
    const DatabaseBackend backend = impl_->url_.backend;
    return impl_->with_connection<Due>("next_timer_due", [&](soci::session& session) -> Result<Due, StoreError> {
        // ORDER BY ... LIMIT 1 rather than min(): both backends read it off the pending index.
        return select_earliest(session,
                               "SELECT " + select_time(backend, "due_at") +
                                   " FROM timers WHERE state = 'pending' ORDER BY due_at LIMIT 1",
                               "timer due_at");
    });
}

Result<std::optional<Time>, StoreError> select_earliest(soci::session& session, const std::string& sql,
                                                        std::string_view what) {
    std::string text;
    session << sql, soci::into(text);
    if (!session.got_data()) return std::optional<Time>{};
    auto time = read_time(text, what);
    if (!time) return fail(std::move(time).error());
    return std::optional<Time>{*time};
}

}  // namespace seminarflow
