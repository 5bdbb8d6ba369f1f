#pragma once
// The database URLs of DESIGN.md, parsed once at start into what SOCI needs:
//   sqlite:///absolute/path.db   sqlite:relative/path.db
//   postgresql://user:password@host:port/dbname?sslmode=disable   (postgres:// too)
// Pure: no SOCI here, so the config and CLI code can validate a URL without linking a driver.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/model/result.hpp"
#include "engine/ports/store.hpp"

namespace seminarflow {

enum class DatabaseBackend { sqlite, postgresql };

std::string_view to_string(DatabaseBackend backend);

struct DatabaseUrl {
    DatabaseBackend backend = DatabaseBackend::sqlite;

    // sqlite: the file, percent-decoded; relative paths are relative to the working directory.
    std::string path;

    // postgresql: every part percent-decoded.
    std::string user;                     // empty: libpq's default (the OS user)
    std::optional<std::string> password;  // absent and empty differ: "user:@host" is empty
    std::string host;                     // an IPv6 address without its brackets
    std::optional<std::uint16_t> port;    // absent: libpq's default (5432)
    std::string database;
    std::vector<std::pair<std::string, std::string>> parameters;  // the query, in URL order

    // "sqlite3" or "postgresql": the name of SOCI's backend.
    std::string soci_backend() const;
    // What SOCI's backend opens. Holds the password: never log it; log redacted() instead.
    std::string connect_string() const;
    // The URL with the password (and any *password* parameter) replaced by "***".
    std::string redacted() const;
};

// Refuses what would fail later or mean something else than it says, with a sentence that names
// the part at fault. Messages never quote the URL, which may hold a password.
Result<DatabaseUrl, StoreError> parse_database_url(std::string_view text);

}  // namespace seminarflow
