#include "adapters/store/transaction.hpp"

#include <soci/soci.h>

namespace seminarflow {
namespace {

// SQLite: BEGIN IMMEDIATE takes the one write lock at once (waiting up to busy_timeout), so a
// read inside cannot be invalidated by another writer before we write. PostgreSQL: READ
// COMMITTED; its writes are conditional UPDATEs, which wait for a concurrent writer of the row
// and re-check their condition against what it committed.
const char* begin_statement(DatabaseBackend backend) {
    return backend == DatabaseBackend::sqlite ? "BEGIN IMMEDIATE" : "BEGIN ISOLATION LEVEL READ COMMITTED";
}

}  // namespace

Transaction::Transaction(soci::session& session, DatabaseBackend backend) : session_(session) {
    session_ << begin_statement(backend);
}

Transaction::~Transaction() {
    if (!open_) return;
    try {
        session_ << "ROLLBACK";
    } catch (const soci::soci_error&) {
        // The connection is gone, and the transaction with it.
    }
}

void Transaction::commit() {
    // A COMMIT that fails leaves open_ set: the destructor rolls back whatever it left (SQLite
    // can keep the transaction open after a failed COMMIT; PostgreSQL only warns).
    session_ << "COMMIT";
    open_ = false;
}

}  // namespace seminarflow
