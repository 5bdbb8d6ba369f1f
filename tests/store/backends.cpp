#include "tests/store/backends.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <fstream>
#include <random>
#include <stdexcept>
#include <system_error>

#include <soci/soci.h>

#include "adapters/store/connection.hpp"

namespace seminarflow::test {
namespace {

constexpr const char* url_file_variable = "SEMINARFLOW_TEST_POSTGRES_URL_FILE";

std::string random_hex(std::size_t length) {
    thread_local std::mt19937_64 generator{std::random_device{}()};
    constexpr std::string_view digits = "0123456789abcdef";
    std::string text;
    for (std::size_t i = 0; i < length; ++i) text += digits[generator() % digits.size()];
    return text;
}

std::filesystem::path make_temporary_folder() {
    std::string pattern = (std::filesystem::temp_directory_path() / "seminarflow-store-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) {
        throw std::system_error(errno, std::generic_category(), "cannot make a folder like " + pattern);
    }
    return pattern;
}

DatabaseUrl parse_or_throw(const std::string& text) {
    auto url = parse_database_url(text);
    if (!url) throw std::runtime_error("bad test URL: " + url.error().message);
    return std::move(url).value();
}

DatabaseUrl read_server_url() {
    const char* file = std::getenv(url_file_variable);
    if (file == nullptr || *file == '\0') {
        throw std::runtime_error(std::string(url_file_variable) +
                                 " is not set. The PostgreSQL store tests need the throwaway server: run them "
                                 "with ctest (its postgres fixture starts one), or run "
                                 "scripts/throwaway-postgres.sh start DIR and set the variable to DIR/url");
    }
    std::ifstream in(file);
    std::string text;
    if (!in || !std::getline(in, text) || text.empty()) {
        throw std::runtime_error(std::string("no PostgreSQL server URL in ") + file +
                                 ": did the postgres_start test run, and pass?");
    }
    return parse_or_throw(text);
}

}  // namespace

RefusingPort::RefusingPort() {
    socket_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (socket_ < 0) throw std::system_error(errno, std::generic_category(), "socket");
    sockaddr_in address{};
    address.sin_family = AF_INET;
    ::inet_pton(AF_INET, "127.0.0.1", &address.sin_addr);
    socklen_t length = sizeof address;
    if (::bind(socket_, reinterpret_cast<const sockaddr*>(&address), length) != 0 ||
        ::getsockname(socket_, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
        const int error = errno;
        ::close(socket_);
        throw std::system_error(error, std::generic_category(), "cannot bind a loopback port");
    }
    number_ = ntohs(address.sin_port);
}

RefusingPort::~RefusingPort() {
    ::close(socket_);
}

SqliteBackend::SqliteBackend() : folder_(make_temporary_folder()) {
    url_ = parse_or_throw("sqlite://" + (folder_ / "seminarflow.db").string());
}

SqliteBackend::~SqliteBackend() {
    std::error_code ignored;
    std::filesystem::remove_all(folder_, ignored);
}

DatabaseUrl SqliteBackend::unreachable_url() const {
    return parse_or_throw("sqlite://" + (folder_ / "missing" / "seminarflow.db").string());
}

PostgresqlBackend::PostgresqlBackend() {
    const DatabaseUrl server_url = read_server_url();
    server_ = connect(server_url);
    url_ = server_url;
    url_.database = "seminarflow_" + random_hex(16);
    execute_script(*server_, DatabaseBackend::postgresql, "CREATE DATABASE " + url_.database);
}

PostgresqlBackend::~PostgresqlBackend() {
    try {
        // FORCE ends the sessions a failed test may have left open.
        execute_script(*server_, DatabaseBackend::postgresql, "DROP DATABASE " + url_.database + " WITH (FORCE)");
    } catch (const soci::soci_error&) {
        // The whole cluster goes when the fixture stops it.
    }
}

DatabaseUrl PostgresqlBackend::unreachable_url() const {
    DatabaseUrl url = url_;
    url.port = refusing_port_.number();
    return url;
}

soci::session& PostgresqlBackend::server() {
    return *server_;
}

std::unique_ptr<soci::session> connect(const DatabaseUrl& url) {
    auto session = std::make_unique<soci::session>();
    open_connection(*session, url, ConnectionSettings{});
    return session;
}

long long query_number(soci::session& session, const std::string& sql) {
    long long value = 0;
    session << sql, soci::into(value);
    return value;
}

std::vector<Migration> numbered_migrations(std::span<const std::string> sql) {
    std::vector<Migration> migrations;
    for (std::size_t i = 0; i < sql.size(); ++i) {
        const int version = static_cast<int>(i) + 1;
        migrations.push_back({version, "step_" + std::to_string(version), sql[i]});
    }
    return migrations;
}

}  // namespace seminarflow::test
