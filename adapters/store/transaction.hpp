#pragma once
// A transaction on one pooled connection, rolled back unless committed: an early return (a
// refusal such as a version conflict) and an exception (a constraint broken half way) both leave
// nothing written. Internal to adapters/store.
//
// On SQLite the writers of one database file in this process take turns on a mutex of that file's
// before BEGIN IMMEDIATE. SQLite's own wait for its write lock (busy_timeout) sleeps and looks
// again, 1, 2, 5 ... up to 100 ms between looks, instead of being woken when the lock is free: the
// group commit, the scheduler and the dispatcher's claims and settlements, each on a connection of
// one pool, slept through most of their waits (the webhook benchmark spent a third of its time in
// those sleeps). A mutex wakes the next writer as the last one ends. Other processes (the CLI's
// commands) still meet SQLite's own wait.
#include <mutex>

#include "adapters/store/database_url.hpp"

namespace soci {
class session;
}

namespace seminarflow {

class Transaction {
public:
    // Throws soci::soci_error if the transaction cannot begin.
    Transaction(soci::session& session, DatabaseBackend backend);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    void commit();  // throws soci::soci_error; the transaction is over either way

private:
    std::unique_lock<std::mutex> writer_;  // SQLite: this file's turn, held until the transaction ends
    soci::session& session_;
    bool open_ = true;
};

}  // namespace seminarflow
