#pragma once
// Applies migrations to one connection, safely when several processes try at once. Internal to
// adapters/store (it shows SOCI); SociStore gives it a pooled connection.
#include <span>
#include <vector>

#include "adapters/store/migration.hpp"

namespace soci {
class session;
}

namespace seminarflow {

// Applies the pending migrations of `known`, in order, each in its own transaction that also
// records it in schema_migrations. Every transaction first takes the migration lock (PostgreSQL:
// a transaction-scoped advisory lock; SQLite: BEGIN IMMEDIATE, its one write lock) and only then
// reads what is applied, so concurrent migrators queue and each migration runs exactly once.
// Refusals (a newer or foreign schema, a failing migration) come back as values, with nothing
// of the failing migration left behind; connection errors throw soci::soci_error.
Result<MigrationReport, StoreError> run_migrations(soci::session& session, DatabaseBackend backend,
                                                   std::span<const Migration> known);

// The rows of schema_migrations in version order; none when the table does not exist yet.
// Throws soci::soci_error.
std::vector<AppliedMigration> read_applied_migrations(soci::session& session, DatabaseBackend backend);

}  // namespace seminarflow
