#pragma once
// One PostgreSQL connection that LISTENs on the work channel (work_announcement.hpp), apart from
// the store's pool: a pooled connection runs transactions and may be closed or leased at any
// time, while this one must stay idle and open to hear notifications. Only libpq here; waiting on
// its socket is the caller's (postgresql_work_listener.cpp). Internal to adapters/store.
#include <cstddef>
#include <memory>

#include "adapters/store/database_url.hpp"
#include "engine/model/result.hpp"
#include "engine/ports/store.hpp"

namespace seminarflow {

class ListeningConnection {
public:
    // Connects to `url` (a PostgreSQL one) and LISTENs. Blocks: run it off the I/O threads.
    static Result<std::unique_ptr<ListeningConnection>, StoreError> open(const DatabaseUrl& url);
    ~ListeningConnection();  // closes it: libpq sends one short message and does not wait
    ListeningConnection(const ListeningConnection&) = delete;
    ListeningConnection& operator=(const ListeningConnection&) = delete;

    // The connection's socket, to wait on until it is readable. libpq owns it and closes it.
    int socket() const;
    // The server process serving this connection (what pg_terminate_backend takes).
    int backend_pid() const;

    // Reads what the server sent, without blocking, and takes the notifications it holds: how
    // many (a burst may be several), or why the connection is lost.
    Result<std::size_t, StoreError> take_notifications();

private:
    struct Impl;
    explicit ListeningConnection(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace seminarflow
