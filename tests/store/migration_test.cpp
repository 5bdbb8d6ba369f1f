#include <catch2/catch.hpp>

#include <array>

#include "adapters/store/migration.hpp"

using Catch::Matchers::Contains;

namespace seminarflow {
namespace {

std::string refusal(const std::vector<EmbeddedFile>& files) {
    const auto migrations = select_migrations(files, DatabaseBackend::sqlite);
    REQUIRE_FALSE(migrations.ok());
    return migrations.error().message;
}

std::vector<Migration> known_three() {
    return {{1, "initial", "x"}, {2, "add_rooms", "x"}, {3, "add_budget", "x"}};
}

}  // namespace

TEST_CASE("select_migrations takes its backend's files, in version order", "[migration]") {
    const std::vector<EmbeddedFile> files = {
        {"sqlite/0002_add_rooms.sql", "CREATE TABLE rooms (id INTEGER);"},
        {"postgresql/0001_initial.sql", "CREATE TABLE a (id integer);"},
        {"sqlite/0001_initial.sql", "CREATE TABLE a (id INTEGER);"},
    };
    const auto migrations = select_migrations(files, DatabaseBackend::sqlite);
    REQUIRE(migrations.ok());
    REQUIRE(migrations->size() == 2);
    CHECK(migrations->at(0).version == 1);
    CHECK(migrations->at(0).name == "initial");
    CHECK(migrations->at(0).sql == "CREATE TABLE a (id INTEGER);");
    CHECK(migrations->at(1).version == 2);
    CHECK(migrations->at(1).name == "add_rooms");
    CHECK(select_migrations(files, DatabaseBackend::postgresql)->size() == 1);
    CHECK(select_migrations({}, DatabaseBackend::sqlite)->empty());
}

TEST_CASE("select_migrations refuses misnamed, empty, doubled and missing migrations", "[migration]") {
    const std::string_view sql = "SELECT 1;";
    for (const std::string_view name : {"sqlite/1_initial.sql", "sqlite/0001-initial.sql", "sqlite/0001_Initial.sql",
                                        "sqlite/0000_initial.sql", "sqlite/0001_.sql", "sqlite/0001_initial.txt",
                                        "sqlite/README", "sqlite/old/0001_initial.sql"}) {
        CAPTURE(name);
        CHECK_THAT(refusal({{name, sql}}), Contains(std::string(name) + " is not named NNNN_name.sql"));
    }
    CHECK_THAT(refusal({{"sqlite/0001_initial.sql", " \n"}}), Contains("sqlite/0001_initial.sql is empty"));
    CHECK_THAT(refusal({{"sqlite/0001_initial.sql", sql},
                        {"sqlite/0002_rooms.sql", sql},
                        {"sqlite/0002_budget.sql", sql}}),
               Contains("two sqlite migrations have version 2: 0002_"));
    CHECK_THAT(refusal({{"sqlite/0001_initial.sql", sql}, {"sqlite/0003_budget.sql", sql}}),
               Contains("numbered 1, 2, 3 ... without gaps: 0003_budget comes where 0002_... was expected"));
    CHECK_THAT(refusal({{"sqlite/0002_rooms.sql", sql}}), Contains("0002_rooms comes where 0001_... was expected"));
}

TEST_CASE("next_migration picks the first one the database lacks", "[migration]") {
    const std::vector<Migration> known = known_three();
    CHECK(next_migration({}, known).value() == 0);
    const std::array<AppliedMigration, 2> two = {{{1, "initial"}, {2, "add_rooms"}}};
    CHECK(next_migration(two, known).value() == 2);
    const std::array<AppliedMigration, 3> all = {{{1, "initial"}, {2, "add_rooms"}, {3, "add_budget"}}};
    CHECK(next_migration(all, known).value() == 3);
}

TEST_CASE("next_migration refuses a database this binary does not understand", "[migration]") {
    const std::vector<Migration> known = known_three();
    SECTION("migrated by a newer binary") {
        const std::array<AppliedMigration, 4> newer = {
            {{1, "initial"}, {2, "add_rooms"}, {3, "add_budget"}, {4, "add_juries"}}};
        CHECK_THAT(next_migration(newer, known).error().message,
                   Contains("the database schema is at version 4, newer than this binary knows (3)"));
    }
    SECTION("another change under the same number") {
        const std::array<AppliedMigration, 2> other = {{{1, "initial"}, {2, "add_venues"}}};
        CHECK_THAT(next_migration(other, known).error().message,
                   Contains("migration 2 is 0002_add_venues in the database but 0002_add_rooms in this binary"));
    }
    SECTION("a gap no seminarflow would leave") {
        const std::array<AppliedMigration, 2> gap = {{{1, "initial"}, {3, "add_budget"}}};
        CHECK_THAT(next_migration(gap, known).error().message,
                   Contains("schema_migrations holds version 3 where 2 was expected"));
    }
}

TEST_CASE("the built-in migrations load, and both backends have the same ones", "[migration]") {
    const auto sqlite = builtin_migrations(DatabaseBackend::sqlite);
    const auto postgresql = builtin_migrations(DatabaseBackend::postgresql);
    INFO((sqlite ? std::string() : sqlite.error().message) << ' '
                                                            << (postgresql ? std::string() : postgresql.error().message));
    REQUIRE(sqlite.ok());
    REQUIRE(postgresql.ok());
    CHECK(migration_label(sqlite->front().version, sqlite->front().name) == "0001_initial");
    REQUIRE(sqlite->size() == postgresql->size());
    for (std::size_t i = 0; i < sqlite->size(); ++i) {
        CHECK(sqlite->at(i).version == postgresql->at(i).version);
        CHECK(sqlite->at(i).name == postgresql->at(i).name);
    }
}

TEST_CASE("migration_label pads the version to four digits", "[migration]") {
    CHECK(migration_label(1, "initial") == "0001_initial");
    CHECK(migration_label(42, "add_rooms") == "0042_add_rooms");
    CHECK(migration_label(12345, "far") == "12345_far");
}

}  // namespace seminarflow
