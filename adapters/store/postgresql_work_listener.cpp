#include "adapters/store/postgresql_work_listener.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <algorithm>
#include <atomic>
#include <optional>

#include "adapters/store/listening_connection.hpp"

namespace seminarflow {

namespace asio = boost::asio;

namespace {

// What a connection attempt brings back from the blocking threads (default-constructible, as
// co_spawn wants): a listening connection, or why there is none.
struct Attempt {
    std::unique_ptr<ListeningConnection> connection;
    std::string error;
};

using Socket = asio::posix::stream_descriptor;

// libpq's socket, watched by the I/O loop while a connection listens. The descriptor is libpq's:
// released, never closed, on every way out, including a frame destroyed unfinished.
struct BorrowedSocket {
    std::optional<Socket>& socket;
    ~BorrowedSocket() {
        if (socket && socket->is_open()) socket->release();
        socket.reset();
    }
};

}  // namespace

struct PostgresqlWorkListener::Impl : std::enable_shared_from_this<PostgresqlWorkListener::Impl> {
    Impl(asio::io_context& io, asio::thread_pool& pool, DatabaseUrl database, WorkListenerOptions listener_options,
         StatusSink sink)
        : strand(asio::make_strand(io)), blocking(pool), url(std::move(database)), options(listener_options),
          on_status(std::move(sink)), pause(strand) {}

    asio::strand<asio::io_context::executor_type> strand;
    asio::thread_pool& blocking;
    DatabaseUrl url;
    WorkListenerOptions options;
    StatusSink on_status;
    OnWork on_work;
    asio::steady_timer pause;
    std::optional<Socket> socket;  // while a connection listens; touched on the strand only
    std::atomic<bool> stopping{false};

    void report(const WorkListenerStatus& status) const {
        if (on_status) on_status(status);
    }

    void heard() const {
        if (!stopping && on_work) on_work();
    }

    // Connects, listens until the connection is lost, and again after a pause, until stop().
    asio::awaitable<void> run() {
        auto self = shared_from_this();
        auto retry = options.first_retry;
        while (!stopping) {
            Attempt attempt = co_await asio::co_spawn(blocking, connect(), asio::use_awaitable);
            if (stopping) {
                close(std::move(attempt.connection));
                break;
            }
            std::string reason = std::move(attempt.error);
            if (attempt.connection) {
                retry = options.first_retry;
                report({.listening = true, .backend_pid = attempt.connection->backend_pid(), .reason = {}, .retry_in = {}});
                heard();  // what was committed while nobody here listened went unheard
                reason = co_await listen(*attempt.connection);
                close(std::move(attempt.connection));
                if (stopping) break;
            }
            report({.listening = false, .backend_pid = 0, .reason = reason, .retry_in = retry});
            pause.expires_after(retry);
            co_await pause.async_wait(asio::as_tuple(asio::use_awaitable));  // cancelled by stop()
            retry = std::min(retry * 2, options.max_retry);
        }
    }

    // Runs on the blocking threads: libpq connects synchronously.
    asio::awaitable<Attempt> connect() {
        auto opened = ListeningConnection::open(url);
        if (!opened) co_return Attempt{nullptr, std::move(opened).error().message};
        co_return Attempt{std::move(opened).value(), {}};
    }

    // Hears notifications until the connection is lost (and says why) or stop() (an empty reason).
    asio::awaitable<std::string> listen(ListeningConnection& connection) {
        boost::system::error_code error;
        socket.emplace(strand);
        BorrowedSocket borrowed{socket};
        socket->assign(connection.socket(), error);
        if (error) co_return "cannot watch the listening connection's socket: " + error.message();
        while (!stopping) {
            // A burst of notifications read at once is one call: the scheduler's one look finds
            // all the work they announced.
            auto taken = connection.take_notifications();
            if (!taken) co_return "the listening connection to " + url.redacted() + " is lost: " + taken.error().message;
            if (*taken > 0) heard();
            // Asio's reactor re-arms the descriptor when a wait starts, so data that arrived
            // before (and that the read above left) still completes it at once.
            std::tie(error) = co_await socket->async_wait(Socket::wait_read, asio::as_tuple(asio::use_awaitable));
            if (error && !stopping) co_return "waiting on the listening connection: " + error.message();
        }
        co_return std::string{};
    }

    // Closing sends libpq's goodbye: off the I/O threads, as every database call.
    void close(std::unique_ptr<ListeningConnection> connection) {
        if (connection) asio::post(blocking, [closing = std::move(connection)]() mutable { closing.reset(); });
    }
};

PostgresqlWorkListener::PostgresqlWorkListener(asio::io_context& io, asio::thread_pool& blocking, DatabaseUrl url,
                                               WorkListenerOptions options, StatusSink on_status)
    : impl_(std::make_shared<Impl>(io, blocking, std::move(url), options, std::move(on_status))) {}

PostgresqlWorkListener::~PostgresqlWorkListener() { stop(); }

void PostgresqlWorkListener::start(OnWork on_work) {
    impl_->on_work = std::move(on_work);
    asio::co_spawn(impl_->strand, impl_->run(), asio::detached);
}

void PostgresqlWorkListener::stop() {
    impl_->stopping = true;
    asio::post(impl_->strand, [impl = impl_] {
        impl->pause.cancel();
        boost::system::error_code ignored;  // a socket not watched yet has nothing to cancel
        if (impl->socket) impl->socket->cancel(ignored);
    });
}

}  // namespace seminarflow
