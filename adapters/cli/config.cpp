#include "adapters/cli/config.hpp"

#include <yaml-cpp/yaml.h>

#include <charconv>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "embedded/default_config.hpp"
#include "engine/definition/yaml_mapping.hpp"
#include "engine/model/time.hpp"

namespace seminarflow {
namespace {

class ConfigParser {
public:
    ConfigParser(const std::string& path, std::filesystem::path base) : sink_(path), base_(std::move(base)) {}

    Result<Config, std::vector<Diagnostic>> parse(std::string_view text) {
        YAML::Node root;
        try {
            root = YAML::Load(std::string(text));
        } catch (const YAML::Exception& error) {
            sink_.error({error.mark.line + 1, error.mark.column + 1}, "not valid YAML: " + error.msg);
            return fail(std::move(sink_.diagnostics()));
        }
        Config config;
        if (root.IsNull()) return config;  // an empty file: every default
        if (check_mapping(root, "the configuration", {"server", "database", "scheduler", "dispatcher", "channels", "workflows",
                                                           "templates", "log"},
                          sink_)) {
            if (root["server"].IsDefined()) server(root["server"], config.server);
            if (root["database"].IsDefined()) database(root["database"], config.database);
            if (root["scheduler"].IsDefined()) scheduler(root["scheduler"], config.scheduler);
            if (root["dispatcher"].IsDefined()) dispatcher(root["dispatcher"], config.dispatcher);
            if (root["channels"].IsDefined()) channels(root["channels"], config.channels);
            if (root["workflows"].IsDefined()) directory(root["workflows"], "workflows", config.workflows_dir);
            if (root["templates"].IsDefined()) directory(root["templates"], "templates", config.templates_dir);
            if (root["log"].IsDefined()) log(root["log"], config.log);
        }
        if (!sink_.empty()) return fail(std::move(sink_.diagnostics()));
        return config;
    }

private:
    void server(const YAML::Node& node, ServerConfig& server) {
        if (!check_mapping(node, "server", {"listen", "threads", "max_body_bytes", "request_timeout"}, sink_)) return;
        if (node["listen"].IsDefined()) {
            if (auto text = read_text(node["listen"], "server.listen", sink_)) {
                if (auto address = parse_listen_address(*text)) {
                    server.listen = *address;
                } else {
                    sink_.error(location_of(node["listen"]),
                                "server.listen: '" + *text + "' is not host:port (e.g. 127.0.0.1:8080)");
                }
            }
        }
        if (node["threads"].IsDefined()) server.threads = bounded(node["threads"], "server.threads", 1, 256, server.threads);
        if (node["max_body_bytes"].IsDefined()) {
            server.max_body_bytes = static_cast<std::size_t>(
                bounded(node["max_body_bytes"], "server.max_body_bytes", 1024, 1LL << 30,
                        static_cast<long long>(server.max_body_bytes)));
        }
        if (node["request_timeout"].IsDefined()) {
            if (auto text = read_text(node["request_timeout"], "server.request_timeout", sink_)) {
                const auto timeout = parse_duration(*text);
                if (timeout && *timeout > Duration{0}) {
                    server.request_timeout = *timeout;
                } else {
                    sink_.error(location_of(node["request_timeout"]),
                                "server.request_timeout: '" + *text + "' is not a duration such as 30s or 2m");
                }
            }
        }
    }

    void database(const YAML::Node& node, DatabaseConfig& database) {
        if (!check_mapping(node, "database", {"url", "pool_size", "read_threads", "commit_threads"}, sink_)) return;
        if (node["url"].IsDefined()) {
            if (auto url = read_text(node["url"], "database.url", sink_)) database.url = *url;
        }
        if (node["pool_size"].IsDefined()) {
            database.pool_size = bounded(node["pool_size"], "database.pool_size", 1, 256, database.pool_size);
        }
        if (node["read_threads"].IsDefined()) {
            database.read_threads = bounded(node["read_threads"], "database.read_threads", 1, 256, database.read_threads);
        }
        if (node["commit_threads"].IsDefined()) {
            database.commit_threads =
                bounded(node["commit_threads"], "database.commit_threads", 1, 1024, database.commit_threads);
        }
    }

    void scheduler(const YAML::Node& node, SchedulerConfig& scheduler) {
        if (!check_mapping(node, "scheduler", {"poll_interval", "lease"}, sink_)) return;
        if (node["poll_interval"].IsDefined()) {
            // Below 10 ms a node would query the database without rest; above an hour, a node
            // whose listening connection is lost would notice work too late to be of use.
            scheduler.poll_interval = bounded_duration(node["poll_interval"], "scheduler.poll_interval",
                                                       std::chrono::milliseconds(10), std::chrono::hours(1),
                                                       scheduler.poll_interval);
        }
        if (node["lease"].IsDefined()) {
            // Below a second a busy round could outlive its own lease and be fired twice over
            // (once state-wise still, but with wasted work); above an hour a dead node's reminders
            // would be an hour late.
            scheduler.lease = bounded_duration(node["lease"], "scheduler.lease", std::chrono::seconds(1),
                                               std::chrono::hours(1), scheduler.lease);
        }
    }

