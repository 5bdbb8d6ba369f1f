#pragma once
// InstanceReader on PostgreSQL without a thread in the way: a connection of its own
// (instance_reading_connection.hpp) whose socket the I/O loop waits on. The reads asked for
// while one is under way go together in the next, one statement for all of them, so that under
// load PostgreSQL answers hundreds of GETs per round trip, and an idle node answers one at once.
// If the connection is lost, the reads it was answering are answered with why, and the next batch
// connects again. Asio and libpq stay in the .cpp files.
#include <cstddef>
#include <memory>

#include "adapters/store/database_url.hpp"
#include "engine/ports/instance_reader.hpp"

namespace boost::asio {
class io_context;
class thread_pool;
}  // namespace boost::asio

namespace seminarflow {

struct InstanceReaderOptions {
    // The most ids one statement reads; the others wait for the next.
    std::size_t max_batch = 256;
};

class PostgresqlInstanceReader final : public InstanceReader {
public:
    // Connecting and closing (blocking libpq calls) run on `blocking`; sending, waiting and
    // reading on `io`, where `done` is called too.
    PostgresqlInstanceReader(boost::asio::io_context& io, boost::asio::thread_pool& blocking, DatabaseUrl url,
                             InstanceReaderOptions options = {});
    ~PostgresqlInstanceReader() override;
    PostgresqlInstanceReader(const PostgresqlInstanceReader&) = delete;
    PostgresqlInstanceReader& operator=(const PostgresqlInstanceReader&) = delete;

    void find_instance(std::string id, OnFound done) override;

    // The server process serving the connection, 0 while there is none (tests end it).
    int backend_pid() const;

private:
    struct Impl;
    std::shared_ptr<Impl> impl_;
};

}  // namespace seminarflow
