#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "adapters/cli/config.hpp"

using namespace seminarflow;

namespace {

std::string first_message(const Result<Config, std::vector<Diagnostic>>& result) {
    REQUIRE_FALSE(result.ok());
    REQUIRE_FALSE(result.error().empty());
    return format_diagnostic(result.error().front());
}

}  // namespace

TEST_CASE("the embedded default config is valid and says what the README says", "[config]") {
    const auto config = load_config(std::nullopt, Environment{});
    REQUIRE(config.ok());
    CHECK(config->server.listen.host == "127.0.0.1");
    CHECK(config->server.listen.port == 8080);
    CHECK(config->database.url == "sqlite:data/seminarflow.db");
    CHECK(config->server.max_body_bytes == 1024 * 1024);
    CHECK(config->server.threads == 1);
    CHECK(config->database.pool_size == 4);
    CHECK(config->database.read_threads == 2);
    CHECK(config->database.commit_threads == 64);
    CHECK(config->log.format == LogFormat::text);
    CHECK(config->scheduler.poll_interval == std::chrono::seconds(1));
    CHECK(config->scheduler.lease == std::chrono::seconds(30));
    CHECK(config->dispatcher.enabled);
    CHECK(config->dispatcher.poll_interval == std::chrono::seconds(1));
    CHECK(config->dispatcher.lease == std::chrono::seconds(60));
    CHECK(config->dispatcher.max_in_flight == 64);
    CHECK(config->dispatcher.send_timeout == std::chrono::seconds(15));
    CHECK(config->dispatcher.disable_after == std::chrono::hours(24 * 5));
    CHECK(config->workflows_dir == std::filesystem::current_path() / "workflows");
    CHECK(config->channels.addresses.allowed().empty());  // no loopback, private ... address allowed
    CHECK(config->channels.ca_file.empty());
}

TEST_CASE("every setting is read into the structs", "[config]") {
    const auto config = parse_config(R"(
server:
  listen: "[::1]:9090"
  threads: 4
  max_body_bytes: 2048
  request_timeout: 2m
database:
  url: postgresql://sf:secret@db:5432/sf
  pool_size: 16
  read_threads: 6
  commit_threads: 96
scheduler:
  poll_interval: 1m30s
  lease: 2m
dispatcher:
  enabled: false
  poll_interval: 250ms
  lease: 5m
  max_in_flight: 8
  send_timeout: 30s
  disable_after: 12h
workflows:
  dir: ../workflows
templates:
  dir: /etc/seminarflow/templates
log:
  level: debug
  format: json
)", "test.yaml", "/srv/seminarflow/config");
    REQUIRE(config.ok());
    CHECK(config->server.listen.host == "::1");
    CHECK(config->server.listen.port == 9090);
    CHECK(config->server.threads == 4);
    CHECK(config->server.max_body_bytes == 2048);
    CHECK(config->server.request_timeout == std::chrono::minutes(2));
    CHECK(config->database.url == "postgresql://sf:secret@db:5432/sf");
    CHECK(config->database.pool_size == 16);
    CHECK(config->database.read_threads == 6);
    CHECK(config->database.commit_threads == 96);
    CHECK(config->scheduler.poll_interval == std::chrono::seconds(90));
    CHECK(config->scheduler.lease == std::chrono::minutes(2));
    CHECK_FALSE(config->dispatcher.enabled);
    CHECK(config->dispatcher.poll_interval == std::chrono::milliseconds(250));
    CHECK(config->dispatcher.lease == std::chrono::minutes(5));
    CHECK(config->dispatcher.max_in_flight == 8);
    CHECK(config->dispatcher.send_timeout == std::chrono::seconds(30));
    CHECK(config->dispatcher.disable_after == std::chrono::hours(12));
    CHECK(config->workflows_dir == "/srv/seminarflow/workflows");  // relative to the config file
    CHECK(config->templates_dir == "/etc/seminarflow/templates");
    CHECK(config->log.level == "debug");
    CHECK(config->log.format == LogFormat::json);
}

