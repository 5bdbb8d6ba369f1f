#include "adapters/http/server.hpp"

#include <spdlog/spdlog.h>

#include <atomic>
#include <map>
#include <mutex>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

#include "adapters/http/problem.hpp"
#include "adapters/http/request_id.hpp"
#include "adapters/http/router.hpp"

namespace seminarflow::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using BeastRequest = bhttp::request<bhttp::string_body>;
using BeastResponse = bhttp::response<bhttp::string_body>;

namespace {

constexpr auto awaitable_tuple = asio::as_tuple(asio::use_awaitable);

Request to_request(BeastRequest& message) {
    Request request;
    request.method = std::string(message.method_string());
    request.target = std::string(message.target());
    for (const auto& field : message) {
        std::string name(field.name_string());
        for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        request.headers.emplace_back(std::move(name), std::string(field.value()));
    }
    request.body = std::move(message.body());
    return request;
}

BeastResponse to_beast(Response&& response, unsigned version, bool keep_alive, bool head) {
    BeastResponse message{static_cast<bhttp::status>(response.status), version};
    message.set(bhttp::field::server, "seminarflow");
    message.set(bhttp::field::content_type, response.content_type);
    for (const auto& [name, value] : response.headers) message.set(name, value);
    message.body() = std::move(response.body);
    message.keep_alive(keep_alive);
    message.prepare_payload();
    if (head) message.body().clear();  // Content-Length still tells the size of the GET
    return message;
}

// What a request that could not be read gets, if anything can still be sent.
Response read_failure(const beast::error_code& error) {
    if (error == bhttp::error::body_limit) {
        return problem(413, "body-too-large", "Request body too large", "the body is larger than the server accepts");
    }
    if (error == bhttp::error::header_limit) {
        return problem(431, "headers-too-large", "Request headers too large", "the headers are larger than the server accepts");
    }
    return problem(400, "bad-request", "Bad request", "the request is not valid HTTP/1.1: " + error.message());
}

// "address:port", with an IPv6 address in brackets; "" if the peer is gone already.
std::string remote_address(const tcp::socket& socket) {
    beast::error_code error;
    const auto endpoint = socket.remote_endpoint(error);
    if (error) return {};
    const auto address = endpoint.address();
    const std::string text = address.is_v6() ? "[" + address.to_string() + "]" : address.to_string();
    return text + ":" + std::to_string(endpoint.port());
}

// The target as the log shows it: bytes outside visible ASCII %-encoded, so that a line stays one
// line of text whatever a client sent.
std::string loggable_target(std::string_view target) {
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(target.size());
    for (const char c : target) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte > 0x20 && byte < 0x7f) {
            out += c;
        } else {
            out += '%';
            out += hex[byte >> 4];
            out += hex[byte & 0xf];
        }
    }
    return out;
}

// What is known of a request: as much of its header as was read, even if reading it failed (a
// body over the limit is refused once the header is in, which then still counts as unfinished).
RequestRecord begin_record(const bhttp::request_parser<bhttp::string_body>& parser, const std::string& remote) {
    const BeastRequest& message = parser.get();
    RequestRecord record;
    record.remote = remote;
    record.method = std::string(message.method_string());
    record.target = loggable_target(message.target());
    record.request_id = request_id_for(message["X-Request-Id"]);
    return record;
}

// `respond`, of which only the first call takes effect: a deferred handler that answered and then
// threw is not answered twice.
Respond once(Respond respond) {
    auto answered = std::make_shared<std::atomic<bool>>(false);
    return [answered, respond = std::move(respond)](Response response) {
        if (!answered->exchange(true)) respond(std::move(response));
    };
}

// The gate's answer: the request now speaks for its actor, or the refusal to send.
std::optional<Response> let_in(Result<Actor, Response> actor, Request& request) {
    if (!actor) return std::move(actor).error();
    request.actor = std::move(actor).value();
    return std::nullopt;
}

bool is_disconnect(const beast::error_code& error) {
    return error == bhttp::error::end_of_stream || error == beast::error::timeout ||
           error == asio::error::connection_reset || error == asio::error::eof ||
           error == asio::error::operation_aborted || error == bhttp::error::partial_message;
}

}  // namespace

struct Server::Impl : std::enable_shared_from_this<Server::Impl> {
    Impl(asio::io_context& io_context, BlockingPools pools, const Router& route_table, ServerOptions server_options)
        : io(io_context), blocking(pools), router(route_table), options(std::move(server_options)),
          acceptor(asio::make_strand(io_context)), access_log(options.access_log) {}

