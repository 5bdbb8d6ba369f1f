#include "adapters/store/transaction.hpp"

#include <soci/soci.h>

namespace seminarflow {
namespace {

const char* begin_statement(DatabaseBackend backend, TransactionKind kind) {
    if (backend == DatabaseBackend::sqlite) {
        // A deferred BEGIN reads from one snapshot (WAL) and never waits for the writer.
        return kind == TransactionKind::write ? "BEGIN IMMEDIATE" : "BEGIN";
    }
    return kind == TransactionKind::write ? "BEGIN ISOLATION LEVEL READ COMMITTED"
                                          : "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";
}

}  // namespace

Transaction::Transaction(soci::session& session, DatabaseBackend backend, TransactionKind kind) : session_(session) {
    session_ << begin_statement(backend, kind);
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