TEST_CASE("unknown keys are refused at every level, with file:line and a suggestion", "[config]") {
    CHECK(first_message(parse_config("servr:\n  threads: 2\n", "c.yaml", "/")) ==
          "c.yaml:1:1: unknown key 'servr' in the configuration (did you mean 'server'?); known keys: server, "
          "database, scheduler, dispatcher, channels, workflows, templates, log");
    CHECK_THAT(first_message(parse_config("channels:\n  allow: [10.0.0.0/8]\n", "c.yaml", "/")),
               Catch::StartsWith("c.yaml:2:3: unknown key 'allow' in channels"));
    CHECK_THAT(first_message(parse_config("scheduler:\n  poll: 5s\n", "c.yaml", "/")),
               Catch::StartsWith("c.yaml:2:3: unknown key 'poll' in scheduler"));
    CHECK_THAT(first_message(parse_config("database:\n  url: sqlite:x.db\n  pool: 3\n", "c.yaml", "/")),
               Catch::StartsWith("c.yaml:3:3: unknown key 'pool' in database"));
    CHECK_THAT(first_message(parse_config("dispatcher:\n  concurrency: 4\n", "c.yaml", "/")),
               Catch::StartsWith("c.yaml:2:3: unknown key 'concurrency' in dispatcher"));
    CHECK_THAT(first_message(parse_config("log:\n  colour: true\n", "c.yaml", "/")),
               Catch::StartsWith("c.yaml:2:3: unknown key 'colour' in log"));
    CHECK_THAT(first_message(parse_config("workflows:\n  directory: x\n", "c.yaml", "/")),
               Catch::Contains("unknown key 'directory' in workflows"));
}

TEST_CASE("bad values are refused with the reason", "[config]") {
    CHECK_THAT(first_message(parse_config("server:\n  listen: 8080\n", "c.yaml", "/")),
               Catch::Contains("c.yaml:2:11: server.listen: '8080' is not host:port"));
    CHECK_THAT(first_message(parse_config("server:\n  threads: 0\n", "c.yaml", "/")),
               Catch::Contains("server.threads must be between 1 and 256"));
    CHECK_THAT(first_message(parse_config("server:\n  threads: many\n", "c.yaml", "/")),
               Catch::Contains("server.threads must be a whole number"));
    CHECK_THAT(first_message(parse_config("database:\n  read_threads: 0\n", "c.yaml", "/")),
               Catch::Contains("database.read_threads must be between 1 and 256"));
    CHECK_THAT(first_message(parse_config("database:\n  commit_threads: 2000\n", "c.yaml", "/")),
               Catch::Contains("database.commit_threads must be between 1 and 1024"));
    CHECK_THAT(first_message(parse_config("server:\n  request_timeout: soon\n", "c.yaml", "/")),
               Catch::Contains("is not a duration"));
    CHECK_THAT(first_message(parse_config("scheduler:\n  poll_interval: often\n", "c.yaml", "/")),
               Catch::Contains("c.yaml:2:18: scheduler.poll_interval: 'often' is not a duration such as 1s"));
    CHECK_THAT(first_message(parse_config("scheduler:\n  poll_interval: 5ms\n", "c.yaml", "/")),
               Catch::Contains("scheduler.poll_interval must be between 10ms and 1h"));
    CHECK_THAT(first_message(parse_config("scheduler:\n  poll_interval: 2h\n", "c.yaml", "/")),
               Catch::Contains("scheduler.poll_interval must be between 10ms and 1h"));
    CHECK_THAT(first_message(parse_config("scheduler:\n  poll_interval: [1s]\n", "c.yaml", "/")),
               Catch::Contains("scheduler.poll_interval must be a single value"));
    CHECK_THAT(first_message(parse_config("scheduler:\n  lease: 500ms\n", "c.yaml", "/")),
               Catch::Contains("scheduler.lease must be between 1s and 1h"));
    CHECK_THAT(first_message(parse_config("scheduler:\n  lease: 2h\n", "c.yaml", "/")),
               Catch::Contains("scheduler.lease must be between 1s and 1h"));
    CHECK_THAT(first_message(parse_config("dispatcher:\n  enabled: sometimes\n", "c.yaml", "/")),
               Catch::Contains("dispatcher.enabled"));
    CHECK_THAT(first_message(parse_config("dispatcher:\n  max_in_flight: 0\n", "c.yaml", "/")),
               Catch::Contains("dispatcher.max_in_flight must be between 1 and 10000"));
    CHECK_THAT(first_message(parse_config("dispatcher:\n  poll_interval: 1ms\n", "c.yaml", "/")),
               Catch::Contains("dispatcher.poll_interval must be between 10ms and 1h"));
    CHECK_THAT(first_message(parse_config("dispatcher:\n  send_timeout: 10m\n", "c.yaml", "/")),
               Catch::Contains("dispatcher.send_timeout must be between 100ms and 5m"));
    CHECK_THAT(first_message(parse_config("dispatcher:\n  lease: 2h\n", "c.yaml", "/")),
               Catch::Contains("dispatcher.lease must be between 1s and 1h"));
    CHECK_THAT(first_message(parse_config("dispatcher:\n  lease: 10s\n", "c.yaml", "/")),
               Catch::Contains("c.yaml:2:3: dispatcher.lease (10s) must be longer than dispatcher.send_timeout (15s)"));
    CHECK_THAT(first_message(parse_config("log:\n  format: xml\n", "c.yaml", "/")),
               Catch::Contains("log.format: 'xml' is not text or json"));
    CHECK_THAT(first_message(parse_config("log:\n  level: loud\n", "c.yaml", "/")),
               Catch::Contains("log.level: 'loud'"));
    CHECK_THAT(first_message(parse_config("server: [1, 2]\n", "c.yaml", "/")),
               Catch::Contains("server must be a mapping"));
    CHECK_THAT(first_message(parse_config("server:\n  listen: [a\n", "c.yaml", "/")),
               Catch::Contains("not valid YAML"));
}