    asio::io_context& io;
    BlockingPools blocking;
    const Router& router;
    ServerOptions options;
    tcp::acceptor acceptor;
    AccessLog access_log;
    std::atomic<bool> stopping{false};
    std::atomic<std::size_t> connections{0};
    // An open connection, as stop() sees it: those waiting for their next request are closed
    // rather than left until their keep-alive times out. Registered once per connection, so that
    // a request costs no lock.
    struct Connection {
        explicit Connection(tcp::socket socket) : stream(std::move(socket)) {}
        beast::tcp_stream stream;
        bool waiting = false;  // touched only on the connection's strand
    };
    std::mutex open_mutex;
    std::map<const Connection*, std::weak_ptr<Connection>> open;

    // Counts a connection open, and lists it for stop(), for as long as its session runs, however
    // the session ends.
    class OpenConnection {
    public:
        OpenConnection(Impl& server, std::shared_ptr<Connection> connection)
            : server_(server), connection_(std::move(connection)) {
            ++server_.connections;
            const std::lock_guard lock(server_.open_mutex);
            server_.open.emplace(connection_.get(), connection_);
        }
        OpenConnection(const OpenConnection&) = delete;
        OpenConnection& operator=(const OpenConnection&) = delete;
        ~OpenConnection() {
            {
                const std::lock_guard lock(server_.open_mutex);
                server_.open.erase(connection_.get());
            }
            --server_.connections;
        }

    private:
        Impl& server_;
        std::shared_ptr<Connection> connection_;
    };

    // Cancels the read of every connection waiting for its next request. Checked on the
    // connection's strand, where the session runs: one that has read a request meanwhile is
    // answered, and then sees `stopping` and closes.
    void close_idle() {
        const std::lock_guard lock(open_mutex);
        for (const auto& [key, weak] : open) {
            if (auto connection = weak.lock()) {
                asio::post(connection->stream.get_executor(), [connection] {
                    if (connection->waiting) connection->stream.cancel();
                });
            }
        }
    }

    asio::awaitable<void> accept_loop() {
        auto self = shared_from_this();
        while (!stopping) {
            auto [error, socket] = co_await acceptor.async_accept(asio::make_strand(io), awaitable_tuple);
            if (error) {
                if (stopping || error == asio::error::operation_aborted) co_return;
                spdlog::warn("http: accept failed: {}", error.message());
                continue;
            }
            asio::co_spawn(socket.get_executor(), self->session(std::move(socket)), asio::detached);
        }
    }

    asio::awaitable<void> session(tcp::socket socket) {
        auto self = shared_from_this();
        const std::string remote = remote_address(socket);
        const auto connection = std::make_shared<Connection>(std::move(socket));
        const OpenConnection counted(*this, connection);
        beast::tcp_stream& stream = connection->stream;
        beast::flat_buffer buffer;
        for (;;) {
            bhttp::request_parser<bhttp::string_body> parser;
            parser.body_limit(options.max_body_bytes);
            parser.header_limit(static_cast<std::uint32_t>(options.max_header_bytes));
            stream.expires_after(options.request_timeout);
            // stop() sets `stopping` before close_idle() posts its check here: if this misses the
            // one, the check, which runs on this strand once the read is under way, sees the other.
            if (stopping) break;
            connection->waiting = true;
            auto [read_error, read_bytes] = co_await bhttp::async_read(stream, buffer, parser, awaitable_tuple);
            connection->waiting = false;
            const auto started = std::chrono::steady_clock::now();
            if (read_error) {
                if (!is_disconnect(read_error)) {
                    RequestRecord record = begin_record(parser, remote);
                    Response response = read_failure(read_error);
                    response.headers.emplace_back("X-Request-Id", record.request_id);
                    const unsigned status = response.status;
                    auto message = to_beast(std::move(response), 11, false, false);
                    spdlog::info("http: refused a request: {}", read_error.message());
                    finish(record, status, message.body().size(), started);
                    co_await bhttp::async_write(stream, message, awaitable_tuple);
                }
                break;
            }
            BeastRequest& message = parser.get();
            RequestRecord record = begin_record(parser, remote);
            Request request = to_request(message);
            Response response = co_await answer(request, record);
            response.headers.emplace_back("X-Request-Id", record.request_id);
            const bool keep_alive = message.keep_alive() && !stopping;
            const unsigned status = response.status;
            auto reply = to_beast(std::move(response), message.version(), keep_alive, request.method == "HEAD");
            finish(record, status, reply.body().size(), started);
            stream.expires_after(options.request_timeout);
            auto [write_error, written] = co_await bhttp::async_write(stream, reply, awaitable_tuple);
            if (write_error || !keep_alive) break;
        }
        beast::error_code ignored;
        stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
    }

