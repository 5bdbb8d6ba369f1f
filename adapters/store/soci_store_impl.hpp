#pragma once
// SociStore's implementation as its source files share it: the connection pool and the one way
// every call gets a connection. Internal to adapters/store (it shows SOCI).
#include <algorithm>
#include <climits>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <soci/connection-pool.h>
#include <soci/soci.h>

#include "adapters/store/connection.hpp"
#include "adapters/store/group_committer.hpp"
#include "adapters/store/soci_store.hpp"
#include "adapters/store/statement_cache.hpp"

namespace seminarflow {

// SOCI opens every connection error with this sentence; ours already says as much.
inline std::string connection_error(std::string_view message) {
    constexpr std::string_view prefix = "Cannot establish connection to the database.";
    if (message.starts_with(prefix)) message.remove_prefix(prefix.size());
    return one_line(message);
}

// The time in the first row `sql` selects (one column, as select_time() writes it), or nothing
// if it selects none: when the earliest pending timer or delivery is due. `what` names the
// column in an error.
Result<std::optional<Time>, StoreError> select_earliest(soci::session& session, const std::string& sql,
                                                        std::string_view what);

struct SociStore::Impl {
    Impl(DatabaseUrl url, SociStoreOptions options, std::vector<Migration> migrations)
        : url_(std::move(url)),
          options_(options),
          migrations_(std::move(migrations)),
          pool_(options_.pool_size),
          opened_(options_.pool_size, 0),
          statements_(options_.pool_size),
          committer_([this](std::span<QueuedCommit* const> batch) { run_commit_batch(batch); }, options_.max_batch,
                     options_.hold_first_batch_until) {}

    // Runs `work` on a pooled connection, opened first if it is not. Its refusals and SOCI's
    // exceptions come back as values that say what was tried, on which database (password
    // redacted), and why. `work` takes the session, or the session and the statements its
    // connection keeps prepared (statement_cache.hpp).
    template <class T, class Work>
    Result<T, StoreError> with_connection(std::string_view what, Work&& work);

    // commit_writer.cpp: runs one group commit batch in one transaction and answers each commit,
    // on PostgreSQL in bulk where it can (bulk_commit_writer.hpp), otherwise one commit at a time,
    // each in its own savepoint.
    void run_commit_batch(std::span<QueuedCommit* const> batch);
    bool write_batch_in_bulk(std::span<QueuedCommit* const> batch);  // false: nothing written
    void write_batch_with_savepoints(std::span<QueuedCommit* const> batch);

    DatabaseUrl url_;
    SociStoreOptions options_;
    std::vector<Migration> migrations_;
    soci::connection_pool pool_;
    // Per pool slot: its session is open and set up. Only the slot's current holder touches its
    // element, and char (not vector<bool>, whose elements share bytes) keeps that race-free.
    std::vector<char> opened_;
    // Per pool slot: the statements its open session keeps prepared, made when it is opened and
    // dropped before it is closed. After pool_, so that they go before the sessions they use.
    std::vector<std::unique_ptr<StatementCache>> statements_;
    // Last: its runner uses the members above.
    GroupCommitter committer_;
};

template <class T, class Work>
Result<T, StoreError> SociStore::Impl::with_connection(std::string_view what, Work&& work) {
    const auto failure = [&](std::string detail) {
        return fail(StoreError{std::string(what) + " on " + url_.redacted() + ": " + detail});
    };
    std::size_t slot = 0;
    const auto wait_ms = static_cast<int>(std::min<long long>(options_.lease_timeout.count(), INT_MAX));
    if (!pool_.try_lease(slot, wait_ms)) {
        return failure("all " + std::to_string(options_.pool_size) + " connections stayed busy for " +
                       std::to_string(wait_ms) + " ms");
    }
    struct Lease {
        soci::connection_pool& pool;
        std::size_t slot;
        ~Lease() { pool.give_back(slot); }
    } lease{pool_, slot};
    soci::session& session = pool_.at(slot);

    if (opened_[slot] == 0) {
        try {
            statements_[slot].reset();  // before the session they refer to
            session.close();            // what a failed set-up left half open
            open_connection(session, url_, ConnectionSettings{options_.busy_timeout});
            statements_[slot] = std::make_unique<StatementCache>(session, url_.backend);
            opened_[slot] = 1;
        } catch (const soci::soci_error& error) {
            return failure("cannot connect: " + connection_error(error.what()));
        }
    }
    try {
        Result<T, StoreError> result = [&]() -> Result<T, StoreError> {
            if constexpr (std::is_invocable_v<Work&, soci::session&, StatementCache&>) {
                return work(session, *statements_[slot]);
            } else {
                return work(session);
            }
        }();
        if (!result) return failure(std::move(result).error().message);
        return result;
    } catch (const soci::soci_error& error) {
        // A dropped connection fails every later call too: open it again next time. On one that
        // is still there, the statement that threw is dropped with the others (forget_all).
        if (!session.is_connected()) {
            statements_[slot].reset();
            session.close();
            opened_[slot] = 0;
        } else {
            statements_[slot]->forget_all();
        }
        return failure(one_line(error.what()));
    }
}

}  // namespace seminarflow
