#pragma once
// The statements one pooled connection keeps prepared, so that a hot statement is parsed (and on
// PostgreSQL prepared by a round trip, and deallocated by another) once per connection instead of
// once per call. Internal to adapters/store (it shows SOCI).
//
// A kept statement is a type derived from StatementCache::Entry that holds a soci::statement and
// the variables its placeholders and columns are bound to: the caller fills those and runs it
// with run(). Its SQL stays next to its one use; the cache only keeps it, one per type.
//
// Lifetimes: a statement refers to its session, so the cache of a pool slot is dropped before
// its session is closed (a reconnect discards it, and the connection pool outlives the caches).
#include <memory>
#include <typeindex>
#include <typeinfo>
#include <unordered_map>

#include <soci/soci.h>

#include "adapters/store/database_url.hpp"

namespace seminarflow {

class StatementCache {
public:
    struct Entry {
        Entry() = default;
        Entry(const Entry&) = delete;
        Entry& operator=(const Entry&) = delete;
        virtual ~Entry() = default;
    };

    StatementCache(soci::session& session, DatabaseBackend backend) : session_(session), backend_(backend) {}
    StatementCache(const StatementCache&) = delete;
    StatementCache& operator=(const StatementCache&) = delete;

    soci::session& session() { return session_; }
    DatabaseBackend backend() const { return backend_; }

    // The kept S, prepared on first use by S(session, backend). Its address stays put (the
    // statement is bound to its members).
    template <class S>
    S& get() {
        auto& entry = entries_[std::type_index(typeid(S))];
        if (!entry) entry = std::make_unique<S>(session_, backend_);
        return static_cast<S&>(*entry);
    }

    // Drops every kept statement; the next get() prepares it again. Called after a kept statement
    // threw, once the transaction is usable again: SOCI 4.0's PostgreSQL backend allocates a
    // statement's parameter buffers before each execution and frees them after it, so one that
    // throws keeps them until the statement is cleaned up, and executing it again would leak them
    // (LeakSanitizer found it). Errors are rare; preparing again costs a round trip each.
    void forget_all() { entries_.clear(); }

private:
    soci::session& session_;
    DatabaseBackend backend_;
    std::unordered_map<std::type_index, std::unique_ptr<Entry>> entries_;
};

// Resets a kept SQLite statement (nothing on PostgreSQL) when it goes out of scope, error or not:
// one left stepping would keep its read snapshot past COMMIT and hold back a later BEGIN
// IMMEDIATE on its connection. For a statement whose rows are fetched one by one.
class Finishing {
public:
    Finishing(soci::statement& statement, DatabaseBackend backend) : statement_(statement), backend_(backend) {}
    Finishing(const Finishing&) = delete;
    Finishing& operator=(const Finishing&) = delete;
    ~Finishing();

private:
    soci::statement& statement_;
    DatabaseBackend backend_;
};

// Executes a kept statement with the values now in its bound variables, fetching the first row
// if it has one (true if it did), then finishes it (Finishing).
bool run(soci::statement& statement, DatabaseBackend backend);

}  // namespace seminarflow