    // Tells the access log and the observer about a request, once its answer is ready and before
    // it is sent: a client that has its answer finds the request in the log and the metrics.
    void finish(RequestRecord& record, unsigned status, std::size_t bytes, std::chrono::steady_clock::time_point started) {
        record.status = status;
        record.bytes = bytes;
        record.duration =
            std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started);
        access_log.write(record);
        if (options.on_request) options.on_request(record);
    }

    asio::awaitable<Response> answer(Request& request, RequestRecord& record) {
        if (!parse_target(request.target, request)) {
            co_return problem(400, "bad-request", "Bad request", "the request target is not a valid path and query");
        }
        Match match = router.match(request.method, request.path);
        if (!match.route) co_return std::move(match.response);
        // Set before the token check, so a 401/403 answer's access line names the route too.
        record.route = match.route->pattern;
        if (match.route->deferred) co_return co_await answer_later(*match.route, request, match.params, record);
        if (match.route->blocking == Blocking::no && match.route->access == Access::open) {
            co_return call(*match.route, request, match.params, record);
        }
        // The handler, or checking the caller's token, may wait on the database: run them on the
        // store's threads (BlockingPools says which), resume here afterwards.
        asio::thread_pool& pool = match.route->blocking == Blocking::commits ? blocking.commits : blocking.reads;
        co_return co_await asio::co_spawn(
            pool,
            [&]() -> asio::awaitable<Response> { co_return call(*match.route, request, match.params, record); },
            asio::use_awaitable);
    }

    // A route that answers later (Route::deferred): the gate here when the token was checked
    // lately, else on the store's threads; then the handler, here, and its answer when it comes.
    asio::awaitable<Response> answer_later(const Route& route, Request& request, const PathParams& params,
                                           const RequestRecord& record) {
        if (route.access == Access::token) {
            std::optional<Response> refused;
            if (auto at_once = admit_at_once(router.actor_resolver_at_once(), request)) {
                refused = let_in(std::move(*at_once), request);
            } else {
                refused = co_await asio::co_spawn(
                    blocking.reads,
                    [&]() -> asio::awaitable<std::optional<Response>> {
                        co_return let_in(admit(router.actor_resolver(), request), request);
                    },
                    asio::use_awaitable);
            }
            if (refused) co_return std::move(*refused);
        }
        const auto here = co_await asio::this_coro::executor;
        co_return co_await asio::async_initiate<decltype(asio::use_awaitable), void(Response)>(
            [&](auto resume) {
                Respond respond = once([here, resume = std::make_shared<decltype(resume)>(std::move(resume))](
                                           Response response) mutable {
                    asio::post(here, [resume, response = std::move(response)]() mutable {
                        (*resume)(std::move(response));
                    });
                });
                try {
                    route.deferred(request, params, respond);
                } catch (const std::exception& error) {
                    respond(handler_failed(request, record, error));
                }
            },
            asio::use_awaitable);
    }

    Response call(const Route& route, Request& request, const PathParams& params,
                  const RequestRecord& record) const {
        try {
            if (route.access == Access::token) {
                auto refused = let_in(admit(router.actor_resolver(), request), request);
                if (refused) return std::move(*refused);
            }
            return route.handler(request, params);
        } catch (const std::exception& error) {
            return handler_failed(request, record, error);
        }
    }

    // A handler that throws has a bug; the client gets a 500, the server keeps serving.
    static Response handler_failed(const Request& request, const RequestRecord& record, const std::exception& error) {
        spdlog::error("http: {} {} failed (request {}): {}", request.method, request.target, record.request_id,
                      error.what());
        return problem(500, "internal-error", "Internal error", "the server failed to answer; see its log");
    }
};

Server::Server(asio::io_context& io, BlockingPools blocking, const Router& router, ServerOptions options)
    : impl_(std::make_shared<Impl>(io, blocking, router, std::move(options))) {}

Server::~Server() { stop(); }

std::uint16_t Server::start() {
    // A name such as "localhost" is resolved once, here; the first address is bound.
    tcp::resolver resolver(impl_->io);
    const tcp::endpoint endpoint =
        resolver.resolve(impl_->options.host, std::to_string(impl_->options.port), tcp::resolver::passive).begin()->endpoint();
    auto& acceptor = impl_->acceptor;
    acceptor.open(endpoint.protocol());
    acceptor.set_option(asio::socket_base::reuse_address(true));
    acceptor.bind(endpoint);
    acceptor.listen(asio::socket_base::max_listen_connections);
    const auto port = acceptor.local_endpoint().port();
    asio::co_spawn(acceptor.get_executor(), impl_->accept_loop(), asio::detached);
    return port;
}

void Server::stop() {
    if (impl_->stopping.exchange(true)) return;
    asio::post(impl_->acceptor.get_executor(), [impl = impl_] {
        beast::error_code ignored;
        impl->acceptor.close(ignored);
    });
    impl_->close_idle();
}

std::size_t Server::open_connections() const { return impl_->connections; }

}  // namespace seminarflow::http
