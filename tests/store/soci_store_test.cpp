// The store suite: every case runs on SQLite and on PostgreSQL (see backends.hpp).
#include <catch2/catch.hpp>

#include <algorithm>
#include <latch>
#include <numeric>
#include <thread>

#include <soci/soci.h>

#include "adapters/store/connection.hpp"
#include "adapters/store/migrator.hpp"
#include "adapters/store/soci_store.hpp"
#include "tests/store/backends.hpp"

using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;
using seminarflow::test::PostgresqlBackend;
using seminarflow::test::SqliteBackend;

// Shows the store's message when a call that should succeed did not.
#define REQUIRE_OK(result)                                                   \
    do {                                                                     \
        const auto& require_ok_result = (result);                            \
        INFO((require_ok_result.ok() ? "" : require_ok_result.error().message)); \
        REQUIRE(require_ok_result.ok());                                     \
    } while (false)

namespace seminarflow {
namespace {

const std::vector<std::string> engine_tables = {"definitions", "instances",    "history",     "idempotency_keys",
                                                "timers",      "outbox",       "participants", "signals"};

std::vector<int> one_to(int last) {
    std::vector<int> versions(static_cast<std::size_t>(last));
    std::iota(versions.begin(), versions.end(), 1);
    return versions;
}

int latest_builtin(DatabaseBackend backend) {
    return builtin_migrations(backend).value().back().version;
}

struct Outcome {
    std::vector<int> applied;
    std::string error;
};

// Starts `threads` migrate() calls at the same moment, as processes starting together would.
// Each thread has a store of its own (its own connections), except the last two, which share one.
std::vector<Outcome> migrate_at_once(const DatabaseUrl& url, const std::vector<Migration>& migrations, int threads) {
    std::vector<std::unique_ptr<SociStore>> stores;
    for (int i = 0; i + 1 < threads; ++i) {
        stores.push_back(std::make_unique<SociStore>(url, SociStoreOptions{.pool_size = 2}, migrations));
    }
    std::vector<Outcome> outcomes(static_cast<std::size_t>(threads));
    std::latch start(threads);
    {
        std::vector<std::jthread> running;
        for (int i = 0; i < threads; ++i) {
            SociStore& store = *stores[static_cast<std::size_t>(std::min(i, threads - 2))];
            running.emplace_back([&store, &start, &outcome = outcomes[static_cast<std::size_t>(i)]] {
                start.arrive_and_wait();
                auto report = store.migrate();
                if (report) {
                    outcome.applied = report->applied;
                } else {
                    outcome.error = report.error().message;
                }
            });
        }
    }  // the threads join here
    return outcomes;
}

}  // namespace

TEMPLATE_TEST_CASE("migrate applies every migration to an empty database", "[store]", SqliteBackend,
                   PostgresqlBackend) {
    TestType database;
    SociStore store(database.url());
    const std::vector<Migration> known = builtin_migrations(TestType::backend).value();

    const auto report = store.migrate();
    REQUIRE_OK(report);
    CHECK(report->applied == one_to(known.back().version));
    CHECK(report->status.current_version == known.back().version);
    CHECK(report->status.up_to_date());

    const auto session = test::connect(database.url());
    const std::vector<AppliedMigration> recorded = read_applied_migrations(*session, TestType::backend);
    REQUIRE(recorded.size() == known.size());
    for (std::size_t i = 0; i < known.size(); ++i) {
        CHECK(recorded[i].version == known[i].version);
        CHECK(recorded[i].name == known[i].name);
    }
    for (const std::string& table : engine_tables) {
        CAPTURE(table);
        CHECK(test::query_number(*session, "SELECT count(*) FROM " + table) == 0);
    }
}

TEMPLATE_TEST_CASE("migrate again applies nothing", "[store]", SqliteBackend, PostgresqlBackend) {
    TestType database;
    const int latest = latest_builtin(TestType::backend);
    {
        SociStore store(database.url());
        REQUIRE_OK(store.migrate());
        const auto again = store.migrate();
        REQUIRE_OK(again);
        CHECK(again->applied.empty());
        CHECK(again->status.current_version == latest);
    }
    // A process started later finds nothing to do either.
    SociStore restarted(database.url());
    const auto report = restarted.migrate();
    REQUIRE_OK(report);
    CHECK(report->applied.empty());
    CHECK(report->status.up_to_date());
    CHECK(test::query_number(*test::connect(database.url()), "SELECT count(*) FROM schema_migrations") == latest);
}

TEMPLATE_TEST_CASE("schema_status compares the database with this binary", "[store]", SqliteBackend,
                   PostgresqlBackend) {
    TestType database;
    SociStore store(database.url());
    const int latest = latest_builtin(TestType::backend);

    const auto empty = store.schema_status();
    REQUIRE_OK(empty);
    CHECK(empty->current_version == 0);
    CHECK(empty->latest_version == latest);
    CHECK_FALSE(empty->up_to_date());

    REQUIRE_OK(store.migrate());
    const auto migrated = store.schema_status();
    REQUIRE_OK(migrated);
    CHECK(migrated->current_version == latest);
    CHECK(migrated->up_to_date());
}

TEMPLATE_TEST_CASE("migrate applies only the pending migrations, in order", "[store]", SqliteBackend,
                   PostgresqlBackend) {
    TestType database;
    // Each step needs the ones before it; step 3 is two statements in one file.
    const std::vector<std::string> steps = {
        "CREATE TABLE venues (id integer PRIMARY KEY)",
        "CREATE TABLE rooms (id integer PRIMARY KEY, venue_id integer NOT NULL REFERENCES venues (id))",
        "INSERT INTO venues (id) VALUES (1); INSERT INTO rooms (id, venue_id) VALUES (10, 1)",
        "ALTER TABLE rooms ADD COLUMN seats integer",
    };
    SociStore older(database.url(), {}, test::numbered_migrations(std::span(steps).first(2)));
    const auto first = older.migrate();
    REQUIRE_OK(first);
    CHECK(first->applied == std::vector<int>{1, 2});

    SociStore newer(database.url(), {}, test::numbered_migrations(steps));
    const auto before = newer.schema_status();
    REQUIRE_OK(before);
    CHECK(before->current_version == 2);
    CHECK(before->latest_version == 4);
    const auto second = newer.migrate();
    REQUIRE_OK(second);
    CHECK(second->applied == std::vector<int>{3, 4});
    CHECK(test::query_number(*test::connect(database.url()), "SELECT count(*) FROM rooms WHERE seats IS NULL") == 1);
}

TEMPLATE_TEST_CASE("concurrent migrate on one empty database applies each migration once", "[store]",
                   SqliteBackend, PostgresqlBackend) {
    TestType database;
    std::vector<Migration> migrations;
    SECTION("the built-in migrations") {
        migrations = builtin_migrations(TestType::backend).value();
    }
    SECTION("a longer set, where running a step twice would fail") {
        std::vector<std::string> steps = {
            "CREATE TABLE migration_log (version integer NOT NULL); INSERT INTO migration_log VALUES (1)"};
        for (int version = 2; version <= 6; ++version) {
            steps.push_back("CREATE TABLE step_" + std::to_string(version) + " (id integer);" +
                            " INSERT INTO migration_log VALUES (" + std::to_string(version) + ")");
        }
        migrations = test::numbered_migrations(steps);
    }
    const int latest = migrations.back().version;

    const std::vector<Outcome> outcomes = migrate_at_once(database.url(), migrations, 6);
    std::vector<int> applied;
    for (const Outcome& outcome : outcomes) {
        CHECK(outcome.error == "");
        applied.insert(applied.end(), outcome.applied.begin(), outcome.applied.end());
    }
    std::sort(applied.begin(), applied.end());
    CHECK(applied == one_to(latest));

    const auto session = test::connect(database.url());
    CHECK(test::query_number(*session, "SELECT count(*) FROM schema_migrations") == latest);
    if (migrations.front().name == "step_1") {
        CHECK(test::query_number(*session, "SELECT count(*) FROM migration_log") == latest);
        CHECK(test::query_number(*session, "SELECT count(DISTINCT version) FROM migration_log") == latest);
    }
}

TEMPLATE_TEST_CASE("a failing migration is rolled back and reported", "[store]", SqliteBackend,
                   PostgresqlBackend) {
    TestType database;
    const std::vector<std::string> steps = {
        "CREATE TABLE kept (id integer)",
        "CREATE TABLE half_done (id integer);\nINSERT INTO no_such_table VALUES (1)",
    };
    SociStore store(database.url(), {}, test::numbered_migrations(steps));
    const auto report = store.migrate();
    REQUIRE_FALSE(report.ok());
    CHECK_THAT(report.error().message, StartsWith("migrate on " + database.url().redacted() + ": "));
    CHECK_THAT(report.error().message,
               Contains("migration 0002_step_2 failed and was rolled back") && Contains("no_such_table"));
    if constexpr (TestType::backend == DatabaseBackend::postgresql) {
        CHECK_THAT(report.error().message, Contains("(line 2)"));  // where in the file
    }

    const auto status = store.schema_status();
    REQUIRE_OK(status);
    CHECK(status->current_version == 1);
    const auto session = test::connect(database.url());
    CHECK_NOTHROW(test::query_number(*session, "SELECT count(*) FROM kept"));
    CHECK_THROWS_AS(test::query_number(*session, "SELECT count(*) FROM half_done"), soci::soci_error);
}

TEMPLATE_TEST_CASE("migrate refuses a database it does not understand", "[store]", SqliteBackend,
                   PostgresqlBackend) {
    TestType database;
    const std::vector<Migration> people = {{1, "create_people", "CREATE TABLE people (id integer)"},
                                           {2, "create_units", "CREATE TABLE units (id integer)"}};
    SociStore newer(database.url(), {}, people);
    REQUIRE_OK(newer.migrate());

    SECTION("one migrated by a newer binary") {
        SociStore older(database.url(), {}, {people.front()});
        const auto report = older.migrate();
        REQUIRE_FALSE(report.ok());
        CHECK_THAT(report.error().message, Contains("newer than this binary knows (1)"));
        const auto status = older.schema_status();
        REQUIRE_OK(status);
        CHECK(status->current_version == 2);
        CHECK(status->latest_version == 1);
        CHECK_FALSE(status->up_to_date());
    }
    SECTION("one where a version is another change") {
        SociStore other(database.url(), {},
                        {people.front(), {2, "create_places", "CREATE TABLE places (id integer)"}});
        const auto report = other.migrate();
        REQUIRE_FALSE(report.ok());
        CHECK_THAT(report.error().message,
                   Contains("0002_create_units in the database but 0002_create_places in this binary"));
    }
}

TEMPLATE_TEST_CASE("the store's own connections enforce foreign keys", "[store]", SqliteBackend,
                   PostgresqlBackend) {
    TestType database;
    // SQLite checks foreign keys only when a connection asks: a migration that breaks one fails
    // only on connections the store set up.
    const std::vector<std::string> steps = {
        "CREATE TABLE units (id integer PRIMARY KEY);"
        " CREATE TABLE members (unit_id integer REFERENCES units (id));"
        " INSERT INTO members (unit_id) VALUES (42)",
    };
    SociStore store(database.url(), {}, test::numbered_migrations(steps));
    const auto report = store.migrate();
    REQUIRE_FALSE(report.ok());
    CHECK_THAT(report.error().message, Contains("migration 0001_step_1 failed"));
}

TEMPLATE_TEST_CASE("ping reaches the database", "[store]", SqliteBackend, PostgresqlBackend) {
    TestType database;
    SociStore store(database.url());
    Store& port = store;
    const auto ping = port.ping();
    REQUIRE_OK(ping);
    CHECK(ping.value());
}

TEMPLATE_TEST_CASE("an unreachable database fails as a value with a clear message", "[store]", SqliteBackend,
                   PostgresqlBackend) {
    TestType database;
    const DatabaseUrl unreachable = database.unreachable_url();
    SociStore store(unreachable);
    const std::string where = " on " + unreachable.redacted() + ": cannot connect: ";

    const auto ping = store.ping();
    REQUIRE_FALSE(ping.ok());
    CHECK_THAT(ping.error().message, StartsWith("ping" + where) && Contains(std::string(TestType::unreachable_reason)));
    const auto migrate = store.migrate();
    REQUIRE_FALSE(migrate.ok());
    CHECK_THAT(migrate.error().message, StartsWith("migrate" + where));
    const auto status = store.schema_status();
    REQUIRE_FALSE(status.ok());
    CHECK_THAT(status.error().message, StartsWith("schema_status" + where));
    if (unreachable.password) {
        CHECK_THAT(ping.error().message, !Contains(*unreachable.password));
    }
}

TEMPLATE_TEST_CASE("many threads share the connection pool", "[store]", SqliteBackend, PostgresqlBackend) {
    TestType database;
    SociStore store(database.url(), SociStoreOptions{.pool_size = 2});
    REQUIRE_OK(store.migrate());
    constexpr std::size_t threads = 8;
    std::vector<std::string> errors(threads);
    std::latch start(static_cast<std::ptrdiff_t>(threads));
    {
        std::vector<std::jthread> running;
        for (std::size_t i = 0; i < threads; ++i) {
            running.emplace_back([&store, &start, &error = errors[i]] {
                start.arrive_and_wait();
                for (int call = 0; call < 20 && error.empty(); ++call) {
                    if (auto ping = store.ping(); !ping) error = ping.error().message;
                    if (auto status = store.schema_status(); !status) error = status.error().message;
                }
            });
        }
    }
    for (const std::string& error : errors) CHECK(error == "");
}

}  // namespace seminarflow