    void dispatcher(const YAML::Node& node, DispatcherConfig& dispatcher) {
        if (!check_mapping(node, "dispatcher", {"enabled", "poll_interval", "lease", "max_in_flight", "send_timeout",
                                                         "disable_after"},
                           sink_)) {
            return;
        }
        if (node["enabled"].IsDefined()) {
            if (auto enabled = read_boolean(node["enabled"], "dispatcher.enabled", sink_)) dispatcher.enabled = *enabled;
        }
        if (node["poll_interval"].IsDefined()) {
            dispatcher.poll_interval = bounded_duration(node["poll_interval"], "dispatcher.poll_interval",
                                                        std::chrono::milliseconds(10), std::chrono::hours(1),
                                                        dispatcher.poll_interval);
        }
        if (node["max_in_flight"].IsDefined()) {
            dispatcher.max_in_flight =
                bounded(node["max_in_flight"], "dispatcher.max_in_flight", 1, 10'000, dispatcher.max_in_flight);
        }
        if (node["send_timeout"].IsDefined()) {
            dispatcher.send_timeout = bounded_duration(node["send_timeout"], "dispatcher.send_timeout",
                                                       std::chrono::milliseconds(100), std::chrono::minutes(5),
                                                       dispatcher.send_timeout);
        }
        if (node["lease"].IsDefined()) {
            dispatcher.lease = bounded_duration(node["lease"], "dispatcher.lease", std::chrono::seconds(1),
                                                std::chrono::hours(1), dispatcher.lease);
        }
        if (node["disable_after"].IsDefined()) disable_after(node["disable_after"], dispatcher);
        // A lease shorter than a try lets another node send the same delivery while this one
        // still waits for the answer.
        if (dispatcher.lease <= dispatcher.send_timeout) {
            sink_.error(location_of(node), "dispatcher.lease (" + format_duration(dispatcher.lease) +
                                               ") must be longer than dispatcher.send_timeout (" +
                                               format_duration(dispatcher.send_timeout) + ")");
        }
    }

    // A minute to a year: a receiver that restarts should not lose its endpoint. "never" turns it off.
    void disable_after(const YAML::Node& node, DispatcherConfig& dispatcher) {
        if (node.IsScalar() && node.Scalar() == "never") {
            dispatcher.disable_after.reset();
            return;
        }
        dispatcher.disable_after = bounded_duration(node, "dispatcher.disable_after", std::chrono::minutes(1),
                                                    std::chrono::weeks(52),
                                                    dispatcher.disable_after.value_or(std::chrono::hours(24 * 5)));
    }

    void channels(const YAML::Node& node, ChannelsConfig& out) {
        if (!check_mapping(node, "channels", {"allow_cidrs", "ca_file"}, sink_)) return;
        if (node["allow_cidrs"].IsDefined()) allow_cidrs(node["allow_cidrs"], out);
        if (node["ca_file"].IsDefined()) {
            if (auto file = read_text(node["ca_file"], "channels.ca_file", sink_)) {
                const auto resolved = beside_config(*file);
                std::error_code error;
                if (std::filesystem::is_regular_file(resolved, error)) {
                    out.ca_file = resolved.string();
                } else {
                    sink_.error(location_of(node["ca_file"]),
                                "channels.ca_file: " + resolved.string() + " is not a file (PEM CA certificates)");
                }
            }
        }
    }

    // Every entry checked here, at start, so that a typo is found before a delivery is refused.
    void allow_cidrs(const YAML::Node& node, ChannelsConfig& out) {
        if (!node.IsSequence()) {
            sink_.error(location_of(node), "channels.allow_cidrs must be a list of CIDRs, e.g. [127.0.0.0/8, ::1/128]");
            return;
        }
        std::vector<channels::Cidr> allowed;
        for (const YAML::Node& item : node) {
            auto text = read_text(item, "channels.allow_cidrs", sink_);
            if (!text) continue;
            auto cidr = channels::parse_cidr(*text);
            if (!cidr) {
                sink_.error(location_of(item), "channels.allow_cidrs: " + cidr.error());
                continue;
            }
            allowed.push_back(std::move(cidr).value());
        }
        out.addresses = channels::AddressPolicy(std::move(allowed));
    }

    void directory(const YAML::Node& node, const std::string& section, std::filesystem::path& out) {
        if (!check_mapping(node, section, {"dir"}, sink_)) return;
        if (auto dir = read_text(node["dir"], section + ".dir", sink_)) out = beside_config(*dir);
    }

    // A relative path in the file is read from the file's folder, not from where the server starts.
    std::filesystem::path beside_config(const std::string& text) const {
        const std::filesystem::path path(text);
        return path.is_absolute() ? path : (base_ / path).lexically_normal();
    }

    void log(const YAML::Node& node, LogConfig& log) {
        if (!check_mapping(node, "log", {"level", "format"}, sink_)) return;
        if (node["level"].IsDefined()) {
            if (auto level = read_text(node["level"], "log.level", sink_)) {
                static constexpr std::string_view levels[] = {"trace", "debug", "info", "warn", "error", "critical", "off"};
                if (std::find(std::begin(levels), std::end(levels), *level) == std::end(levels)) {
                    sink_.error(location_of(node["level"]),
                                "log.level: '" + *level + "' is not one of trace, debug, info, warn, error, critical, off");
                } else {
                    log.level = *level;
                }
            }
        }
        if (node["format"].IsDefined()) {
            if (auto format = read_text(node["format"], "log.format", sink_)) {
                if (*format == "text" || *format == "json") {
                    log.format = *format == "json" ? LogFormat::json : LogFormat::text;
                } else {
                    sink_.error(location_of(node["format"]), "log.format: '" + *format + "' is not text or json");
                }
            }
        }
    }

    int bounded(const YAML::Node& node, const std::string& what, long long low, long long high, long long fallback) {
        const auto value = read_integer(node, what, sink_);
        if (!value) return static_cast<int>(fallback);
        if (*value < low || *value > high) {
            sink_.error(location_of(node), what + " must be between " + std::to_string(low) + " and " + std::to_string(high));
            return static_cast<int>(fallback);
        }
        return static_cast<int>(*value);
    }

    std::chrono::milliseconds bounded_duration(const YAML::Node& node, const std::string& what, Duration low,
                                               Duration high, std::chrono::milliseconds fallback) {
        const auto text = read_text(node, what, sink_);
        if (!text) return fallback;
        const auto duration = parse_duration(*text);
        if (!duration) {
            sink_.error(location_of(node), what + ": '" + *text + "' is not a duration such as 1s, 500ms or 2m");
            return fallback;
        }
        if (*duration < low || *duration > high) {
            sink_.error(location_of(node), what + " must be between " + format_duration(low) + " and " +
                                               format_duration(high));
            return fallback;
        }
        return *duration;
    }

    DiagnosticSink sink_;
    std::filesystem::path base_;
};

}  // namespace

std::optional<ListenAddress> parse_listen_address(std::string_view text) {
    const std::size_t colon = text.rfind(':');
    if (colon == std::string_view::npos || colon == 0) return std::nullopt;
    std::string_view host = text.substr(0, colon);
    const std::string_view port_text = text.substr(colon + 1);
    if (host.front() == '[') {
        if (host.back() != ']' || host.size() < 3) return std::nullopt;
        host = host.substr(1, host.size() - 2);
    } else if (host.find(':') != std::string_view::npos) {
        return std::nullopt;  // an IPv6 address must be written in brackets
    }
    unsigned port = 0;
    const auto [rest, error] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
    if (error != std::errc{} || rest != port_text.data() + port_text.size() || port_text.empty() || port > 65535) {
        return std::nullopt;
    }
    return ListenAddress{std::string(host), static_cast<std::uint16_t>(port)};
}

Result<Config, std::vector<Diagnostic>> parse_config(std::string_view text, const std::string& path,
                                                     const std::filesystem::path& base) {
    return ConfigParser(path, base).parse(text);
}

Environment Environment::from_process() {
    Environment environment;
    if (const char* url = std::getenv("SEMINARFLOW_DATABASE_URL"); url && *url) environment.database_url = url;
    if (const char* listen = std::getenv("SEMINARFLOW_LISTEN"); listen && *listen) environment.listen = listen;
    return environment;
}

Result<Config, std::vector<Diagnostic>> load_config(const std::optional<std::filesystem::path>& file,
                                                    const Environment& environment) {
    std::string text;
    std::string name = "(embedded default config/seminarflow.yaml)";
    std::filesystem::path base = std::filesystem::current_path();
    if (file) {
        std::ifstream stream(*file, std::ios::binary);
        std::ostringstream buffer;
        buffer << stream.rdbuf();
        if (!stream) return fail(std::vector<Diagnostic>{{file->string(), {}, "cannot read the configuration file"}});
        text = buffer.str();
        name = file->string();
        base = std::filesystem::absolute(*file).parent_path();
    } else {
        text = std::string(default_config::files().front().content);
    }
    auto config = parse_config(text, name, base);
    if (!config) return config;
    if (environment.database_url) config->database.url = *environment.database_url;
    if (environment.listen) {
        const auto address = parse_listen_address(*environment.listen);
        if (!address) {
            return fail(std::vector<Diagnostic>{{"SEMINARFLOW_LISTEN", {},
                                                 "'" + *environment.listen + "' is not host:port (e.g. 127.0.0.1:8080)"}});
        }
        config->server.listen = *address;
    }
    return config;
}

}  // namespace seminarflow
