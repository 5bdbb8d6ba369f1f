#pragma once
// The HTTP server: Beast, C++20 coroutines, one strand per connection. Beast and Asio stay in
// server.cpp; this header only forward-declares what it needs.
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "adapters/http/access_log.hpp"
#include "adapters/http/request_record.hpp"

namespace boost::asio {
class io_context;
class thread_pool;
}  // namespace boost::asio

namespace seminarflow::http {

class Router;

// The threads that run handlers which may block. Two sets, because the two kinds of request want
// opposite things. A read holds a connection throughout and is done in microseconds on SQLite:
// it is fastest on few threads, fewer than the cores, which stay busy under load instead of each
// being woken and put back to sleep per request. A commit spends most of its time waiting for
// the transaction it shares with other commits (group commit), holding no connection: the more of
// them wait at once, the more share one WAL flush.
struct BlockingPools {
    boost::asio::thread_pool& reads;
    boost::asio::thread_pool& commits;
};

struct ServerOptions {
    std::string host = "127.0.0.1";
    std::uint16_t port = 0;                 // 0: any free port (tests); start() says which
    std::size_t max_body_bytes = 1 << 20;   // larger bodies get 413
    std::size_t max_header_bytes = 16 * 1024;  // larger headers get 431
    std::chrono::milliseconds request_timeout{30'000};
    AccessLogFormat access_log = AccessLogFormat::text;  // one line per request (access_log.hpp)
    RequestObserver on_request;  // also told of every request answered (metrics); may be empty
};

class Server {
public:
    // `blocking` runs the handlers of routes marked Blocking::reads and Blocking::commits.
    Server(boost::asio::io_context& io, BlockingPools blocking, const Router& router, ServerOptions options);
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    // Binds and starts accepting; returns the port bound. Throws if the address cannot be bound.
    std::uint16_t start();
    // Stops accepting. Requests in flight are answered; their connections then close.
    void stop();
    // Connections still open; after stop(), zero means every request in flight was answered.
    std::size_t open_connections() const;

private:
    struct Impl;
    std::shared_ptr<Impl> impl_;
};

}  // namespace seminarflow::http
