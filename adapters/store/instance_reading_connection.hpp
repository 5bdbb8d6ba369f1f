#pragma once
// One PostgreSQL connection apart from the store's pool that reads instances as the API shows
// them (find_instance's columns), many ids in one statement, without ever blocking: the caller
// waits on its socket (postgresql_instance_reader.cpp). Only libpq here. Internal to
// adapters/store.
#include <cstddef>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "adapters/store/database_url.hpp"
#include "adapters/store/instance_rows.hpp"
#include "engine/model/result.hpp"
#include "engine/ports/store.hpp"

namespace seminarflow {

class InstanceReadingConnection {
public:
    // Connects to `url` (a PostgreSQL one) and prepares the statement. Blocks: run it off the
    // I/O threads.
    static Result<std::unique_ptr<InstanceReadingConnection>, StoreError> open(const DatabaseUrl& url);
    ~InstanceReadingConnection();  // closes it: libpq sends one short message and does not wait
    InstanceReadingConnection(const InstanceReadingConnection&) = delete;
    InstanceReadingConnection& operator=(const InstanceReadingConnection&) = delete;

    // The connection's socket, to wait on. libpq owns it and closes it.
    int socket() const;
    // The server process serving this connection (what pg_terminate_backend takes).
    int backend_pid() const;
    // Whether it can take the next read: still open, with no read left under way. After a read
    // the server refused, it can; after one lost or given up half way, it cannot.
    bool ready() const;

    // Starts reading the instances `ids`, each well-formed UTF-8 without a NUL (anything else is
    // no instance's id, and would fail the whole statement), without waiting for the answer. At
    // most one read is under way at a time: send the next once take_rows() has answered.
    Result<Done, StoreError> send(std::span<const std::string> ids);
    // Writes what send() could not write at once. True once all is written; until then, wait
    // until the socket is writable and call it again.
    Result<bool, StoreError> flush();
    // Reads what the socket holds, without blocking: the rows of the instances found (in no
    // order; the ids not found have none) once the whole answer is in, nothing while it is
    // still coming (wait until the socket is readable and call it again), or why the read failed.
    Result<std::optional<std::vector<InstanceRow>>, StoreError> take_rows();

private:
    struct Impl;
    explicit InstanceReadingConnection(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace seminarflow
