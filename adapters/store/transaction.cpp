#include "adapters/store/transaction.hpp"

#include <map>
#include <memory>
#include <string>

#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

namespace seminarflow {
namespace {

// SQLite: BEGIN IMMEDIATE takes the one write lock at once (waiting up to busy_timeout), so a
// read inside cannot be invalidated by another writer before we write. PostgreSQL: READ
// COMMITTED; its writes are conditional UPDATEs, which wait for a concurrent writer of the row
// and re-check their condition against what it committed.
const char* begin_statement(DatabaseBackend backend) {
    return backend == DatabaseBackend::sqlite ? "BEGIN IMMEDIATE" : "BEGIN ISOLATION LEVEL READ COMMITTED";
}

// The mutex of the SQLite database the session is connected to (transaction.hpp), by its file's
// path ("" for an in-memory database). Kept for the life of the process: there is one per file.
std::unique_lock<std::mutex> sqlite_writer_turn(soci::session& session) {
    static std::mutex guard;
    static std::map<std::string, std::unique_ptr<std::mutex>, std::less<>> by_file;
    auto* backend = static_cast<soci::sqlite3_session_backend*>(session.get_backend());
    const char* file = sqlite_api::sqlite3_db_filename(backend->conn_, "main");
    std::mutex* writer = nullptr;
    {
        const std::lock_guard lock(guard);
        auto& slot = by_file[file ? file : ""];
        if (!slot) slot = std::make_unique<std::mutex>();
        writer = slot.get();
    }
    return std::unique_lock(*writer);
}

}  // namespace

Transaction::Transaction(soci::session& session, DatabaseBackend backend)
    : writer_(backend == DatabaseBackend::sqlite ? sqlite_writer_turn(session) : std::unique_lock<std::mutex>()),
      session_(session) {
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
