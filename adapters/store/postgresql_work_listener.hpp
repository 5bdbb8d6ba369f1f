#pragma once
// WorkNotifications over PostgreSQL's LISTEN/NOTIFY: the commits of every node on the database
// send a NOTIFY when they make work (work_announcement.hpp), and this hears them on a connection
// of its own, waiting on its socket on the I/O loop. If that connection drops it says so, and
// connects again with a growing pause; meanwhile the scheduler's poll finds the work, only later.
// Asio and SOCI stay in the .cpp files.
#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "adapters/store/database_url.hpp"
#include "engine/ports/work_notifications.hpp"

namespace boost::asio {
class io_context;
class thread_pool;
}  // namespace boost::asio

namespace seminarflow {

struct WorkListenerOptions {
    // The pause before connecting again after a failure; it doubles with each failure in a row,
    // up to `max_retry`, and starts again once a connection listens.
    std::chrono::milliseconds first_retry{250};
    std::chrono::milliseconds max_retry{30'000};
};

// What the listening connection is doing, for the log (and for tests, which wait on it).
struct WorkListenerStatus {
    bool listening = false;
    int backend_pid = 0;                    // listening: the server process serving it
    std::string reason;                     // not listening: why
    std::chrono::milliseconds retry_in{0};  // not listening: the pause before the next attempt
};

class PostgresqlWorkListener final : public WorkNotifications {
public:
    using StatusSink = std::function<void(const WorkListenerStatus&)>;

    // Connecting and closing (blocking libpq calls) run on `blocking`; waiting and reading on
    // `io`. `on_status` hears every change, on an I/O thread.
    PostgresqlWorkListener(boost::asio::io_context& io, boost::asio::thread_pool& blocking, DatabaseUrl url,
                           WorkListenerOptions options, StatusSink on_status);
    ~PostgresqlWorkListener() override;
    PostgresqlWorkListener(const PostgresqlWorkListener&) = delete;
    PostgresqlWorkListener& operator=(const PostgresqlWorkListener&) = delete;

    // Connects and listens. `on_work` is also called each time a connection starts listening:
    // what was committed while none listened was not heard.
    void start(OnWork on_work) override;
    void stop() override;

private:
    struct Impl;
    std::shared_ptr<Impl> impl_;
};

}  // namespace seminarflow
