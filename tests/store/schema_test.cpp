// What 0001_initial promises the engine, checked the same way on both backends.
#include <catch2/catch.hpp>

#include <soci/soci.h>

#include "adapters/store/soci_store.hpp"
#include "tests/store/backends.hpp"

using seminarflow::test::PostgresqlBackend;
using seminarflow::test::SqliteBackend;

namespace seminarflow {
namespace {

// Stored times have one shape on SQLite, and PostgreSQL reads that shape as a timestamptz.
const std::string at = "'2026-12-01T08:00:00.000Z'";
const std::string seminar = "'0b7e1d2c-3f4a-4b5c-8d6e-7f8091a2b3c4'";
const std::string submission = "'1c8f2e3d-4a5b-4c6d-9e7f-8091a2b3c4d5'";
const std::string unknown = "'2d9f3e4d-5b6c-4d7e-8f90-91a2b3c4d5e6'";

void run(soci::session& session, const std::string& sql) {
    session << sql;
}

std::string instance(const std::string& id, const std::string& workflow, const std::string& data,
                     const std::string& parent = "NULL", const std::string& version = "1") {
    return "INSERT INTO instances (id, workflow, definition_version, state, data, parent_id, version, created_at,"
           " updated_at) VALUES (" + id + ", '" + workflow + "', 1, 'draft', '" + data + "', " + parent + ", " +
           version + ", " + at + ", " + at + ")";
}

std::string timer(const std::string& id, const std::string& name, const std::string& state = "pending",
                  const std::string& lease_owner = "NULL") {
    return "INSERT INTO timers (id, instance_id, name, due_at, event, state, lease_owner) VALUES ('" + id + "', " +
           seminar + ", '" + name + "', " + at + ", 'remind', '" + state + "', " + lease_owner + ")";
}

// A seminar as the runtime will create one: its definition, the instance, its first history
// entry, a reminder, a delivery, a participant and the idempotency key of the request.
std::unique_ptr<soci::session> migrated_with_a_seminar(const DatabaseUrl& url) {
    SociStore store(url);
    const auto migrated = store.migrate();
    INFO((migrated ? "" : migrated.error().message));
    REQUIRE(migrated.ok());
    auto session = test::connect(url);
    run(*session, "INSERT INTO definitions (name, version, source, checksum, loaded_at) VALUES"
                  " ('seminar', 1, 'name: seminar', 'c0ffee', " + at + "),"
                  " ('submission', 1, 'name: submission', 'beef', " + at + ")");
    run(*session, instance(seminar, "seminar", R"({"title": "Tọa đàm doanh nghiệp lần thứ 3"})"));
    run(*session, instance(submission, "submission", "{}", seminar));
    run(*session, "INSERT INTO history (instance_id, seq, event, actor, actor_role, payload, from_state, to_state,"
                  " definition_version, at) VALUES (" + seminar + ", 1, 'create', 'lan', 'organiser', '{}', NULL,"
                  " 'draft', 1, " + at + ")");
    run(*session, timer("t-1", "remind_participants"));
    run(*session, "INSERT INTO outbox (id, instance_id, template, audience, payload, next_attempt_at, created_at)"
                  " VALUES ('d-1', " + seminar + ", 'seminar.planned', '[\"chair\"]', '{}', " + at + ", " + at +
                  ")");
    run(*session, "INSERT INTO participants (instance_id, kind, ref, role, display_name, created_at, updated_at)"
                  " VALUES (" + seminar + ", 'person', 'p-17', 'chair', 'Nguyễn Văn An', " + at + ", " + at + ")");
    run(*session, "INSERT INTO idempotency_keys (key, instance_id, request_hash, response_status, response,"
                  " created_at) VALUES ('k-1', " + seminar + ", 'f00d', 201, '{}', " + at + ")");
    return session;
}

}  // namespace

TEMPLATE_TEST_CASE("the schema holds what the engine writes, in UTF-8", "[store]", SqliteBackend,
                   PostgresqlBackend) {
    TestType database;
    const auto session = migrated_with_a_seminar(database.url());
    std::string name;
    *session << "SELECT display_name FROM participants WHERE ref = 'p-17'", soci::into(name);
    CHECK(name == "Nguyễn Văn An");
    CHECK(test::query_number(*session, "SELECT count(*) FROM instances WHERE parent_id = " + seminar) == 1);
    CHECK(test::query_number(*session, "SELECT version FROM instances WHERE id = " + seminar) == 1);
}

TEMPLATE_TEST_CASE("the schema refuses what the engine must never write", "[store]", SqliteBackend,
                   PostgresqlBackend) {
    TestType database;
    const auto session = migrated_with_a_seminar(database.url());
    const auto refused = [&session](const std::string& sql) {
        CAPTURE(sql);
        CHECK_THROWS_AS(run(*session, sql), soci::soci_error);
    };
    refused(instance(unknown, "contest", "{}"));                          // no such definition
    refused(instance(unknown, "seminar", "{}", "'no-such-parent'"));      // no such parent
    refused(instance("'not-a-uuid'", "seminar", "{}"));
    refused(instance(unknown, "seminar", "[1, 2]"));                      // data is an object
    refused(instance(unknown, "seminar", R"({"title": )"));               // and JSON
    refused(instance(unknown, "seminar", "{}", "NULL", "0"));             // versions start at 1
    refused("INSERT INTO history (instance_id, seq, event, actor, actor_role, to_state, definition_version, at)"
            " VALUES (" + seminar + ", 1, 'plan', 'lan', 'organiser', 'planned', 1, " + at + ")");  // seq taken
    refused(timer("t-2", "remind_participants"));                         // one timer per name
    refused(timer("t-3", "open_session", "snoozed"));
    refused(timer("t-4", "open_session", "pending", "'node-1'"));         // a lease has an expiry
    refused("INSERT INTO outbox (id, template, payload, status, next_attempt_at, created_at)"
            " VALUES ('d-2', 'y', '{}', 'lost', " + at + ", " + at + ")");
    refused("INSERT INTO outbox (id, template, audience, payload, next_attempt_at, created_at)"
            " VALUES ('d-3', 'y', '{}', '{}', " + at + ", " + at + ")");       // the audience is a list
    refused("INSERT INTO signals (id, target_instance_id, event, actor, actor_role, created_at)"
            " VALUES ('s-1', " + unknown + ", 'accepted', 'child', 'system', " + at + ")");  // no such target
    refused("INSERT INTO signals (id, target_instance_id, event, actor, actor_role, state, created_at)"
            " VALUES ('s-2', " + seminar + ", 'accepted', 'child', 'system', 'lost', " + at + ")");
    refused("UPDATE participants SET rsvp = 'maybe'");
    refused("INSERT INTO participants (instance_id, kind, ref, role, created_at, updated_at)"
            " VALUES (" + seminar + ", 'robot', 'r-1', 'guest', " + at + ", " + at + ")");
    if constexpr (TestType::backend == DatabaseBackend::sqlite) {
        // Text times must keep their one shape, or their order stops being time order.
        refused("UPDATE instances SET updated_at = '2026-12-01 08:00:00'");
        refused("UPDATE instances SET updated_at = '2026-12-01T08:00:00Z'");
        refused("UPDATE instances SET version = 'two'");                 // STRICT tables
    }
}

TEMPLATE_TEST_CASE("deleting an instance removes what hangs on it but keeps its deliveries", "[store]",
                   SqliteBackend, PostgresqlBackend) {
    TestType database;
    const auto session = migrated_with_a_seminar(database.url());
    // A parent is not deleted under its children.
    CHECK_THROWS_AS(run(*session, "DELETE FROM instances WHERE id = " + seminar), soci::soci_error);
    run(*session, "INSERT INTO signals (id, target_instance_id, event, actor, actor_role, created_at)"
                  " VALUES ('s-1', " + seminar + ", 'accepted', 'child', 'system', " + at + ")");
    run(*session, "DELETE FROM instances WHERE id = " + submission);
    run(*session, "DELETE FROM instances WHERE id = " + seminar);
    for (const std::string table : {"history", "timers", "participants", "idempotency_keys", "signals"}) {
        CAPTURE(table);
        CHECK(test::query_number(*session, "SELECT count(*) FROM " + table) == 0);
    }
    // The operator still sees what was sent, and what is dead.
    CHECK(test::query_number(*session, "SELECT count(*) FROM outbox WHERE instance_id IS NULL") == 1);
}

}  // namespace seminarflow
