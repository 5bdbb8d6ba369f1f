// Store::commit: all of a step in one transaction or nothing, on both backends. Each refusal is
// checked against every table, since a refusal that left one row behind would be a half step.
#include <catch2/catch.hpp>

#include <soci/soci.h>

#include "adapters/store/soci_store.hpp"
#include "tests/store/backends.hpp"
#include "tests/store/store_fixtures.hpp"

using seminarflow::test::PostgresqlBackend;
using seminarflow::test::SqliteBackend;

namespace seminarflow {
namespace {

using test::count_rows;
using test::query_text;

// Everything a busy step writes besides the instance move: a child, timers, notifications, a
// signal and the idempotent answer.
Commit everything(const Instance& parent, const std::string& child_id, std::int64_t from_version) {
    Commit commit = test::transition(parent, from_version, "planned", {{"title", "Hội thảo"}, {"count", 1}});
    Instance child = test::seminar(child_id, parent.id, "submission");
    Commit created = test::creation(child);
    commit.created = created.created;
    commit.history.push_back(created.history.front());
    commit.timers_scheduled.push_back({parent.id, "remind_participants", test::time_at("2026-11-30T08:00:00.250Z"),
                                       "remind"});
    commit.timers_scheduled.push_back({child.id, "deadline", test::time_at("2026-11-20T17:00:00Z"), "expire"});
    commit.notifications.push_back({.id = test::new_uuid(),
                                    .instance_id = parent.id,
                                    .template_name = "seminar.planned",
                                    .audience = {"chair", "organiser"},
                                    .payload = {{"title", "Hội thảo"}},
                                    .created_at = test::time_at("2026-12-01T08:00:01.123Z")});
    commit.signals.push_back({.id = test::new_uuid(),
                              .target_instance_id = parent.id,
                              .event = {"submitted", {{"by", "Nguyễn Văn An"}}, {"child:" + child.id, Role::system}},
                              .created_at = test::time_at("2026-12-01T08:00:01.123Z")});
    commit.idempotency = IdempotencyRecord{.key = "key-" + test::new_uuid(),
                                           .request_hash = "f00d",
                                           .instance_id = parent.id,
                                           .status = 200,
                                           .response = boost::json::object{{"state", "planned"}},
                                           .created_at = test::time_at("2026-12-01T08:00:01.123Z")};
    return commit;
}

// Nothing of `everything(...)` is in the database: the instance is as created.
void check_nothing_written(const DatabaseUrl& url, SociStore& store, const Instance& parent,
                           const std::string& child_id) {
    const auto loaded = store.load_instance(parent.id);
    STORE_REQUIRE_OK(loaded);
    REQUIRE(loaded->has_value());
    CHECK((*loaded)->version == 1);
    CHECK((*loaded)->state == "draft");
    CHECK((*loaded)->data == parent.data);
    CHECK(count_rows(url, "instances", "id = '" + child_id + "'") == 0);
    CHECK(count_rows(url, "history") == 1);  // the creation's entry only
    CHECK(count_rows(url, "timers") == 0);
    CHECK(count_rows(url, "outbox") == 0);
    CHECK(count_rows(url, "signals") == 0);
    CHECK(count_rows(url, "idempotency_keys") == 0);
}

}  // namespace

TEMPLATE_TEST_CASE("a commit writes the move, the child, history, timers, outbox, signals and the key together",
                   "[store][commit]", SqliteBackend, PostgresqlBackend) {
    TestType database;
    const auto store = test::migrated_store(database.url());
    const Instance parent = test::seminar(test::new_uuid());
    REQUIRE(store->commit(test::creation(parent)).value() == CommitStatus::committed);
    const std::string child_id = test::new_uuid();
    const Commit commit = everything(parent, child_id, 1);

    const auto status = store->commit(commit);
    STORE_REQUIRE_OK(status);
    REQUIRE(*status == CommitStatus::committed);

    const auto loaded = store->load_instance(parent.id).value();
    REQUIRE(loaded.has_value());
    CHECK(loaded->version == 2);
    CHECK(loaded->state == "planned");
    CHECK(loaded->data == commit.update->data);
    CHECK(loaded->updated_at == commit.update->updated_at);
    CHECK(loaded->created_at == parent.created_at);
    REQUIRE(loaded->children.size() == 1);
    CHECK(loaded->children[0].workflow == "submission");
    CHECK(loaded->children[0].count == 1);

    const auto child = store->load_instance(child_id).value();
    REQUIRE(child.has_value());
    CHECK(child->version == 1);
    CHECK(child->parent == parent.id);

    const auto history = store->load_history(parent.id, 0, 100).value();
    REQUIRE(history.size() == 2);
    CHECK(history[1].seq == 2);
    CHECK(history[1].from == "draft");
    CHECK(history[1].to == "planned");
    CHECK(store->load_history(child_id, 0, 100).value().size() == 1);

    const DatabaseUrl& url = database.url();
    CHECK(count_rows(url, "timers", "state = 'pending'") == 2);
    CHECK(query_text(url, "SELECT event FROM timers WHERE name = 'remind_participants'") == "remind");
    CHECK(count_rows(url, "outbox", "status = 'pending' AND template = 'seminar.planned'") == 1);
    CHECK(query_text(url, "SELECT id FROM outbox") == commit.notifications[0].id);
    CHECK(query_text(url, "SELECT CAST(audience AS TEXT) FROM outbox").find("organiser") != std::string::npos);
    CHECK(count_rows(url, "signals", "state = 'pending' AND actor_role = 'system'") == 1);
    CHECK(query_text(url, "SELECT actor FROM signals") == "child:" + child_id);

    const auto key = store->find_idempotency(commit.idempotency->key).value();
    REQUIRE(key.has_value());
    CHECK(key->request_hash == "f00d");
    CHECK(key->instance_id == parent.id);
    CHECK(key->status == 200);
    CHECK(key->response == commit.idempotency->response);
    CHECK(key->created_at == commit.idempotency->created_at);
}

TEMPLATE_TEST_CASE("a commit on a stale version writes nothing at all", "[store][commit]", SqliteBackend,
                   PostgresqlBackend) {
    TestType database;
    const auto store = test::migrated_store(database.url());
    const Instance parent = test::seminar(test::new_uuid());
    REQUIRE(store->commit(test::creation(parent)).value() == CommitStatus::committed);
    const std::string child_id = test::new_uuid();

    // Decided on version 0 (or 2): the instance is at 1.
    for (const std::int64_t stale : {0, 2}) {
        CAPTURE(stale);
        const auto status = store->commit(everything(parent, child_id, stale));
        STORE_REQUIRE_OK(status);
        CHECK(*status == CommitStatus::version_conflict);
        check_nothing_written(database.url(), *store, parent, child_id);
    }
    // And an update of an instance that does not exist is a conflict too, not an error.
    const auto missing = store->commit(test::transition(test::seminar(test::new_uuid()), 1, "planned", {}));
    STORE_REQUIRE_OK(missing);
    CHECK(*missing == CommitStatus::version_conflict);
}

TEMPLATE_TEST_CASE("a commit that fails half way writes nothing and says why", "[store][commit]", SqliteBackend,
                   PostgresqlBackend) {
    TestType database;
    const auto store = test::migrated_store(database.url());
    const Instance parent = test::seminar(test::new_uuid());
    REQUIRE(store->commit(test::creation(parent)).value() == CommitStatus::committed);
    const std::string child_id = test::new_uuid();

    SECTION("a child of a workflow with no saved definition (a foreign key)") {
        Commit commit = everything(parent, child_id, 1);
        commit.created[0].workflow = "contest";
        const auto status = store->commit(commit);
        REQUIRE_FALSE(status.ok());
        CHECK_THAT(status.error().message, Catch::Matchers::StartsWith("commit on "));
    }
    SECTION("a history entry whose seq is taken, after the move and the child") {
        Commit commit = everything(parent, child_id, 1);
        commit.history.push_back(commit.history.front());
        commit.history.back().seq = 1;
        CHECK_FALSE(store->commit(commit).ok());
    }
    SECTION("a signal to an instance that does not exist, after everything but the key") {
        Commit commit = everything(parent, child_id, 1);
        commit.signals[0].target_instance_id = test::new_uuid();
        CHECK_FALSE(store->commit(commit).ok());
    }
    check_nothing_written(database.url(), *store, parent, child_id);
    // The connection is usable again: the failed transaction was rolled back, not left open.
    CHECK(store->commit(everything(parent, child_id, 1)).value() == CommitStatus::committed);
}

TEMPLATE_TEST_CASE("scheduling a timer again moves it and re-arms it, and cancelling leaves fired ones fired",
                   "[store][commit][timers]", SqliteBackend, PostgresqlBackend) {
    TestType database;
    const DatabaseUrl& url = database.url();
    const auto store = test::migrated_store(url);
    const Instance seminar = test::seminar(test::new_uuid());
    Commit created = test::creation(seminar);
    created.timers_scheduled.push_back({seminar.id, "remind", test::time_at("2026-11-30T08:00:00Z"), "remind"});
    created.timers_scheduled.push_back({seminar.id, "open", test::time_at("2026-12-01T07:30:00Z"), "open"});
    REQUIRE(store->commit(created).value() == CommitStatus::committed);
    const auto session = test::connect(url);
    const auto due_of = [&url](const std::string& name) {
        return query_text(url, "SELECT CAST(due_at AS TEXT) FROM timers WHERE name = '" + name + "'");
    };
    const std::string remind_id = query_text(url, "SELECT id FROM timers WHERE name = 'remind'");

    // The node that claimed it dies; the seminar is postponed by a week.
    *session << "UPDATE timers SET lease_owner = 'node-1', lease_expires_at = '2026-11-30T08:01:00.000Z'"
                " WHERE name = 'remind'";
    Commit postponed = test::transition(seminar, 1, "draft", {{"count", 0}});
    postponed.timers_scheduled.push_back({seminar.id, "remind", test::time_at("2026-12-07T08:00:00.500Z"), "remind"});
    REQUIRE(store->commit(postponed).value() == CommitStatus::committed);
    CHECK(count_rows(url, "timers", "name = 'remind'") == 1);
    CHECK(query_text(url, "SELECT id FROM timers WHERE name = 'remind'") == remind_id);  // the same timer, moved
    CHECK(count_rows(url, "timers", "name = 'remind' AND state = 'pending' AND lease_owner IS NULL"
                                    " AND lease_expires_at IS NULL") == 1);
    CHECK(count_rows(url, "timers", "name = 'remind' AND due_at = '2026-12-07T08:00:00.500Z'") == 1);
    CHECK(due_of("open").find("2026-12-01") == 0);  // untouched

    // It fires; then the step re-arms it.
    Commit fired = test::transition(seminar, 2, "draft", {{"count", 0}});
    fired.fired_timer = TimerRef{seminar.id, "remind"};
    REQUIRE(store->commit(fired).value() == CommitStatus::committed);
    CHECK(count_rows(url, "timers", "name = 'remind' AND state = 'fired'") == 1);
    Commit rearmed = test::transition(seminar, 3, "draft", {{"count", 0}});
    rearmed.timers_scheduled.push_back({seminar.id, "remind", test::time_at("2026-12-08T08:00:00Z"), "remind"});
    REQUIRE(store->commit(rearmed).value() == CommitStatus::committed);
    CHECK(count_rows(url, "timers", "name = 'remind' AND state = 'pending'") == 1);

    // Firing a timer and arming it again in one step (a repeating reminder) leaves it pending.
    Commit repeat = test::transition(seminar, 4, "draft", {{"count", 0}});
    repeat.fired_timer = TimerRef{seminar.id, "remind"};
    repeat.timers_scheduled.push_back({seminar.id, "remind", test::time_at("2026-12-09T08:00:00Z"), "remind"});
    REQUIRE(store->commit(repeat).value() == CommitStatus::committed);
    CHECK(count_rows(url, "timers", "name = 'remind' AND state = 'pending'"
                                    " AND due_at = '2026-12-09T08:00:00.000Z'") == 1);

    // Leaving the state: a fire of "remind" that cancels both; the fired one stays 'fired'.
    Commit left = test::transition(seminar, 5, "planned", {{"count", 0}});
    left.fired_timer = TimerRef{seminar.id, "remind"};
    left.timers_cancelled = {{seminar.id, "remind"}, {seminar.id, "open"}, {seminar.id, "never_scheduled"}};
    REQUIRE(store->commit(left).value() == CommitStatus::committed);
    CHECK(query_text(url, "SELECT state FROM timers WHERE name = 'remind'") == "fired");
    CHECK(query_text(url, "SELECT state FROM timers WHERE name = 'open'") == "cancelled");
    CHECK(count_rows(url, "timers") == 2);
}

TEMPLATE_TEST_CASE("a fired timer and a signal are consumed once", "[store][commit][timers]", SqliteBackend,
                   PostgresqlBackend) {
    TestType database;
    const DatabaseUrl& url = database.url();
    const auto store = test::migrated_store(url);
    const Instance seminar = test::seminar(test::new_uuid());
    Commit created = test::creation(seminar);
    created.timers_scheduled.push_back({seminar.id, "remind", test::time_at("2026-11-30T08:00:00Z"), "remind"});
    const std::string signal_id = test::new_uuid();
    created.signals.push_back({signal_id, seminar.id, {"poke", {}, {"child:x", Role::system}},
                               test::time_at("2026-11-30T08:00:00Z")});
    REQUIRE(store->commit(created).value() == CommitStatus::committed);

    SECTION("timer") {
        // Two nodes both fired it, both read version 1; the first commits.
        Commit first = test::transition(seminar, 1, "reminded", {{"count", 1}});
        first.fired_timer = TimerRef{seminar.id, "remind"};
        REQUIRE(store->commit(first).value() == CommitStatus::committed);
        // The second re-read (version 2) and tries again: the timer is no longer pending.
        Commit second = test::transition(seminar, 2, "reminded", {{"count", 2}});
        second.fired_timer = TimerRef{seminar.id, "remind"};
        second.notifications.push_back({test::new_uuid(), seminar.id, "seminar.reminder", {}, {},
                                        test::time_at("2026-11-30T08:00:01Z")});
        second.timers_scheduled.push_back({seminar.id, "other", test::time_at("2026-11-30T09:00:00Z"), "x"});
        const auto status = store->commit(second);
        STORE_REQUIRE_OK(status);
        CHECK(*status == CommitStatus::already_consumed);
        // A timer that never existed cannot be consumed either.
        Commit phantom = test::transition(seminar, 2, "reminded", {{"count", 2}});
        phantom.fired_timer = TimerRef{seminar.id, "no_such_timer"};
        CHECK(store->commit(phantom).value() == CommitStatus::already_consumed);
    }
    SECTION("signal") {
        Commit first = test::transition(seminar, 1, "reminded", {{"count", 1}});
        first.consumed_signal = signal_id;
        REQUIRE(store->commit(first).value() == CommitStatus::committed);
        CHECK(query_text(url, "SELECT state FROM signals") == "done");
        Commit second = test::transition(seminar, 2, "reminded", {{"count", 2}});
        second.consumed_signal = signal_id;
        second.notifications.push_back({test::new_uuid(), seminar.id, "seminar.reminder", {}, {},
                                        test::time_at("2026-11-30T08:00:01Z")});
        CHECK(store->commit(second).value() == CommitStatus::already_consumed);
    }
    // Only the first took effect.
    const auto loaded = store->load_instance(seminar.id).value();
    CHECK(loaded->version == 2);
    CHECK(loaded->data.at("count") == 1);
    CHECK(count_rows(url, "history") == 2);
    CHECK(count_rows(url, "outbox") == 0);
    CHECK(count_rows(url, "timers") == 1);
}

TEMPLATE_TEST_CASE("an Idempotency-Key is stored once and a second request under it writes nothing",
                   "[store][commit][idempotency]", SqliteBackend, PostgresqlBackend) {
    TestType database;
    const DatabaseUrl& url = database.url();
    const auto store = test::migrated_store(url);
    const IdempotencyRecord record{.key = "Khóa-1",
                                   .request_hash = "f00d",
                                   .instance_id = std::nullopt,
                                   .status = 201,
                                   .response = boost::json::array{1, "hai", nullptr},
                                   .created_at = test::time_at("2026-12-01T08:00:00.007Z")};

    // Creating an instance under the key: the record may refer to the instance it creates.
    const Instance first = test::seminar(test::new_uuid());
    Commit create_first = test::creation(first);
    create_first.idempotency = record;
    create_first.idempotency->instance_id = first.id;
    REQUIRE(store->commit(create_first).value() == CommitStatus::committed);

    // A concurrent request with the same key lost the race: its instance is not created.
    const Instance second = test::seminar(test::new_uuid());
    Commit create_second = test::creation(second);
    create_second.idempotency = record;
    create_second.timers_scheduled.push_back({second.id, "remind", test::time_at("2026-11-30T08:00:00Z"), "r"});
    const auto status = store->commit(create_second);
    STORE_REQUIRE_OK(status);
    CHECK(*status == CommitStatus::idempotency_conflict);
    CHECK_FALSE(store->load_instance(second.id).value().has_value());
    CHECK(count_rows(url, "history") == 1);
    CHECK(count_rows(url, "timers") == 0);

    const auto found = store->find_idempotency("Khóa-1").value();
    REQUIRE(found.has_value());
    CHECK(found->instance_id == first.id);
    CHECK(found->response == record.response);
    CHECK(found->created_at == record.created_at);
    CHECK_FALSE(store->find_idempotency("Khóa-2").value().has_value());
}

}  // namespace seminarflow
