#include "adapters/store/postgresql_instance_reader.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <atomic>
#include <deque>
#include <optional>
#include <unordered_map>
#include <vector>

#include "adapters/store/instance_reading_connection.hpp"
#include "engine/model/utf8.hpp"

namespace seminarflow {

namespace asio = boost::asio;

namespace {

using Socket = asio::posix::stream_descriptor;

// What a connection attempt brings back from the blocking threads (default-constructible, as
// co_spawn wants): a connection, or why there is none.
struct Attempt {
    std::unique_ptr<InstanceReadingConnection> connection;
    std::string error;
};

struct Waiting {
    std::string id;
    InstanceReader::OnFound done;
};

// Whether `id` could be an instance's: ids are UUIDs, and anything PostgreSQL would refuse as
// text (not UTF-8, or a NUL) would fail the statement that reads it with the others.
bool could_be_an_id(std::string_view id) {
    return id.find('\0') == std::string_view::npos && valid_utf8(id);
}

}  // namespace

struct PostgresqlInstanceReader::Impl : std::enable_shared_from_this<PostgresqlInstanceReader::Impl> {
    Impl(asio::io_context& io, asio::thread_pool& pool, DatabaseUrl database, InstanceReaderOptions reader_options)
        : strand(asio::make_strand(io)), blocking(pool), url(std::move(database)), options(reader_options) {}

    ~Impl() {
        if (socket && socket->is_open()) socket->release();  // libpq's, closed by the connection
    }

    asio::strand<asio::io_context::executor_type> strand;
    asio::thread_pool& blocking;
    DatabaseUrl url;
    InstanceReaderOptions options;
    // Touched on the strand only:
    std::deque<Waiting> waiting;
    std::unique_ptr<InstanceReadingConnection> connection;
    std::optional<Socket> socket;  // the connection's, while there is one
    bool reading = false;          // read_while_asked() is under way
    std::atomic<int> backend_pid{0};
    std::atomic<bool> stopping{false};

    // On the strand.
    void ask(Waiting asked) {
        waiting.push_back(std::move(asked));
        if (reading) return;
        reading = true;
        asio::co_spawn(strand, read_while_asked(), asio::detached);
    }

    // Reads what is asked, a batch at a time, until nothing is.
    asio::awaitable<void> read_while_asked() {
        auto self = shared_from_this();
        while (!waiting.empty()) {
            if (stopping) {
                answer(take(waiting.size()), fail(StoreError{"the server is stopping"}));
                break;
            }
            if (!connection) {
                Attempt attempt = co_await asio::co_spawn(blocking, connect(), asio::use_awaitable);
                if (!attempt.connection) {
                    answer(take(waiting.size()), fail(StoreError{std::move(attempt.error)}));
                    continue;
                }
                adopt(std::move(attempt.connection));
            }
            std::vector<Waiting> batch = take(options.max_batch);
            std::vector<std::string> ids;
            ids.reserve(batch.size());
            for (const Waiting& asked : batch) ids.push_back(asked.id);
            auto rows = co_await read(ids);
            if (!rows) {
                // A statement refused leaves the connection ready; one lost, or left with a read
                // under way, is let go, and the next batch connects again.
                if (!connection->ready() || stopping) drop();
                answer(std::move(batch), fail(std::move(rows).error()));
                continue;
            }
            answer(std::move(batch), std::move(rows).value());
        }
        reading = false;
    }

    std::vector<Waiting> take(std::size_t most) {
        std::vector<Waiting> taken;
        const std::size_t count = std::min(most, waiting.size());
        taken.reserve(count);
        for (std::size_t index = 0; index < count; ++index) {
            taken.push_back(std::move(waiting.front()));
            waiting.pop_front();
        }
        return taken;
    }