TEST_CASE("dispatcher.disable_after is a duration from a minute to a year, or never", "[config]") {
    const auto never = parse_config("dispatcher:\n  disable_after: never\n", "c.yaml", "/");
    REQUIRE(never.ok());
    CHECK_FALSE(never->dispatcher.disable_after.has_value());
    CHECK(first_message(parse_config("dispatcher:\n  disable_after: 30s\n", "c.yaml", "/")) ==
          "c.yaml:2:18: dispatcher.disable_after must be between 1m and 52w");
    CHECK_THAT(first_message(parse_config("dispatcher:\n  disable_after: soon\n", "c.yaml", "/")),
               Catch::Contains("dispatcher.disable_after: 'soon' is not a duration"));
}

TEST_CASE("channels.allow_cidrs and channels.ca_file are read, the CA file from the config's folder", "[config]") {
    const auto folder = std::filesystem::temp_directory_path() / "seminarflow-config-test";
    std::filesystem::create_directories(folder);
    std::ofstream(folder / "private-ca.pem") << "-----BEGIN CERTIFICATE-----\n";
    const auto config = parse_config("channels:\n  allow_cidrs: [127.0.0.0/8, '::1/128', 10.20.0.0/16]\n"
                                     "  ca_file: private-ca.pem\n",
                                     "c.yaml", folder);
    REQUIRE(config.ok());
    CHECK(config->channels.addresses.allowed().size() == 3);
    CHECK_FALSE(config->channels.addresses.refusal(*channels::parse_ip("10.20.3.4")));
    CHECK(config->channels.addresses.refusal(*channels::parse_ip("10.21.0.1")));
    CHECK(config->channels.ca_file == (folder / "private-ca.pem").string());
    std::filesystem::remove_all(folder);
}

