#pragma once
// A transaction on one pooled connection, rolled back unless committed: an early return (a
// refusal such as a version conflict) and an exception (a constraint broken half way) both leave
// nothing written. Internal to adapters/store.
#include "adapters/store/database_url.hpp"

namespace soci {
class session;
}

namespace seminarflow {

enum class TransactionKind {
    // SQLite: BEGIN IMMEDIATE takes the one write lock at once (waiting up to busy_timeout), so a
    // read inside cannot be invalidated by another writer before we write. PostgreSQL: READ
    // COMMITTED; its writes are conditional UPDATEs, which wait for a concurrent writer of the
    // row and re-check their condition against what it committed.
    write,
    // One snapshot for several SELECTs (an instance with its children and its parent's data).
    read,
};

class Transaction {
public:
    // Throws soci::soci_error if the transaction cannot begin.
    Transaction(soci::session& session, DatabaseBackend backend, TransactionKind kind);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    void commit();  // throws soci::soci_error; the transaction is over either way

private:
    soci::session& session_;
    bool open_ = true;
};

}  // namespace seminarflow