    // Sends the read of `ids` and waits for its rows, on the connection's socket.
    asio::awaitable<Result<std::vector<InstanceRow>, StoreError>> read(const std::vector<std::string>& ids) {
        if (auto sent = connection->send(ids); !sent) co_return fail(std::move(sent).error());
        for (;;) {
            auto flushed = connection->flush();
            if (!flushed) co_return fail(std::move(flushed).error());
            if (*flushed) break;
            if (auto waited = co_await wait(Socket::wait_write); !waited) co_return fail(std::move(waited).error());
        }
        for (;;) {
            auto rows = connection->take_rows();
            if (!rows) co_return fail(std::move(rows).error());
            if (*rows) co_return std::move(**rows);
            // Asio's reactor re-arms the descriptor when a wait starts, so what arrived before
            // (and take_rows left) still completes it at once.
            if (auto waited = co_await wait(Socket::wait_read); !waited) co_return fail(std::move(waited).error());
        }
    }

    asio::awaitable<Result<Done, StoreError>> wait(Socket::wait_type type) {
        auto [error] = co_await socket->async_wait(type, asio::as_tuple(asio::use_awaitable));
        if (stopping) co_return fail(StoreError{"the server is stopping"});
        if (error) co_return fail(StoreError{"waiting on the reading connection: " + error.message()});
        co_return Done{};
    }

    // Runs on the blocking threads: libpq connects synchronously.
    asio::awaitable<Attempt> connect() {
        auto opened = InstanceReadingConnection::open(url);
        if (!opened) co_return Attempt{nullptr, std::move(opened).error().message};
        co_return Attempt{std::move(opened).value(), {}};
    }

    void adopt(std::unique_ptr<InstanceReadingConnection> opened) {
        connection = std::move(opened);
        socket.emplace(strand);
        boost::system::error_code ignored;  // a descriptor epoll refuses fails the first wait, which says why
        socket->assign(connection->socket(), ignored);
        backend_pid = connection->backend_pid();
    }

    // Closing sends libpq's goodbye: off the I/O threads, as every database call.
    void drop() {
        if (socket->is_open()) socket->release();
        socket.reset();
        backend_pid = 0;
        asio::post(blocking, [closing = std::move(connection)]() mutable { closing.reset(); });
    }

    // Answers every read of `batch` from the rows found, by id.
    static void answer(std::vector<Waiting> batch, Result<std::vector<InstanceRow>, StoreError> rows) {
        if (!rows) {
            for (Waiting& asked : batch) asked.done(fail(rows.error()));
            return;
        }
        std::unordered_map<std::string_view, const InstanceRow*> by_id;
        for (const InstanceRow& row : *rows) by_id.emplace(row.id, &row);
        for (Waiting& asked : batch) {
            const auto found = by_id.find(asked.id);
            if (found == by_id.end()) {
                asked.done(std::optional<Instance>{});
                continue;
            }
            auto instance = to_instance(*found->second);
            if (!instance) {
                asked.done(fail(std::move(instance).error()));
                continue;
            }
            asked.done(std::optional<Instance>(std::move(instance).value()));
        }
    }
};

PostgresqlInstanceReader::PostgresqlInstanceReader(asio::io_context& io, asio::thread_pool& blocking, DatabaseUrl url,
                                                   InstanceReaderOptions options)
    : impl_(std::make_shared<Impl>(io, blocking, std::move(url), options)) {}

PostgresqlInstanceReader::~PostgresqlInstanceReader() {
    impl_->stopping = true;
    asio::post(impl_->strand, [impl = impl_] {
        boost::system::error_code ignored;  // a socket not watched has nothing to cancel
        if (impl->socket) impl->socket->cancel(ignored);
    });
}

void PostgresqlInstanceReader::find_instance(std::string id, OnFound done) {
    if (!could_be_an_id(id)) {
        done(std::optional<Instance>{});
        return;
    }
    asio::post(impl_->strand, [impl = impl_, asked = Waiting{std::move(id), std::move(done)}]() mutable {
        impl->ask(std::move(asked));
    });
}

int PostgresqlInstanceReader::backend_pid() const { return impl_->backend_pid; }

}  // namespace seminarflow