TEST_CASE("a bad CIDR or CA file is refused at start, with file:line", "[config]") {
    CHECK(first_message(parse_config("channels:\n  allow_cidrs:\n    - 127.0.0.0/8\n    - 10.0.0.1/8\n", "c.yaml", "/")) ==
          "c.yaml:4:7: channels.allow_cidrs: '10.0.0.1/8' has bits set past its /8 prefix: did you mean 10.0.0.0/8?");
    CHECK(first_message(parse_config("channels:\n  allow_cidrs: [localhost]\n", "c.yaml", "/")) ==
          "c.yaml:2:17: channels.allow_cidrs: 'localhost' is not an address or a CIDR such as 10.0.0.0/8 or fd00::/8");
    CHECK(first_message(parse_config("channels:\n  allow_cidrs: [10.0.0.0/33]\n", "c.yaml", "/")) ==
          "c.yaml:2:17: channels.allow_cidrs: '10.0.0.0/33': the prefix length must be a number from 0 to 32");
    CHECK(first_message(parse_config("channels:\n  allow_cidrs: 127.0.0.0/8\n", "c.yaml", "/")) ==
          "c.yaml:2:16: channels.allow_cidrs must be a list of CIDRs, e.g. [127.0.0.0/8, ::1/128]");
    CHECK_THAT(first_message(parse_config("channels:\n  allow_cidrs: [[1]]\n", "c.yaml", "/")),
               Catch::Contains("channels.allow_cidrs must be a single value"));
    CHECK(first_message(parse_config("channels:\n  ca_file: nowhere.pem\n", "c.yaml", "/srv/sf")) ==
          "c.yaml:2:12: channels.ca_file: /srv/sf/nowhere.pem is not a file (PEM CA certificates)");
}

TEST_CASE("the PostgreSQL example config is valid", "[config]") {
    const auto config =
        load_config(std::filesystem::path(SEMINARFLOW_SOURCE_DIR) / "config" / "postgresql.example.yaml", Environment{});
    REQUIRE(config.ok());
    CHECK(config->database.url.starts_with("postgresql://"));
    CHECK(config->scheduler.poll_interval == std::chrono::seconds(5));
}

TEST_CASE("an empty config file means every default", "[config]") {
    const auto config = parse_config("", "empty.yaml", "/");
    REQUIRE(config.ok());
    CHECK(config->server.listen.port == 8080);
}

TEST_CASE("the environment overrides the database URL and the listen address", "[config]") {
    Environment environment;
    environment.database_url = "postgresql://u:p@127.0.0.1:5433/x";
    environment.listen = "0.0.0.0:9000";
    const auto config = load_config(std::nullopt, environment);
    REQUIRE(config.ok());
    CHECK(config->database.url == "postgresql://u:p@127.0.0.1:5433/x");
    CHECK(config->server.listen.host == "0.0.0.0");
    CHECK(config->server.listen.port == 9000);

    environment.listen = "0.0.0.0";
    CHECK_THAT(first_message(load_config(std::nullopt, environment)),
               Catch::Equals("SEMINARFLOW_LISTEN: '0.0.0.0' is not host:port (e.g. 127.0.0.1:8080)"));
}

TEST_CASE("listen addresses", "[config]") {
    CHECK(parse_listen_address("127.0.0.1:8080")->port == 8080);
    CHECK(parse_listen_address("localhost:0")->port == 0);
    CHECK(parse_listen_address("[::1]:80")->host == "::1");
    CHECK_FALSE(parse_listen_address("::1:80"));
    CHECK_FALSE(parse_listen_address("host:"));
    CHECK_FALSE(parse_listen_address(":80"));
    CHECK_FALSE(parse_listen_address("host:65536"));
    CHECK_FALSE(parse_listen_address("host:8o"));
}

TEST_CASE("a config file that cannot be read is refused", "[config]") {
    CHECK_THAT(first_message(load_config(std::filesystem::path("/nonexistent/seminarflow.yaml"), Environment{})),
               Catch::Contains("cannot read the configuration file"));
}
