#include <spdlog/spdlog.h>

#include <unistd.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/host_name.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <algorithm>
#include <memory>
#include <thread>

#include "adapters/cli/commands.hpp"
#include "adapters/cli/delivery_wiring.hpp"
#include "adapters/http/api.hpp"
#include "adapters/http/http_metrics.hpp"
#include "adapters/http/server.hpp"
#include "adapters/http/token_authenticator.hpp"
#include "adapters/metrics/delivery_metrics.hpp"
#include "adapters/metrics/engine_metrics.hpp"
#include "adapters/metrics/process_metrics.hpp"
#include "engine/messages/wall_clock.hpp"
#include "adapters/store/instance_reader_choice.hpp"
#include "adapters/store/postgresql_work_listener.hpp"
#include "engine/runtime/runtime.hpp"
#include "engine/runtime/scheduler.hpp"
#include "engine/runtime/uuid_source.hpp"
#include "engine/runtime/work_runner.hpp"
#include "seminarflow/version.hpp"

namespace seminarflow {
namespace {

// How long requests in flight get to finish after SIGTERM before the process exits anyway.
constexpr std::chrono::seconds shutdown_grace{10};
constexpr std::chrono::milliseconds drain_poll{20};

// Waits for the server's connections to close, up to the grace period, then stops the loop.
void drain(boost::asio::io_context& io, boost::asio::steady_timer& timer, const http::Server& server,
           std::chrono::steady_clock::time_point deadline) {
    if (server.open_connections() == 0 || std::chrono::steady_clock::now() >= deadline) {
        io.stop();
        return;
    }
    timer.expires_after(drain_poll);
    timer.async_wait([&io, &timer, &server, deadline](const boost::system::error_code& error) {
        if (!error) drain(io, timer, server, deadline);
    });
}

// The name this node's leases carry: which process on which machine claimed a timer.
std::string node_name() { return boost::asio::ip::host_name() + ":" + std::to_string(::getpid()); }

void log_round(const Result<WorkReport, StoreError>& round) {
    if (!round) {
        spdlog::warn("scheduler: {}", round.error().message);
        return;
    }
    spdlog::info("scheduler: {} timer(s) fired, {} refused; {} signal(s) delivered, {} refused; {} done elsewhere; "
                 "latest firing {} ms after its due time",
                 round->timers_fired, round->timers_refused, round->signals_delivered, round->signals_refused,
                 round->superseded, round->max_lag.count());
    for (const auto& failure : round->failures) spdlog::warn("scheduler: left for a retry: {}", failure);
}

// On PostgreSQL, what the nodes commit wakes them all at once; SQLite runs one node, which its
// poll serves. Nothing on SQLite.
std::unique_ptr<PostgresqlWorkListener> work_listener(boost::asio::io_context& io, boost::asio::thread_pool& blocking,
                                                      const Config& config) {
    auto url = parse_database_url(config.database.url);  // the store opened it: it parses
    if (!url || url->backend != DatabaseBackend::postgresql) return nullptr;
    const auto poll = config.scheduler.poll_interval;
    return std::make_unique<PostgresqlWorkListener>(
        io, blocking, std::move(url).value(), WorkListenerOptions{}, [poll](const WorkListenerStatus& status) {
            if (status.listening) {
                spdlog::info("serve: other nodes' work wakes this one (LISTEN on server process {})", status.backend_pid);
            } else {
                spdlog::warn("serve: not hearing other nodes' work: {}; polling every {} ms meanwhile, next attempt in "
                             "{} ms", status.reason, poll.count(), status.retry_in.count());
            }
        });
}

// A server that no token can call yet says how to make the first one. It never makes one itself:
// a secret printed in a log is a secret leaked.
void hint_first_token(Store& store) {
    const auto tokens = store.list_tokens();
    if (!tokens) {
        spdlog::warn("serve: cannot list the API tokens: {}", tokens.error().message);
        return;
    }
    if (std::any_of(tokens->begin(), tokens->end(), [](const ApiToken& token) { return !token.revoked(); })) return;
    spdlog::warn("serve: no API token is in force, so every request but /healthz and /readyz is refused (401). "
                 "Create one with `seminarflow tokens create --role admin --name NAME`, with the same config and "
                 "database as this server");
}

// What /metrics shows: the runtime's work, the HTTP requests, the process.
struct NodeMetrics {
    metrics::Registry registry;
    metrics::EngineMetrics engine{registry};
    metrics::DeliveryMetrics delivery{registry};
    http::HttpMetrics http{registry};
    NodeMetrics() { metrics::add_process_metrics(registry); }
};

http::ServerOptions server_options(const Config& config, http::HttpMetrics& metrics) {
    return http::ServerOptions{
        .host = config.server.listen.host,
        .port = config.server.listen.port,
        .max_body_bytes = config.server.max_body_bytes,
        .max_header_bytes = 16 * 1024,
        .request_timeout = config.server.request_timeout,
        .access_log = config.log.format == LogFormat::json ? http::AccessLogFormat::json : http::AccessLogFormat::text,
        .on_request = metrics.observer(),
    };
}

// What this node claimed and did not carry out is let go, for other nodes to take at once rather
// than when the leases run out. Called once nothing here claims any more.
void release_leases(Store& store, const std::string& owner) {
    auto released = store.release_leases(owner);
    if (!released) {
        spdlog::warn("serve: this node's leases stay until they run out: {}", released.error().message);
        return;
    }
    spdlog::info("serve: released {} lease(s) held by {}", *released, owner);
}

// Runs the I/O loop on `threads` threads until SIGINT or SIGTERM; then stops accepting and
// scheduling, lets the requests in flight finish, and returns.
void run_until_signalled(boost::asio::io_context& io, int threads, http::Server& server, Scheduler& scheduler,
                         NodeDelivery& delivery) {
    boost::asio::signal_set signals(io, SIGINT, SIGTERM);
    boost::asio::steady_timer grace(io);
    signals.async_wait([&](const boost::system::error_code& error, int signal) {
        if (error) return;
        spdlog::info("serve: signal {} received, finishing requests in flight", signal);
        server.stop();
        scheduler.stop();
        delivery.stop();
        drain(io, grace, server, std::chrono::steady_clock::now() + shutdown_grace);
    });
    std::vector<std::thread> runners;
    for (int i = 1; i < threads; ++i) runners.emplace_back([&io] { io.run(); });
    io.run();
    for (auto& runner : runners) runner.join();
}

}  // namespace

int run_serve(const GlobalOptions& options) {
    const auto config = bootstrap(options);
    if (!config) return 1;
    // Read once here, not by the first message rendered on an I/O thread.
    if (const auto problem = load_time_zones(RenderingDefaults{}.zone)) {
        spdlog::error("serve: {}", *problem);
        return 1;
    }
    auto definitions = load_definitions(*config, config->workflows_dir);
    if (!definitions) return 1;
    spdlog::info("serve: {} workflow(s) loaded from {}", definitions->catalogue.all().size(), config->workflows_dir.string());

    auto store = prepare_store(*config, *definitions, "serve");
    if (!store) return 1;

    boost::asio::io_context io(config->server.threads);
    // SOCI blocks: database calls run on threads of their own, never on the I/O threads. The API's
    // reads on few, commits on many (http::BlockingPools says why); the scheduler's and the
    // dispatcher's rounds on threads apart, so that a long round holds up no read.
    boost::asio::thread_pool read_threads(static_cast<std::size_t>(config->database.read_threads));
    boost::asio::thread_pool database_threads(static_cast<std::size_t>(config->database.pool_size));
    boost::asio::thread_pool commit_threads(static_cast<std::size_t>(config->database.commit_threads));
    const SystemClock clock;
    UuidV7Source ids(clock);
    NodeMetrics metrics;
    Runtime runtime(definitions->catalogue, **store, clock, ids);
    runtime.observe_with(metrics.engine);
    // Callers present bearer tokens (`seminarflow tokens create`); one checked lately is believed
    // for a short while without asking the database (http/token_cache.hpp).
    http::TokenAuthenticator tokens(**store, clock);
    hint_first_token(**store);
    // What GET /v1/instances/{id} reads through. The store opened the URL, so it parses.
    const auto instances = make_instance_reader(io, read_threads, **store, *parse_database_url(config->database.url));
    const http::ApiContext api{definitions->catalogue, **store, runtime, version_text, tokens.resolver(),
                               &metrics.registry, &clock, config->channels.addresses, instances.get(),
                               tokens.resolver_at_once()};
    const http::Router router = http::make_api_router(api);
    http::Server server(io, http::BlockingPools{read_threads, commit_threads}, router, server_options(*config, metrics.http));
    metrics.registry.gauge("seminarflow_http_open_connections", "HTTP connections open now",
                           [&server] { return static_cast<double>(server.open_connections()); });
    WorkRunner work(runtime, **store, clock, WorkOptions{.owner = node_name(), .lease = config->scheduler.lease});
    const auto listener = work_listener(io, database_threads, *config);  // outlives the scheduler, which stops it
    Scheduler scheduler(io, database_threads, work, **store, clock, SchedulerOptions{config->scheduler.poll_interval},
                        log_round);
    if (listener) scheduler.wake_on(*listener);
    // Channels render each message when they send it, in its receiver's language then.
    const MessageRenderer renderer(
        definitions->templates, definitions->catalogue,
        RenderingDefaults{.warn = [](const std::string& problem) { spdlog::warn("dispatcher: {}", problem); }});
    std::unique_ptr<NodeDelivery> delivery;
    try {
        delivery = std::make_unique<NodeDelivery>(io, database_threads, **store, clock, ids, config->dispatcher,
                                                  config->channels, work.options().owner, metrics.delivery, renderer);
    } catch (const std::runtime_error& error) {  // a CA file that is not PEM
        spdlog::error("serve: {}", error.what());
        return 1;
    }
    // Work this node commits (a reminder due soon, a child's signal, a notification) is looked at
    // now, on SQLite too, where no listener hears it: by the loop whose work it is.
    runtime.wake_on_work([&scheduler, &delivery = *delivery](WorkMade made) {
        if (made.scheduling) scheduler.wake();
        if (made.delivering) delivery.wake();
    });

    std::uint16_t port = 0;
    try {
        port = server.start();
    } catch (const std::exception& error) {
        spdlog::error("serve: cannot listen on {}:{}: {}", config->server.listen.host, config->server.listen.port,
                      error.what());
        return 1;
    }
    spdlog::info("serve: listening on http://{}:{}/", config->server.listen.host, port);
    scheduler.start();
    spdlog::info("serve: firing timers and delivering signals as {}", work.options().owner);
    delivery->start();

    run_until_signalled(io, config->server.threads, server, scheduler, *delivery);
    read_threads.join();
    database_threads.join();  // the scheduler's last round, if one was running, is over
    commit_threads.join();
    release_leases(**store, work.options().owner);
    spdlog::info("serve: stopped");
    return 0;
}

}  // namespace seminarflow
