#pragma once
// One SOCI connection as the store uses it: opened and set up alike for the pool and for tests,
// and able to run a whole SQL script. Internal to adapters/store and its tests: it shows SOCI,
// which soci_store.hpp keeps from everyone else.
#include <chrono>
#include <string>
#include <string_view>

#include "adapters/store/database_url.hpp"

namespace soci {
class session;
}

namespace seminarflow {

struct ConnectionSettings {
    // SQLite has one writer at a time; another waits this long for it before "database is locked".
    std::chrono::milliseconds busy_timeout{5000};
};

// Opens `session` (closed before) on `url`. SQLite: busy timeout, WAL journal (readers do not
// block the writer), synchronous=FULL (an accepted event survives a power cut, not only a
// kill -9), foreign keys on (SQLite's default is off, per connection), a checkpoint every
// 10,000 WAL pages. PostgreSQL: UTC session time zone. Throws soci::soci_error.
void open_connection(soci::session& session, const DatabaseUrl& url, const ConnectionSettings& settings);

// Runs `script`, any number of statements, with the driver's own parser (sqlite3_exec, PQexec):
// SOCI prepares one statement at a time, and splitting SQL ourselves would break on the first
// trigger body or dollar quote. Throws soci::soci_error.
void execute_script(soci::session& session, DatabaseBackend backend, std::string_view script);

// `url` for a PostgreSQL connection that stays open apart from the pool, idle much of the time
// (the work listener, the instance reader): named `application_name` in pg_stat_activity, and
// with TCP keepalives, so that one whose server vanished without a word (a network cut) is found
// dead in about a minute rather than the system's two hours. What the operator's URL says wins.
DatabaseUrl long_lived_url(DatabaseUrl url, std::string_view application_name);

// A driver's error on one line: libpq spreads its messages over several, indented with tabs.
std::string one_line(std::string_view message);

}  // namespace seminarflow
