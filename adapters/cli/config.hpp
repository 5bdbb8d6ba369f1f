#pragma once
// The server's configuration: YAML parsed into these structs once, at start, and validated there
// (unknown keys refused with file:line), then two environment variables on top.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "adapters/channels/http/address_policy.hpp"
#include "engine/definition/diagnostics.hpp"
#include "engine/model/result.hpp"
#include "engine/model/time.hpp"

namespace seminarflow {

struct ListenAddress {
    std::string host = "127.0.0.1";
    std::uint16_t port = 8080;
};

struct ServerConfig {
    ListenAddress listen;
    int threads = 1;  // I/O threads; one parses and writes HTTP for thousands of requests a second
    std::size_t max_body_bytes = 1024 * 1024;
    std::chrono::milliseconds request_timeout{30'000};
};

struct DatabaseConfig {
    std::string url = "sqlite:data/seminarflow.db";
    int pool_size = 4;  // connections; the scheduler's and the dispatcher's rounds run on as many threads
    // Threads that run the API's reads. Few: each request hands its read to one of them and back,
    // and on a small machine every thread more is a sleep and a wake-up more per request.
    int read_threads = 2;
    // Threads that run the requests which commit (events, creations). More than pool_size: a
    // thread waiting for its commit's group
    // (adapters/store/group_committer.hpp) holds no connection, and the more wait at once, the
    // more commits share one transaction.
    int commit_threads = 64;
};

// The loop that fires timers and delivers signals (engine/runtime/scheduler.hpp).
struct SchedulerConfig {
    // The longest a node sleeps before it looks again for work it was not told of. On PostgreSQL
    // commits (other nodes' and its own) wake it at once through LISTEN/NOTIFY, and this is the
    // fallback while its listening connection is down; on SQLite it is how late, at worst, a node
    // notices new work.
    std::chrono::milliseconds poll_interval{1000};
    // How long the timers and signals a node claims stay its own: if it dies, other nodes take
    // them over this long after its claim. Longer than any one round may take.
    std::chrono::milliseconds lease{30'000};
};

// The outbox dispatcher (engine/runtime/dispatcher.hpp) and the webhook channel it sends through.
struct DispatcherConfig {
    bool enabled = true;  // off: this node delivers nothing (others on the same database may)
    // The longest it sleeps before it looks for deliveries it was not told of (other nodes'
    // notifications, on PostgreSQL).
    std::chrono::milliseconds poll_interval{1000};
    // How long a claimed delivery stays this node's: longer than send_timeout, or a slow send
    // would be sent again by another node meanwhile.
    std::chrono::milliseconds lease{60'000};
    int max_in_flight = 64;                       // sends under way at once on this node
    std::chrono::milliseconds send_timeout{15'000};  // one try, answer included
    // An endpoint whose every try failed for this long (from the first failed try after a
    // success) is disabled and operators are told; "never": it never is. Svix's five days.
    std::optional<Duration> disable_after = std::chrono::hours(24 * 5);
};

// What the channels may connect to, and whom they trust over https.
struct ChannelsConfig {
    // Loopback, private, link-local ... addresses the channels may deliver to after all
    // (`channels.allow_cidrs`); by default none: see adapters/channels/http/address_policy.hpp.
    channels::AddressPolicy addresses;
    // A PEM file of CA certificates the webhook and chat channels trust beside the system's (a
    // private CA); empty: the system's only.
    std::string ca_file;
};

enum class LogFormat { text, json };

struct LogConfig {
    std::string level = "info";
    LogFormat format = LogFormat::text;
};

struct Config {
    ServerConfig server;
    DatabaseConfig database;
    SchedulerConfig scheduler;
    DispatcherConfig dispatcher;
    ChannelsConfig channels;
    std::filesystem::path workflows_dir = "workflows";
    std::filesystem::path templates_dir = "config/templates";
    LogConfig log;
};

// "127.0.0.1:8080", "[::1]:8080", "localhost:0" (port 0: any free port).
std::optional<ListenAddress> parse_listen_address(std::string_view text);

// `text` is the YAML; `path` names it in messages; relative paths are resolved against `base`.
Result<Config, std::vector<Diagnostic>> parse_config(std::string_view text, const std::string& path,
                                                     const std::filesystem::path& base);

struct Environment {
    std::optional<std::string> database_url;  // SEMINARFLOW_DATABASE_URL
    std::optional<std::string> listen;        // SEMINARFLOW_LISTEN
    static Environment from_process();
};

// The file given with --config, or the embedded default; then the environment on top.
Result<Config, std::vector<Diagnostic>> load_config(const std::optional<std::filesystem::path>& file,
                                                    const Environment& environment);

}  // namespace seminarflow
