#include "adapters/store/statement_cache.hpp"

#include <soci/sqlite3/soci-sqlite3.h>

namespace seminarflow {

Finishing::~Finishing() {
    if (backend_ != DatabaseBackend::sqlite) return;
    // SOCI resets before each execute, but not after: this ends the statement now (SOCI's own
    // reset() is not exported). The result repeats the last step's error, which execute() or
    // fetch() has already thrown.
    auto* sqlite = static_cast<soci::sqlite3_statement_backend*>(statement_.get_backend());
    if (sqlite != nullptr && sqlite->stmt_ != nullptr) sqlite_api::sqlite3_reset(sqlite->stmt_);
}

bool run(soci::statement& statement, DatabaseBackend backend) {
    const Finishing finishing(statement, backend);
    return statement.execute(true);
}

}  // namespace seminarflow
