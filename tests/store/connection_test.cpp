// What each backend's connections are set up to do (connection.hpp), and how the store gets a
// connection back that PostgreSQL dropped.
#include <catch2/catch.hpp>

#include <atomic>
#include <thread>
#include <vector>

#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include "adapters/store/connection.hpp"
#include "adapters/store/soci_store.hpp"
#include "tests/store/backends.hpp"
#include "tests/store/delivery_fixtures.hpp"
#include "tests/store/store_fixtures.hpp"

using Catch::Matchers::Contains;
using seminarflow::test::PostgresqlBackend;
using seminarflow::test::SqliteBackend;

namespace seminarflow {

TEST_CASE("one_line puts a driver's message on one line", "[connection]") {
    CHECK(one_line("connection to server at \"127.0.0.1\", port 1 failed: Connection refused\n"
                   "\tIs the server running on that host and accepting TCP/IP connections?\n") ==
          "connection to server at \"127.0.0.1\", port 1 failed: Connection refused; "
          "Is the server running on that host and accepting TCP/IP connections?");
    CHECK(one_line("Cannot execute query.\n  server closed the connection\n\n") ==
          "Cannot execute query. server closed the connection");
    CHECK(one_line("") == "");
    CHECK(one_line(" \n\t\n") == "");
}

TEMPLATE_TEST_CASE("a sqlite database is left in WAL mode, and connections check foreign keys", "[store]",
                   SqliteBackend) {
    TestType database;
    SociStore store(database.url());
    REQUIRE(store.migrate().ok());
    // The journal mode is kept in the file: a connection that sets nothing sees it.
    soci::session plain(*soci::factory_sqlite3(), database.url().connect_string());
    std::string mode;
    plain << "PRAGMA journal_mode", soci::into(mode);
    CHECK(mode == "wal");

    const auto session = test::connect(database.url());
    CHECK(test::query_number(*session, "PRAGMA foreign_keys") == 1);
    CHECK(test::query_number(*session, "PRAGMA synchronous") == 2);  // FULL
    CHECK(test::query_number(*session, "PRAGMA busy_timeout") == 5000);
    CHECK(test::query_number(*session, "PRAGMA wal_autocheckpoint") == 10000);
}

TEMPLATE_TEST_CASE("postgresql sessions read times in UTC", "[store]", PostgresqlBackend) {
    TestType database;
    const auto session = test::connect(database.url());
    std::string zone;
    *session << "SHOW TIME ZONE", soci::into(zone);
    CHECK(zone == "UTC");
}

TEMPLATE_TEST_CASE("a connection the server dropped is opened again", "[store]", PostgresqlBackend) {
    TestType database;
    SociStore store(database.url(), SociStoreOptions{.pool_size = 1});
    REQUIRE(store.ping().ok());

    // Ends the store's one session, waiting (up to 10 s) until its server process is gone. The CTE
    // picks the victims first: in a plain WHERE the planner may call pg_terminate_backend on any
    // row, ours included.
    const long long ended = test::query_number(
        database.server(), "WITH victims AS MATERIALIZED (SELECT pid FROM pg_stat_activity WHERE datname = '" +
                               database.url().database +
                               "') SELECT count(*) FROM victims WHERE pg_terminate_backend(pid, 10000)");
    REQUIRE(ended == 1);

    // The call that finds the connection dead fails, as a value; the next one reconnects.
    if (const auto first = store.ping(); !first) {
        CHECK_THAT(first.error().message, Contains("ping on " + database.url().redacted()));
    }
    const auto second = store.ping();
    INFO((second ? "" : second.error().message));
    CHECK(second.ok());
}

}  // namespace seminarflow

namespace seminarflow {

// The statements a connection keeps prepared belong to that connection: after the server drops
// it, they must be prepared again on the new one, not run on the dead one.
TEMPLATE_TEST_CASE("statements kept prepared are made again after a dropped connection", "[store]", PostgresqlBackend) {
    TestType database;
    auto store = test::migrated_store(database.url(), 1);
    const Instance instance = test::seminar(test::new_uuid());
    REQUIRE(store->commit(test::creation(instance)).ok());
    REQUIRE(store->load_instance(instance.id).ok());  // the reads and writes are prepared now

    const long long ended = test::query_number(
        database.server(), "WITH victims AS MATERIALIZED (SELECT pid FROM pg_stat_activity WHERE datname = '" +
                               database.url().database +
                               "') SELECT count(*) FROM victims WHERE pg_terminate_backend(pid, 10000)");
    REQUIRE(ended == 1);

    // The call that finds the connection dead fails, as a value; the next ones reconnect and
    // prepare their statements again.
    (void)store->load_instance(instance.id);
    auto loaded = store->load_instance(instance.id);
    INFO((loaded ? "" : loaded.error().message));
    REQUIRE(loaded.ok());
    REQUIRE(loaded->has_value());
    auto moved = store->commit(test::transition(instance, 1, "planned", {{"title", "Tọa đàm"}}));
    INFO((moved ? "" : moved.error().message));
    REQUIRE(moved.ok());
    CHECK(*moved == CommitStatus::committed);
    CHECK(test::query_text(database.url(), "SELECT state FROM instances WHERE id = '" + instance.id + "'") == "planned");
}

// Without the turns (transaction.hpp), BEGIN IMMEDIATE on the other connections finds the write
// lock taken and, with no busy_timeout to wait in, fails with "database is locked".
TEMPLATE_TEST_CASE("writers on one SQLite file in one process take turns instead of finding it locked", "[store]",
                   SqliteBackend) {
    TestType database;
    SociStore store(database.url(), SociStoreOptions{.pool_size = 4, .busy_timeout = std::chrono::milliseconds(0)});
    REQUIRE(store.migrate().ok());
    SociStore other(database.url(), SociStoreOptions{.pool_size = 2, .busy_timeout = std::chrono::milliseconds(0)});
    std::atomic<int> failures{0};
    std::vector<std::thread> writers;
    for (SociStore* each : {&store, &store, &store, &other}) {
        writers.emplace_back([each, &failures] {
            test::CountingIds ids;
            for (int i = 0; i < 200; ++i) {
                if (!each->fan_out_notifications(std::chrono::time_point_cast<Duration>(std::chrono::system_clock::now()), 10, ids)) {
                    ++failures;
                }
            }
        });
    }
    for (auto& writer : writers) writer.join();
    CHECK(failures == 0);
}

}  // namespace seminarflow
