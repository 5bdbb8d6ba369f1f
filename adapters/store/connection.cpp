#include "adapters/store/connection.hpp"

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <thread>

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

namespace seminarflow {
namespace {

// Switching a new file to WAL takes an exclusive lock, and while another connection switches the
// same file SQLite may answer SQLITE_BUSY at once instead of calling its busy handler. So this
// waits itself, within the busy timeout, as the handler would have.
std::string switch_to_wal(soci::session& session, std::chrono::milliseconds busy_timeout) {
    const auto deadline = std::chrono::steady_clock::now() + busy_timeout;
    auto pause = std::chrono::milliseconds(1);
    while (true) {
        try {
            std::string mode;
            session << "PRAGMA journal_mode = WAL", soci::into(mode);
            return mode;
        } catch (const soci::sqlite3_soci_error& error) {
            const bool busy = (error.result() & 0xff) == SQLITE_BUSY;  // extended codes keep it in the low byte
            if (!busy || std::chrono::steady_clock::now() + pause > deadline) throw;
        }
        std::this_thread::sleep_for(pause);
        pause = std::min(pause * 2, std::chrono::milliseconds(50));
    }
}

void set_up_sqlite(soci::session& session, const ConnectionSettings& settings) {
    // The timeout first, so that what follows waits for other connections' locks.
    session << "PRAGMA busy_timeout = " + std::to_string(settings.busy_timeout.count());
    const std::string mode = switch_to_wal(session, settings.busy_timeout);
    if (mode != "wal") {
        throw soci::soci_error("SQLite refused the WAL journal (it kept '" + mode + "')");
    }
    session << "PRAGMA synchronous = FULL";
    session << "PRAGMA foreign_keys = ON";
    // A checkpoint runs on the connection that commits, so the group commit's one writer pays for
    // it: at the default (1,000 pages) a busy batch crossed it every time, copying back the pages
    // every batch touches (index roots, the last leaves of history and outbox) once per batch.
    // At 10,000 (about 40 MB of WAL) those are copied once per several batches: 5-8% less CPU
    // per fired timer on a million-instance file (bench/README.md, "Durable timers").
    session << "PRAGMA wal_autocheckpoint = 10000";
}

void run_sqlite_script(soci::session& session, const std::string& script) {
    auto* backend = static_cast<soci::sqlite3_session_backend*>(session.get_backend());
    char* error = nullptr;
    const int status = sqlite_api::sqlite3_exec(backend->conn_, script.c_str(), nullptr, nullptr, &error);
    if (status != SQLITE_OK) {
        std::string message = error != nullptr ? error : sqlite_api::sqlite3_errstr(status);
        sqlite_api::sqlite3_free(error);
        throw soci::soci_error(message);
    }
}

// The server's sentence, its detail and hint, and where in the script: a migration's author needs
// the line, and a single-line log has no use for libpq's caret under a quoted excerpt.
std::string describe_postgresql_error(const PGresult& result, const std::string& script) {
    const char* primary = PQresultErrorField(&result, PG_DIAG_MESSAGE_PRIMARY);
    if (primary == nullptr) return PQresultErrorMessage(&result);
    std::string message = primary;
    if (const char* detail = PQresultErrorField(&result, PG_DIAG_MESSAGE_DETAIL)) message += std::string(". ") + detail;
    if (const char* hint = PQresultErrorField(&result, PG_DIAG_MESSAGE_HINT)) message += std::string(". Hint: ") + hint;
    if (const char* position = PQresultErrorField(&result, PG_DIAG_STATEMENT_POSITION)) {
        // A 1-based character count; the scripts are UTF-8, so count the bytes that start one.
        long characters = std::strtol(position, nullptr, 10);
        std::size_t line = 1;
        for (std::size_t i = 0; i < script.size() && characters > 0; ++i) {
            if ((static_cast<unsigned char>(script[i]) & 0xC0) == 0x80) continue;
            if (--characters == 0) break;
            if (script[i] == '\n') ++line;
        }
        message += " (line " + std::to_string(line) + ")";
    }
    return message;
}

void run_postgresql_script(soci::session& session, const std::string& script) {
    auto* backend = static_cast<soci::postgresql_session_backend*>(session.get_backend());
    const std::unique_ptr<PGresult, decltype(&PQclear)> result(PQexec(backend->conn_, script.c_str()), &PQclear);
    switch (result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR) {
        case PGRES_COMMAND_OK:
        case PGRES_TUPLES_OK:
        case PGRES_EMPTY_QUERY:
            return;
        default:
            // Without a result (connection lost, out of memory) the reason is on the connection.
            throw soci::soci_error(result ? describe_postgresql_error(*result, script)
                                          : std::string(PQerrorMessage(backend->conn_)));
    }
}

}  // namespace

void open_connection(soci::session& session, const DatabaseUrl& url, const ConnectionSettings& settings) {
    if (url.backend == DatabaseBackend::sqlite) {
        session.open(*soci::factory_sqlite3(), url.connect_string());
        set_up_sqlite(session, settings);
    } else {
        session.open(*soci::factory_postgresql(), url.connect_string());
        // timestamptz read as text then comes in UTC, whatever the server's default zone.
        session << "SET TIME ZONE 'UTC'";
    }
}

void execute_script(soci::session& session, DatabaseBackend backend, std::string_view script) {
    const std::string text(script);  // both drivers want a NUL-terminated string
    if (backend == DatabaseBackend::sqlite) {
        run_sqlite_script(session, text);
    } else {
        run_postgresql_script(session, text);
    }
}

DatabaseUrl long_lived_url(DatabaseUrl url, std::string_view application_name) {
    const auto add_unless_given = [&url](std::string key, std::string value) {
        const bool given = std::any_of(url.parameters.begin(), url.parameters.end(),
                                       [&key](const auto& parameter) { return parameter.first == key; });
        if (!given) url.parameters.emplace_back(std::move(key), std::move(value));
    };
    add_unless_given("application_name", std::string(application_name));
    add_unless_given("keepalives", "1");
    add_unless_given("keepalives_idle", "30");
    add_unless_given("keepalives_interval", "10");
    add_unless_given("keepalives_count", "3");
    return url;
}

std::string one_line(std::string_view message) {
    std::string line;
    std::size_t start = 0;
    while (start <= message.size()) {
        const std::size_t end = std::min(message.find('\n', start), message.size());
        std::string_view piece = message.substr(start, end - start);
        const std::size_t first = piece.find_first_not_of(" \t\r");
        piece = first == std::string_view::npos ? std::string_view{} : piece.substr(first);
        piece = piece.substr(0, piece.find_last_not_of(" \t\r") + 1);
        if (!piece.empty()) {
            // Pieces that end a sentence are joined by a space, the others by "; ".
            if (!line.empty()) {
                const bool sentence_ended = std::string_view(".:;?!").find(line.back()) != std::string_view::npos;
                line += sentence_ended ? " " : "; ";
            }
            line += piece;
        }
        start = end + 1;
    }
    return line;
}

}  // namespace seminarflow
