#include "adapters/store/migrator.hpp"

#include <soci/soci.h>

#include "adapters/store/connection.hpp"

namespace seminarflow {
namespace {

// Made before any migration can run, so it is not a migration itself.
constexpr std::string_view sqlite_migrations_table = R"sql(
CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER NOT NULL PRIMARY KEY,
    name       TEXT    NOT NULL,
    applied_at TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT)sql";

constexpr std::string_view postgresql_migrations_table = R"sql(
CREATE TABLE IF NOT EXISTS schema_migrations (
    version    integer     NOT NULL PRIMARY KEY,
    name       text        NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
))sql";

// READ COMMITTED whatever the server's default: each statement then sees what committed before
// it, so once the lock is ours we see the migrations its previous holder recorded. Under
// REPEATABLE READ the snapshot would date from the lock request, before them.
// The lock key is any constant other programs on this database do not use: "seminarf" in ASCII.
// client_min_messages hides "relation already exists, skipping" and the like from stderr.
constexpr std::string_view postgresql_begin =
    "BEGIN ISOLATION LEVEL READ COMMITTED;"
    "SET LOCAL client_min_messages = warning;"
    "SELECT pg_advisory_xact_lock(8315172586600362598)";

// IMMEDIATE takes SQLite's write lock at once (waiting up to busy_timeout for it). A plain BEGIN
// would read first and then fail, without waiting, to upgrade to writing if another migrator
// wrote in between.
constexpr std::string_view sqlite_begin = "BEGIN IMMEDIATE";

// A transaction holding the migration lock; rolled back unless committed. The lock goes with it.
class MigrationTransaction {
public:
    MigrationTransaction(soci::session& session, DatabaseBackend backend) : session_(session), backend_(backend) {
        execute_script(session_, backend_, backend_ == DatabaseBackend::sqlite ? sqlite_begin : postgresql_begin);
    }
    ~MigrationTransaction() {
        if (!open_) return;
        try {
            execute_script(session_, backend_, "ROLLBACK");
        } catch (...) {
            // The connection is gone, and the transaction with it.
        }
    }
    MigrationTransaction(const MigrationTransaction&) = delete;
    MigrationTransaction& operator=(const MigrationTransaction&) = delete;

    void commit() {
        execute_script(session_, backend_, "COMMIT");
        open_ = false;
    }

private:
    soci::session& session_;
    DatabaseBackend backend_;
    bool open_ = true;
};

bool migrations_table_exists(soci::session& session, DatabaseBackend backend) {
    long long count = 0;
    if (backend == DatabaseBackend::sqlite) {
        session << "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'",
            soci::into(count);
    } else {
        session << "SELECT count(*) FROM pg_catalog.pg_tables"
                   " WHERE schemaname = current_schema() AND tablename = 'schema_migrations'",
            soci::into(count);
    }
    return count > 0;
}

}  // namespace

std::vector<AppliedMigration> read_applied_migrations(soci::session& session, DatabaseBackend backend) {
    std::vector<AppliedMigration> applied;
    if (!migrations_table_exists(session, backend)) return applied;
    int version = 0;
    std::string name;
    soci::statement rows = (session.prepare << "SELECT version, name FROM schema_migrations ORDER BY version",
                            soci::into(version), soci::into(name));
    rows.execute();
    while (rows.fetch()) applied.push_back({version, name});
    return applied;
}

Result<MigrationReport, StoreError> run_migrations(soci::session& session, DatabaseBackend backend,
                                                   std::span<const Migration> known) {
    MigrationReport report;
    report.status.latest_version = known.empty() ? 0 : known.back().version;
    // One migration per transaction, and what is applied is read again under the lock each time:
    // another process may have applied the next one while we waited.
    while (true) {
        MigrationTransaction transaction(session, backend);
        execute_script(session, backend,
                       backend == DatabaseBackend::sqlite ? sqlite_migrations_table : postgresql_migrations_table);
        const std::vector<AppliedMigration> applied = read_applied_migrations(session, backend);
        const auto next = next_migration(applied, known);
        if (!next) return fail(next.error());
        report.status.current_version = applied.empty() ? 0 : applied.back().version;
        if (next.value() == known.size()) {
            transaction.commit();
            return report;
        }
        const Migration& migration = known[next.value()];
        try {
            execute_script(session, backend, migration.sql);
        } catch (const soci::soci_error& error) {
            return fail(StoreError{"migration " + migration_label(migration.version, migration.name) +
                                   " failed and was rolled back: " + one_line(error.what())});
        }
        session << "INSERT INTO schema_migrations (version, name) VALUES (:version, :name)",
            soci::use(migration.version), soci::use(migration.name);
        transaction.commit();
        report.applied.push_back(migration.version);
    }
}

}  // namespace seminarflow
