#pragma once
// Versioned schema migrations: the files migrations/<backend>/NNNN_name.sql, compiled into the
// binary, and the rule that says which one comes next. Pure: the SQL runs in migrator.cpp.
#include <span>
#include <string>
#include <vector>

#include "adapters/store/database_url.hpp"
#include "embedded/embedded_file.hpp"
#include "engine/model/result.hpp"
#include "engine/ports/store.hpp"

namespace seminarflow {

struct Migration {
    int version = 0;   // NNNN: 1, 2, 3 ... with no gaps
    std::string name;  // what follows NNNN_, without .sql
    std::string sql;   // run in one transaction, which also records the version
};

// A row of schema_migrations.
struct AppliedMigration {
    int version = 0;
    std::string name;
};

// The migrations for `backend` among `files`, whose names are "<backend>/NNNN_name.sql" (the
// folder is to_string(backend)); files of other backends are skipped. Refuses a misnamed or empty
// file, two files with one version, and gaps: two engineers adding a 0002 each must notice.
Result<std::vector<Migration>, StoreError> select_migrations(std::span<const EmbeddedFile> files,
                                                             DatabaseBackend backend);

// The migrations compiled into this binary for `backend`.
Result<std::vector<Migration>, StoreError> builtin_migrations(DatabaseBackend backend);

// Which of `known` to apply next, given what the database holds: an index into `known`, equal to
// known.size() when the schema is up to date. Refuses a database this binary does not understand:
// one migrated by a newer binary, or whose version N is another change than this binary's N.
Result<std::size_t, StoreError> next_migration(std::span<const AppliedMigration> applied,
                                               std::span<const Migration> known);

// "0001_initial": how a migration is named in messages.
std::string migration_label(int version, std::string_view name);

}  // namespace seminarflow
