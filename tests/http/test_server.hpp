#pragma once
// The real server, on port 0, over a SQLite file in a temporary folder, loaded with the
// workflows and templates shipped in the repository.
#include <boost/asio/io_context.hpp>
#include <boost/asio/thread_pool.hpp>
#include <filesystem>
#include <memory>
#include <thread>

#include "adapters/http/api.hpp"
#include "adapters/http/server.hpp"
#include "adapters/store/soci_store.hpp"

namespace seminarflow::testing {

class TestServer {
public:
    struct Options {
        bool migrate = true;
        std::size_t max_body_bytes = 1 << 20;
        std::chrono::milliseconds request_timeout{5'000};
    };
    TestServer() : TestServer(Options{}) {}
    explicit TestServer(Options options);
    ~TestServer();

    std::uint16_t port() const { return port_; }
    http::Server& server() { return *server_; }

private:
    std::filesystem::path folder_;
    std::unique_ptr<SociStore> store_;
    std::unique_ptr<Catalogue> catalogue_;
    std::unique_ptr<http::ApiContext> context_;
    http::Router router_;
    boost::asio::io_context io_;
    boost::asio::thread_pool blocking_{2};
    std::unique_ptr<http::Server> server_;
    std::uint16_t port_ = 0;
    std::thread runner_;
};

}  // namespace seminarflow::testing
