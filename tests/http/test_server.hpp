#pragma once
// The real server, on port 0, loaded with the workflows and templates shipped in the repository,
// over a database the test names (tests/store/backends.hpp makes a SQLite file or a database on
// the throwaway PostgreSQL) or, without one, a SQLite file in a temporary folder. Its clock is
// the test's: guards that compare with `now` see the time the test sets, and so does the token
// cache. Callers authenticate as serve's do, with bearer tokens: token(role) makes one per role.
#include <boost/asio/io_context.hpp>
#include <boost/asio/thread_pool.hpp>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "adapters/http/api.hpp"
#include "adapters/http/http_metrics.hpp"
#include "adapters/http/server.hpp"
#include "adapters/http/token_authenticator.hpp"
#include "adapters/metrics/delivery_metrics.hpp"
#include "adapters/metrics/engine_metrics.hpp"
#include "adapters/store/soci_store.hpp"
#include "engine/runtime/uuid_source.hpp"
#include "tests/support/settable_clock.hpp"

namespace seminarflow::testing {

class TestServer {
public:
    struct Options {
        bool migrate = true;
        std::size_t max_body_bytes = 1 << 20;
        std::chrono::milliseconds request_timeout{5'000};
        std::optional<DatabaseUrl> database = std::nullopt;  // none: a SQLite file of its own
        http::TokenCacheOptions tokens = {};
        Time start = *parse_rfc3339("2026-08-04T01:30:00Z");
        http::AccessLogFormat access_log = http::AccessLogFormat::text;
        // What endpoints may point at (channels.allow_cidrs); by default no special address.
        channels::AddressPolicy addresses = {};
    };
    TestServer() : TestServer(Options{}) {}
    explicit TestServer(Options options);
    ~TestServer();

    std::uint16_t port() const { return port_; }
    http::Server& server() { return *server_; }
    test::SettableClock& clock() { return clock_; }
    Store& store() { return *store_; }
    // The runtime behind the routes: what a WorkRunner fires the server's timers through.
    Runtime& runtime() { return *runtime_; }
    // The routes it serves, and its metrics, wired as `seminarflow serve` wires them.
    const http::Router& router() const { return router_; }
    const metrics::Registry& metrics() const { return metrics_; }
    const http::TokenAuthenticator& authenticator() const { return *authenticator_; }
    // What a dispatcher over this server's store tells, to show on its /metrics as serve does.
    DeliveryObserver& delivery_observer() { return delivery_metrics_; }

    // A token of `role`, made in the store the first time it is asked for (named "test-ROLE").
    const std::string& token(Role role = Role::admin);
    // The id that token acts as: what the history names as the actor.
    const std::string& token_id(Role role = Role::admin);
    // {"Authorization", "Bearer <token(role)>"}, to send with a request.
    std::vector<std::pair<std::string, std::string>> authorization(Role role = Role::admin);

private:
    std::filesystem::path folder_;
    metrics::Registry metrics_;
    metrics::EngineMetrics engine_metrics_{metrics_};
    metrics::DeliveryMetrics delivery_metrics_{metrics_};
    http::HttpMetrics http_metrics_{metrics_};
    std::unique_ptr<SociStore> store_;
    std::unique_ptr<Catalogue> catalogue_;
    test::SettableClock clock_;
    std::unique_ptr<UuidV7Source> ids_;
    std::unique_ptr<Runtime> runtime_;
    std::unique_ptr<http::TokenAuthenticator> authenticator_;
    std::map<Role, std::pair<std::string, std::string>> tokens_;  // the token and its id, by role
    std::unique_ptr<http::ApiContext> context_;
    http::Router router_;
    boost::asio::io_context io_;
    boost::asio::thread_pool reads_{2};
    boost::asio::thread_pool commits_{4};
    std::unique_ptr<InstanceReader> instances_;  // as serve chooses it (instance_reader_choice.hpp)
    std::unique_ptr<http::Server> server_;
    std::uint16_t port_ = 0;
    std::thread runner_;
};

}  // namespace seminarflow::testing
