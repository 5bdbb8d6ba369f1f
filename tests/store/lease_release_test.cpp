// Store::release_leases: a node shutting down lets go of what it claimed and did not finish, so
// that another node claims it at once rather than when the lease runs out. On both backends.
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
using test::time_at;

// A seminar with three due timers, three pending signals and two notifications in the outbox.
Instance seminar_with_work(SociStore& store) {
    Instance seminar = test::seminar(test::new_uuid());
    Commit created = test::creation(seminar);
    for (const char* name : {"remind", "open", "close"}) {
        created.timers_scheduled.push_back({seminar.id, name, time_at("2026-11-30T08:00:00Z"), name});
    }
    for (const char* type : {"submitted", "withdrawn", "accepted"}) {
        created.signals.push_back({.id = test::new_uuid(),
                                   .target_instance_id = seminar.id,
                                   .event = {type, {}, {"child:c-1", Role::system}},
                                   .created_at = time_at("2026-11-30T07:00:00Z")});
    }
    for (int i = 0; i < 2; ++i) {
        created.notifications.push_back({test::new_uuid(), seminar.id, "seminar.reminder", {}, {},
                                         time_at("2026-11-30T07:00:00Z")});
    }
    const auto status = store.commit(created);
    STORE_REQUIRE_OK(status);
    REQUIRE(*status == CommitStatus::committed);
    return seminar;
}

}  // namespace

TEMPLATE_TEST_CASE("a node lets go of the leases it holds, and only its own", "[store][claims][leases]",
                   SqliteBackend, PostgresqlBackend) {
    TestType database;
    const DatabaseUrl& url = database.url();
    const auto store = test::migrated_store(url);
    const Instance seminar = seminar_with_work(*store);
    const Time now = time_at("2026-11-30T08:00:00Z");
    const Time lease = time_at("2026-11-30T08:05:00Z");

    // node-a claims two timers and two signals, node-b the rest; node-a also holds a delivery.
    REQUIRE(store->claim_due_timers("node-a", now, lease, 2).value().size() == 2);
    REQUIRE(store->claim_due_timers("node-b", now, lease, 10).value().size() == 1);
    REQUIRE(store->claim_signals("node-a", now, lease, 2).value().size() == 2);
    REQUIRE(store->claim_signals("node-b", now, lease, 10).value().size() == 1);
    *test::connect(url) << "UPDATE outbox SET lease_owner = 'node-a', lease_expires_at = '2026-11-30T08:05:00.000Z'"
                           " WHERE id = (SELECT min(id) FROM outbox)";

    auto released = store->release_leases("node-a");
    STORE_REQUIRE_OK(released);
    CHECK(*released == 5);
    CHECK(count_rows(url, "timers", "lease_owner IS NULL AND lease_expires_at IS NULL") == 2);
    CHECK(count_rows(url, "signals", "lease_owner IS NULL AND lease_expires_at IS NULL") == 2);
    CHECK(count_rows(url, "outbox", "lease_owner IS NULL AND lease_expires_at IS NULL") == 2);
    // node-b's are untouched, and what node-a let go is still pending, its attempt still counted.
    CHECK(count_rows(url, "timers", "lease_owner = 'node-b' AND lease_expires_at IS NOT NULL") == 1);
    CHECK(count_rows(url, "signals", "lease_owner = 'node-b'") == 1);
    CHECK(count_rows(url, "timers", "state = 'pending' AND attempts = 1") == 3);
    CHECK(count_rows(url, "signals", "state = 'pending' AND attempts = 1") == 3);

    // Another node claims them at once, well before node-a's leases would have run out.
    const Time soon = time_at("2026-11-30T08:00:01Z");
    auto timers = store->claim_due_timers("node-c", soon, lease, 10);
    STORE_REQUIRE_OK(timers);
    CHECK(timers->size() == 2);
    for (const Timer& timer : *timers) CHECK(timer.instance_id == seminar.id);
    auto signals = store->claim_signals("node-c", soon, lease, 10);
    STORE_REQUIRE_OK(signals);
    CHECK(signals->size() == 2);
    CHECK(count_rows(url, "timers", "lease_owner = 'node-c' AND attempts = 2") == 2);

    // Nothing left to let go: none, and no harm.
    auto again = store->release_leases("node-a");
    STORE_REQUIRE_OK(again);
    CHECK(*again == 0);
    auto stranger = store->release_leases("node-that-never-claimed");
    STORE_REQUIRE_OK(stranger);
    CHECK(*stranger == 0);
}

TEMPLATE_TEST_CASE("a finished timer or signal is not touched by a release", "[store][claims][leases]",
                   SqliteBackend, PostgresqlBackend) {
    TestType database;
    const DatabaseUrl& url = database.url();
    const auto store = test::migrated_store(url);
    const Instance seminar = seminar_with_work(*store);
    const Time now = time_at("2026-11-30T08:00:00Z");
    REQUIRE(store->claim_due_timers("node-a", now, time_at("2026-11-30T08:05:00Z"), 10).value().size() == 3);
    Commit fired = test::transition(seminar, 1, "draft", {{"count", 1}});
    fired.fired_timer = TimerRef{seminar.id, "remind"};
    REQUIRE(store->commit(fired).value() == CommitStatus::committed);

    auto released = store->release_leases("node-a");
    STORE_REQUIRE_OK(released);
    CHECK(*released == 2);
    CHECK(count_rows(url, "timers", "name = 'remind' AND state = 'fired' AND lease_owner IS NULL") == 1);
}

TEMPLATE_TEST_CASE("releasing leases on a database that is down fails with a message", "[store][claims][leases]",
                   SqliteBackend, PostgresqlBackend) {
    TestType database;
    SociStore store(database.unreachable_url());
    auto released = store.release_leases("node-a");
    REQUIRE_FALSE(released.ok());
    CHECK_THAT(released.error().message, Catch::Contains("release_leases"));
    CHECK_THAT(released.error().message, Catch::Contains(std::string(TestType::unreachable_reason)));
}

}  // namespace seminarflow
