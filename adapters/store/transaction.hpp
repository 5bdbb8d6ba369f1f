#pragma once
// A transaction on one pooled connection, rolled back unless committed: an early return (a
// refusal such as a version conflict) and an exception (a constraint broken half way) both leave
// nothing written. Internal to adapters/store.
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
    soci::session& session_;
    bool open_ = true;
};

}  // namespace seminarflow
