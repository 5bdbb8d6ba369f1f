// The PostgreSQL bulk writer of a group commit batch (bulk_commit_writer.hpp), called directly,
// so that each case knows the bulk path ran: it must answer every commit as the savepoint path
// would, write nothing for a refused one, and hand the batch back (write nothing at all) whenever
// it cannot keep those promises. group_commit_test.cpp runs the same promises through the store
// on both backends.
#include <catch2/catch.hpp>

#include <soci/soci.h>

#include "adapters/store/bulk_commit_writer.hpp"
#include "adapters/store/statement_cache.hpp"
#include "tests/store/backends.hpp"
#include "tests/store/store_fixtures.hpp"

using seminarflow::test::PostgresqlBackend;

namespace seminarflow {
namespace {

using test::count_rows;
using test::query_text;
using test::time_at;

std::vector<const Commit*> pointers(const std::vector<Commit>& commits) {
    std::vector<const Commit*> result;
    for (const Commit& commit : commits) result.push_back(&commit);
    return result;
}

// Runs write_in_bulk on a connection of its own: its answers, or nothing if it handed the batch back.
std::optional<std::vector<CommitStatus>> write_batch(const DatabaseUrl& url, const std::vector<Commit>& commits) {
    const auto session = test::connect(url);
    StatementCache statements(*session, url.backend);
    try {
        return write_in_bulk(statements, pointers(commits));
    } catch (const soci::soci_error&) {
        statements.forget_all();
        return std::nullopt;
    }
}

// A seminar stored with a pending timer "remind".
Instance seminar_with_timer(SociStore& store) {
    Instance seminar = test::seminar(test::new_uuid());
    Commit created = test::creation(seminar);
    created.timers_scheduled.push_back({seminar.id, "remind", time_at("2026-12-01T08:00:00Z"), "remind"});
    REQUIRE(store.commit(created).value() == CommitStatus::committed);
    return seminar;
}

IdempotencyRecord key_record(std::string key, std::optional<std::string> instance_id) {
    return {std::move(key), "c0ffee", std::move(instance_id), 201,
            boost::json::object{{"tiêu đề", "Hội thảo"}, {"a", 1}}, time_at("2026-11-22T08:00:00Z")};
}

}  // namespace

TEMPLATE_TEST_CASE("a batch written in bulk answers each commit as it would be answered alone",
                   "[store][commit][bulk]", PostgresqlBackend) {
    TestType database;
    const DatabaseUrl& url = database.url();
    const auto store = test::migrated_store(url);
    const Instance moved = seminar_with_timer(*store);
    const Instance stale = seminar_with_timer(*store);
    const Instance refused = seminar_with_timer(*store);
    const Instance fired_before = seminar_with_timer(*store);
    Commit fire_first;
    fire_first.fired_timer = TimerRef{fired_before.id, "remind"};
    fire_first.refusal = "not now";
    REQUIRE(store->commit(fire_first).value() == CommitStatus::committed);

    std::vector<Commit> batch;
    // 0: moves, notifies, schedules a timer and cancels another, signals a parent.
    batch.push_back(test::transition(moved, 1, "planned", {{"tiêu đề", "Tọa đàm"}}));
    batch.back().timers_scheduled.push_back({moved.id, "start", time_at("2026-12-02T08:00:00Z"), "start"});
    batch.back().timers_cancelled.push_back({moved.id, "remind"});
    batch.back().notifications.push_back(
        {test::new_uuid(), moved.id, "seminar.planned", {"chair"}, {{"tiêu đề", "Tọa đàm"}}, time_at("2026-11-22T08:00:00Z")});
    batch.back().signals.push_back({test::new_uuid(), stale.id, {"child_done", {{"n", 1}}, {"child:x", Role::system}},
                                    time_at("2026-11-22T08:00:00Z")});
    // 1: decided on a version that is gone.
    batch.push_back(test::transition(stale, 0, "planned", {}));
    batch.back().notifications.push_back(
        {test::new_uuid(), stale.id, "seminar.planned", {}, {}, time_at("2026-11-22T08:00:00Z")});
    // 2: a timer whose event the instance refused: consumed, with the reason kept.
    Commit refusal;
    refusal.fired_timer = TimerRef{refused.id, "remind"};
    refusal.refusal = "guard: too early";
    batch.push_back(refusal);
    // 3: a timer another node fired first.
    Commit late;
    late.fired_timer = TimerRef{fired_before.id, "remind"};
    late.refusal = "again";
    batch.push_back(late);
    // 4: a parent and its child created together, under an Idempotency-Key.
    const Instance parent = test::seminar(test::new_uuid());
    const Instance child = test::seminar(test::new_uuid(), parent.id, "submission");
    Commit family = test::creation(parent);
    Commit child_creation = test::creation(child);
    family.created.push_back(child_creation.created.front());
    family.history.push_back(child_creation.history.front());
    family.idempotency = key_record("bulk-key", parent.id);
    batch.push_back(family);

    REQUIRE(bulk_writable(pointers(batch)));
    const auto answers = write_batch(url, batch);
    REQUIRE(answers.has_value());
    CHECK(*answers == std::vector<CommitStatus>{CommitStatus::committed, CommitStatus::version_conflict,
                                                CommitStatus::committed, CommitStatus::already_consumed,
                                                CommitStatus::committed});

    const auto after = store->load_instance(moved.id).value();
    CHECK(after->version == 2);
    CHECK(after->state == "planned");
    CHECK(after->data.at("tiêu đề").as_string() == "Tọa đàm");
    CHECK(count_rows(url, "history", "instance_id = '" + moved.id + "'") == 2);
    CHECK(query_text(url, "SELECT state FROM timers WHERE instance_id = '" + moved.id + "' AND name = 'remind'") ==
          "cancelled");
    CHECK(query_text(url, "SELECT state FROM timers WHERE instance_id = '" + moved.id + "' AND name = 'start'") ==
          "pending");
    CHECK(count_rows(url, "outbox", "instance_id = '" + moved.id + "' AND audience = '[\"chair\"]'") == 1);
    CHECK(count_rows(url, "signals", "target_instance_id = '" + stale.id + "' AND state = 'pending'") == 1);

    CHECK(store->load_instance(stale.id).value()->version == 1);
    CHECK(count_rows(url, "history", "instance_id = '" + stale.id + "'") == 1);
    CHECK(count_rows(url, "outbox", "instance_id = '" + stale.id + "'") == 0);

    CHECK(query_text(url, "SELECT state || ': ' || refusal FROM timers WHERE instance_id = '" + refused.id + "'") ==
          "fired: guard: too early");
    CHECK(query_text(url, "SELECT refusal FROM timers WHERE instance_id = '" + fired_before.id + "'") == "not now");

    CHECK(store->load_instance(child.id).value()->parent == parent.id);
    CHECK(store->load_instance(parent.id).value()->children.size() == 1);
    const auto key = store->find_idempotency("bulk-key").value();
    REQUIRE(key.has_value());
    CHECK(key->instance_id == parent.id);
    // Byte for byte, key order and all (json, not jsonb).
    CHECK(query_text(url, "SELECT CAST(response AS text) FROM idempotency_keys WHERE key = 'bulk-key'") ==
          R"({"tiêu đề":"Hội thảo","a":1})");
}

TEMPLATE_TEST_CASE("a batch the bulk writer cannot answer alike is handed back", "[store][commit][bulk]",
                   PostgresqlBackend) {
    TestType database;
    const DatabaseUrl& url = database.url();
    const auto store = test::migrated_store(url);
    const Instance seminar = seminar_with_timer(*store);
    const Instance other = seminar_with_timer(*store);

    SECTION("two commits of one instance: the second must see what the first wrote") {
        const std::vector<Commit> batch = {test::transition(seminar, 1, "planned", {}),
                                           test::transition(seminar, 1, "cancelled", {})};
        CHECK_FALSE(bulk_writable(pointers(batch)));
    }
    SECTION("a commit whose move took effect but whose timer was fired by another node") {
        Commit fired;
        fired.fired_timer = TimerRef{seminar.id, "remind"};
        fired.refusal = "first";
        REQUIRE(store->commit(fired).value() == CommitStatus::committed);
        std::vector<Commit> batch = {test::transition(seminar, 1, "planned", {}),
                                     test::transition(other, 1, "planned", {})};
        batch.front().fired_timer = TimerRef{seminar.id, "remind"};
        CHECK_FALSE(write_batch(url, batch).has_value());
        CHECK(store->load_instance(other.id).value()->version == 1);
    }
    SECTION("a key a concurrent request stored first") {
        Commit stored = test::transition(other, 1, "planned", {});
        stored.idempotency = key_record("taken", other.id);
        REQUIRE(store->commit(stored).value() == CommitStatus::committed);
        std::vector<Commit> batch = {test::transition(seminar, 1, "planned", {})};
        batch.front().idempotency = key_record("taken", seminar.id);
        CHECK_FALSE(write_batch(url, batch).has_value());
    }
    // Handed back, nothing of the batch is there.
    CHECK(store->load_instance(seminar.id).value()->version == 1);
}

TEMPLATE_TEST_CASE("a function answer of the wrong length is refused before it is read", "[store][commit][bulk]",
                   PostgresqlBackend) {
    TestType database;
    const DatabaseUrl& url = database.url();
    const auto store = test::migrated_store(url);
    const Instance seminar = seminar_with_timer(*store);
    const Instance other = seminar_with_timer(*store);
    // A function that answers for one commit whatever the batch holds.
    *test::connect(url) << "CREATE OR REPLACE FUNCTION seminarflow_commit_batch(batch jsonb) RETURNS text "
                           "LANGUAGE sql AS 'SELECT ''c''::text'";
    const std::vector<Commit> batch = {test::transition(seminar, 1, "planned", {}),
                                       test::transition(other, 1, "planned", {})};
    REQUIRE(bulk_writable(pointers(batch)));
    CHECK_THROWS_WITH(write_batch(url, batch), Catch::Contains("seminarflow_commit_batch answered 1 commits of 2"));
}

}  // namespace seminarflow
