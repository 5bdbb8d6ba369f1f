#pragma once
// The two databases the store suite runs on. Every test case gets a fresh, empty database of
// its own and leaves nothing behind, so cases can run in any order and in parallel.
//
// The suite is one set of test cases, each a TEMPLATE_TEST_CASE over these types: Catch names
// them "<case> - SqliteBackend" and "<case> - PostgresqlBackend", and tests/store/CMakeLists.txt
// gives the PostgreSQL ones the throwaway server fixture by that name.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "adapters/store/database_url.hpp"
#include "adapters/store/migration.hpp"

namespace soci {
class session;
}

namespace seminarflow::test {

// A loopback port bound but not listening: a connection to it is refused for as long as this
// lives, and no other process can start listening there meanwhile.
class RefusingPort {
public:
    RefusingPort();
    ~RefusingPort();
    RefusingPort(const RefusingPort&) = delete;
    RefusingPort& operator=(const RefusingPort&) = delete;
    std::uint16_t number() const { return number_; }

private:
    int socket_ = -1;
    std::uint16_t number_ = 0;
};

// A database file (not created yet) in a temporary folder that is removed afterwards.
class SqliteBackend {
public:
    static constexpr DatabaseBackend backend = DatabaseBackend::sqlite;
    SqliteBackend();
    ~SqliteBackend();
    SqliteBackend(const SqliteBackend&) = delete;
    SqliteBackend& operator=(const SqliteBackend&) = delete;

    const DatabaseUrl& url() const { return url_; }
    // A file in a folder that does not exist, and what SQLite says about it.
    DatabaseUrl unreachable_url() const;
    static constexpr std::string_view unreachable_reason = "unable to open database file";

private:
    std::filesystem::path folder_;
    DatabaseUrl url_;
};

// A database created on the throwaway server that the ctest fixture started
// (scripts/throwaway-postgres.sh), dropped afterwards. The server's URL is in the file that
// SEMINARFLOW_TEST_POSTGRES_URL_FILE names; without it the constructor throws, failing the test.
class PostgresqlBackend {
public:
    static constexpr DatabaseBackend backend = DatabaseBackend::postgresql;
    PostgresqlBackend();
    ~PostgresqlBackend();
    PostgresqlBackend(const PostgresqlBackend&) = delete;
    PostgresqlBackend& operator=(const PostgresqlBackend&) = delete;

    const DatabaseUrl& url() const { return url_; }
    // The test database's URL with a port that refuses connections, and what libpq says then.
    DatabaseUrl unreachable_url() const;
    static constexpr std::string_view unreachable_reason = "Connection refused";
    // A connection to the server's own database: for what cannot be done from inside the test
    // database (ending its sessions, dropping it).
    soci::session& server();

private:
    std::unique_ptr<soci::session> server_;
    DatabaseUrl url_;
    RefusingPort refusing_port_;
};

// A connection opened as the store opens its own (WAL, foreign keys ... see connection.hpp).
std::unique_ptr<soci::session> connect(const DatabaseUrl& url);

// A single-value query, such as a count.
long long query_number(soci::session& session, const std::string& sql);

// Migrations numbered 1, 2, 3 ... named step_1, step_2 ... from their SQL.
std::vector<Migration> numbered_migrations(std::span<const std::string> sql);

}  // namespace seminarflow::test
