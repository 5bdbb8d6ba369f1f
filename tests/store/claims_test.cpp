// Store::claim_due_timers, claim_signals and next_timer_due, and commits that record a refusal:
// how the timer scheduler and signal delivery take work under a lease, on both backends. The
// concurrent cases are the scale-out guarantee: nodes claiming at once never get the same timer
// or signal, and between them get all of it.
#include <catch2/catch.hpp>

#include <algorithm>
#include <future>
#include <latch>
#include <set>
#include <thread>

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
using test::time_at;

// A seminar created with `timers`, its first history entry, and `signals` sent to it.
Instance seminar_with(SociStore& store, const std::vector<std::pair<std::string, std::string>>& timers,
                      std::vector<PendingSignal> signals = {}) {
    Instance seminar = test::seminar(test::new_uuid());
    Commit created = test::creation(seminar);
    for (const auto& [name, due] : timers) created.timers_scheduled.push_back({seminar.id, name, time_at(due), name});
    for (PendingSignal& signal : signals) {
        signal.target_instance_id = seminar.id;
        created.signals.push_back(std::move(signal));
    }
    const auto status = store.commit(created);
    STORE_REQUIRE_OK(status);
    REQUIRE(*status == CommitStatus::committed);
    return seminar;
}

PendingSignal signal_at(std::string created_at, std::string type = "submitted") {
    return {.id = test::new_uuid(),
            .target_instance_id = {},
            .event = {std::move(type), {{"by", "Nguyễn Văn An"}, {"pages", 12}}, {"child:c-1", Role::system}},
            .created_at = time_at(created_at)};
}

std::vector<std::string> names(const std::vector<Timer>& timers) {
    std::vector<std::string> result;
    for (const Timer& timer : timers) result.push_back(timer.name);
    return result;
}

std::vector<std::string> types(const std::vector<PendingSignal>& signals) {
    std::vector<std::string> result;
    for (const PendingSignal& signal : signals) result.push_back(signal.event.type);
    return result;
}

// Runs `claim(store, owner)` on `nodes` threads at once, each with a store of its own (as separate
// nodes would be), until each gets nothing; returns what each node claimed, by id.
template <class Claim>
std::vector<std::vector<std::string>> claim_from_nodes(const DatabaseUrl& url, int nodes, Claim claim) {
    std::vector<std::unique_ptr<SociStore>> stores;
    for (int node = 0; node < nodes; ++node) {
        stores.push_back(std::make_unique<SociStore>(url, SociStoreOptions{.pool_size = 1}));
    }
    std::vector<std::vector<std::string>> claimed(static_cast<std::size_t>(nodes));
    std::vector<std::string> errors(static_cast<std::size_t>(nodes));
    std::latch start(nodes);
    {
        std::vector<std::jthread> running;
        for (int node = 0; node < nodes; ++node) {
            running.emplace_back([&, node] {
                const auto index = static_cast<std::size_t>(node);
                start.arrive_and_wait();
                for (;;) {
                    auto ids = claim(*stores[index], "node-" + std::to_string(node));
                    if (!ids) {
                        errors[index] = ids.error().message;
                        return;
                    }
                    if (ids->empty()) return;
                    claimed[index].insert(claimed[index].end(), ids->begin(), ids->end());
                }
            });
        }
    }
    for (const auto& error : errors) CHECK(error.empty());
    return claimed;
}

// Every id in exactly one node's claims, and the row's lease says that node.
void check_disjoint_and_complete(const DatabaseUrl& url, const std::string& table,
                                 const std::vector<std::vector<std::string>>& claimed, std::size_t expected,
                                 long long not_claimable = 0) {
    std::set<std::string> all;
    std::size_t total = 0;
    for (std::size_t node = 0; node < claimed.size(); ++node) {
        total += claimed[node].size();
        all.insert(claimed[node].begin(), claimed[node].end());
        const long long leased =
            count_rows(url, table, "lease_owner = 'node-" + std::to_string(node) + "' AND attempts = 1");
        CHECK(leased == static_cast<long long>(claimed[node].size()));
    }
    CHECK(total == expected);       // nothing claimed twice ...
    CHECK(all.size() == expected);  // ... and nothing left out
    CHECK(count_rows(url, table, "lease_owner IS NULL") == not_claimable);
    // Not a proof by itself, but a run where one node took everything would not have tested much.
    std::size_t nodes_with_work = 0;
    for (const auto& ids : claimed) nodes_with_work += ids.empty() ? 0 : 1;
    WARN("nodes that claimed something: " << nodes_with_work << " of " << claimed.size());
}

}  // namespace

TEMPLATE_TEST_CASE("a timer is claimed once it is due, under a lease, and again when the lease ran out",
                   "[store][claims][timers]", SqliteBackend, PostgresqlBackend) {
    TestType database;
    const DatabaseUrl& url = database.url();
    const auto store = test::migrated_store(url);
    const Instance seminar = seminar_with(*store, {{"remind", "2026-11-30T08:00:00.250Z"},
                                                   {"open", "2026-12-01T07:30:00Z"}});

    // Not due yet: nothing, and nothing changes.
    auto early = store->claim_due_timers("node-a", time_at("2026-11-30T08:00:00.249Z"),
                                         time_at("2026-11-30T08:01:00Z"), 10);
    STORE_REQUIRE_OK(early);
    CHECK(early->empty());
    CHECK(count_rows(url, "timers", "lease_owner IS NULL AND attempts = 0") == 2);

    // Due at exactly now: claimed, as it was scheduled.
    auto due = store->claim_due_timers("node-a", time_at("2026-11-30T08:00:00.250Z"),
                                       time_at("2026-11-30T08:01:00Z"), 10);
    STORE_REQUIRE_OK(due);
    REQUIRE(due->size() == 1);
    CHECK((*due)[0].instance_id == seminar.id);
    CHECK((*due)[0].name == "remind");
    CHECK((*due)[0].event == "remind");
    CHECK((*due)[0].due == time_at("2026-11-30T08:00:00.250Z"));
    CHECK(count_rows(url, "timers", "name = 'remind' AND state = 'pending' AND lease_owner = 'node-a'"
                                    " AND lease_expires_at = '2026-11-30T08:01:00.000Z' AND attempts = 1") == 1);
    CHECK(count_rows(url, "timers", "name = 'open' AND lease_owner IS NULL AND attempts = 0") == 1);

    // While the lease holds (up to and including its last instant), no other node gets it.
    for (const char* now : {"2026-11-30T08:00:01Z", "2026-11-30T08:01:00Z"}) {
        CAPTURE(now);
        auto held = store->claim_due_timers("node-b", time_at(now), time_at("2026-11-30T08:02:00Z"), 10);
        STORE_REQUIRE_OK(held);
        CHECK(held->empty());
    }
    CHECK(count_rows(url, "timers", "lease_owner = 'node-a' AND attempts = 1") == 1);

    // node-a died: once its lease ran out, node-b claims the timer again.
    auto again = store->claim_due_timers("node-b", time_at("2026-11-30T08:01:00.001Z"),
                                         time_at("2026-11-30T08:02:00Z"), 10);
    STORE_REQUIRE_OK(again);
    REQUIRE(again->size() == 1);
    CHECK((*again)[0].name == "remind");
    CHECK(count_rows(url, "timers", "name = 'remind' AND lease_owner = 'node-b'"
                                    " AND lease_expires_at = '2026-11-30T08:02:00.000Z' AND attempts = 2") == 1);
}

TEMPLATE_TEST_CASE("a fired or cancelled timer is never claimed, and one scheduled again is",
                   "[store][claims][timers]", SqliteBackend, PostgresqlBackend) {
    TestType database;
    const DatabaseUrl& url = database.url();
    const auto store = test::migrated_store(url);
    const Instance seminar = seminar_with(*store, {{"remind", "2026-11-30T08:00:00Z"},
                                                   {"open", "2026-11-30T09:00:00Z"},
                                                   {"close", "2026-11-30T10:00:00Z"}});
    const Time later = time_at("2027-01-01T00:00:00Z");
    const Time lease = time_at("2027-01-01T00:01:00Z");

    // "remind" was claimed and fired; "open" is cancelled by the same step, still under no lease.
    REQUIRE(store->claim_due_timers("node-a", time_at("2026-11-30T08:00:00Z"), time_at("2026-11-30T08:01:00Z"), 1)
                .value()
                .size() == 1);
    Commit fired = test::transition(seminar, 1, "open", {{"count", 1}});
    fired.fired_timer = TimerRef{seminar.id, "remind"};
    fired.timers_cancelled.push_back({seminar.id, "open"});
    REQUIRE(store->commit(fired).value() == CommitStatus::committed);

    auto claimed = store->claim_due_timers("node-b", later, lease, 10);
    STORE_REQUIRE_OK(claimed);
    CHECK(names(*claimed) == std::vector<std::string>{"close"});
    // Its lease ran out: claimed again, and still alone.
    CHECK(names(store->claim_due_timers("node-c", time_at("2027-01-01T00:05:00Z"), time_at("2027-02-01T00:00:00Z"), 10)
                    .value()) == std::vector<std::string>{"close"});
    CHECK(count_rows(url, "timers", "state <> 'pending' AND lease_owner IS NOT NULL") == 0);

    // A fired timer scheduled again is pending again, its attempts counted afresh.
    Commit rearmed = test::transition(seminar, 2, "open", {{"count", 2}});
    rearmed.timers_scheduled.push_back({seminar.id, "remind", time_at("2026-12-30T08:00:00Z"), "remind"});
    REQUIRE(store->commit(rearmed).value() == CommitStatus::committed);
    auto rearmed_claim = store->claim_due_timers("node-d", time_at("2027-01-01T00:10:00Z"),
                                                 time_at("2027-01-01T00:11:00Z"), 10);
    STORE_REQUIRE_OK(rearmed_claim);
    CHECK(names(*rearmed_claim) == std::vector<std::string>{"remind"});
    CHECK(count_rows(url, "timers", "name = 'remind' AND attempts = 1 AND lease_owner = 'node-d'") == 1);
}

TEMPLATE_TEST_CASE("due timers are claimed earliest first, at most limit at a time", "[store][claims][timers]",
                   SqliteBackend, PostgresqlBackend) {
    TestType database;
    const DatabaseUrl& url = database.url();
    const auto store = test::migrated_store(url);
    // Scheduled out of order, across two instances, two due at the same instant (ordered by
    // instance then).
    const Instance first = seminar_with(*store, {{"d", "2026-11-30T08:00:00.004Z"},
                                                 {"b", "2026-11-30T08:00:00.002Z"},
                                                 {"c", "2026-11-30T08:00:00.003Z"},
                                                 {"late", "2026-12-30T08:00:00Z"}});
    const Instance second = seminar_with(*store, {{"a", "2026-11-30T08:00:00.001Z"},
                                                  {"tie", "2026-11-30T08:00:00.003Z"},
                                                  {"e", "2026-11-30T08:00:00.005Z"}});
    CHECK(count_rows(url, "timers") == 7);
    const std::vector<std::string> tied =
        first.id < second.id ? std::vector<std::string>{"c", "tie"} : std::vector<std::string>{"tie", "c"};
    const Time now = time_at("2026-11-30T09:00:00Z");
    const Time lease = time_at("2026-11-30T09:01:00Z");

    auto page = store->claim_due_timers("node-a", now, lease, 2);
    STORE_REQUIRE_OK(page);
    CHECK(names(*page) == std::vector<std::string>{"a", "b"});
    CHECK((*page)[0].instance_id == second.id);
    CHECK((*page)[1].instance_id == first.id);
    CHECK(store->claim_due_timers("node-a", now, lease, 0).value().empty());  // none asked for: none taken
    page = store->claim_due_timers("node-a", now, lease, 2);
    STORE_REQUIRE_OK(page);
    CHECK(names(*page) == tied);
    page = store->claim_due_timers("node-a", now, lease, 100);
    STORE_REQUIRE_OK(page);
    CHECK(names(*page) == std::vector<std::string>{"d", "e"});  // "late" is not due
    CHECK(store->claim_due_timers("node-a", now, lease, 100).value().empty());
    CHECK(count_rows(url, "timers", "attempts = 1") == 6);

    // Leases that ran out are claimed again in due order as well.
    page = store->claim_due_timers("node-b", time_at("2026-12-31T00:00:00Z"), time_at("2026-12-31T00:01:00Z"), 3);
    STORE_REQUIRE_OK(page);
    CHECK(names(*page) == std::vector<std::string>{"a", "b", tied[0]});
}

TEMPLATE_TEST_CASE("nodes claiming due timers at once get disjoint sets that cover them all",
                   "[store][claims][timers][concurrency]", SqliteBackend, PostgresqlBackend) {
    constexpr int timer_count = 200;
    constexpr int nodes = 4;
    TestType database;
    const DatabaseUrl& url = database.url();
    const auto store = test::migrated_store(url);
    std::vector<std::pair<std::string, std::string>> timers;
    for (int i = 0; i < timer_count; ++i) {
        // Spread over a few instants, so that ties and order both come into it.
        timers.emplace_back("t" + std::to_string(i), "2026-11-30T08:00:00.00" + std::to_string(i % 10) + "Z");
    }
    seminar_with(*store, timers);
    seminar_with(*store, {{"not_due", "2026-12-30T08:00:00Z"}});

    // Read here, not on the nodes' threads: time_at asserts, and Catch2's assertions are not thread-safe.
    const Time now = time_at("2026-11-30T09:00:00Z");
    const Time lease = time_at("2026-11-30T09:05:00Z");
    const auto claimed = claim_from_nodes(url, nodes, [&](SociStore& node, const std::string& owner) {
        auto got = node.claim_due_timers(owner, now, lease, 7);
        std::vector<std::string> ids;
        if (!got) return Result<std::vector<std::string>, StoreError>(fail(std::move(got).error()));
        for (const Timer& timer : *got) ids.push_back(timer.instance_id + "/" + timer.name);
        return Result<std::vector<std::string>, StoreError>(std::move(ids));
    });
    check_disjoint_and_complete(url, "timers", claimed, timer_count, 1);
}

TEMPLATE_TEST_CASE("a claim passes over timers another node is claiming right now, without waiting",
                   "[store][claims][timers][concurrency]", SqliteBackend, PostgresqlBackend) {
    TestType database;
    const DatabaseUrl& url = database.url();
    const auto store = test::migrated_store(url);
    seminar_with(*store, {{"first", "2026-11-30T08:00:00Z"}, {"second", "2026-11-30T08:00:01Z"}});
    const Time now = time_at("2026-11-30T09:00:00Z");
    const Time lease = time_at("2026-11-30T09:05:00Z");

    if constexpr (TestType::backend == DatabaseBackend::postgresql) {
        // Another node's claim is half way: it holds the earliest row locked, uncommitted.
        const auto other = test::connect(url);
        *other << "BEGIN";
        *other << "SELECT id FROM timers WHERE name = 'first' FOR UPDATE";
        // Without SKIP LOCKED the claim would wait for that lock: it runs on a thread of its own, and
        // the lock is let go after a while whatever happened, so a claim that waits fails the test
        // instead of hanging it.
        auto claiming = std::async(std::launch::async, [&] { return store->claim_due_timers("node-b", now, lease, 10); });
        const bool without_waiting = claiming.wait_for(std::chrono::seconds(5)) == std::future_status::ready;
        *other << "ROLLBACK";
        const auto claimed = claiming.get();
        CHECK(without_waiting);
        STORE_REQUIRE_OK(claimed);
        CHECK(names(*claimed) == std::vector<std::string>{"second"});
    } else {
        // SQLite has one writer: a claim waits for it (busy_timeout), so there is nothing to pass over.
        SUCCEED("SQLite serialises claims on its write lock");
    }
    // The row that was passed over is still there for the next claim.
    auto rest = store->claim_due_timers("node-c", now, lease, 10);
    STORE_REQUIRE_OK(rest);
    const auto expected = TestType::backend == DatabaseBackend::postgresql ? std::vector<std::string>{"first"}
                                                                           : std::vector<std::string>{"first", "second"};
    CHECK(names(*rest) == expected);
}

TEMPLATE_TEST_CASE("pending signals are claimed oldest first with their event, under a lease",
                   "[store][claims][signals]", SqliteBackend, PostgresqlBackend) {
    TestType database;
    const DatabaseUrl& url = database.url();
    const auto store = test::migrated_store(url);
    std::vector<PendingSignal> signals = {signal_at("2026-11-30T08:00:00.003Z", "third"),
                                          signal_at("2026-11-30T08:00:00.001Z", "first"),
                                          signal_at("2026-11-30T08:00:00.002Z", "second"),
                                          signal_at("2026-11-30T08:00:00.004Z", "done_already")};
    const std::string done_id = signals[3].id;
    const Instance seminar = seminar_with(*store, {}, signals);
    Commit consumed = test::transition(seminar, 1, "draft", {{"count", 1}});
    consumed.consumed_signal = done_id;
    REQUIRE(store->commit(consumed).value() == CommitStatus::committed);
    const Time now = time_at("2026-11-30T08:00:00Z");  // signals wait for no due time
    const Time lease = time_at("2026-11-30T08:01:00Z");

    auto page = store->claim_signals("node-a", now, lease, 2);
    STORE_REQUIRE_OK(page);
    REQUIRE(types(*page) == std::vector<std::string>{"first", "second"});
    const PendingSignal& first = (*page)[0];
    CHECK(first.id == signals[1].id);
    CHECK(first.target_instance_id == seminar.id);
    CHECK(first.event.payload == signals[1].event.payload);
    CHECK(first.event.actor.id == "child:c-1");
    CHECK(first.event.actor.role == Role::system);
    CHECK(first.created_at == time_at("2026-11-30T08:00:00.001Z"));
    CHECK(count_rows(url, "signals", "lease_owner = 'node-a' AND lease_expires_at = '2026-11-30T08:01:00.000Z'"
                                     " AND attempts = 1") == 2);
    CHECK(store->claim_signals("node-a", now, lease, 0).value().empty());

    // The rest, but not what another node holds, nor the one already done.
    page = store->claim_signals("node-b", time_at("2026-11-30T08:01:00Z"), time_at("2026-11-30T08:02:00Z"), 10);
    STORE_REQUIRE_OK(page);
    CHECK(types(*page) == std::vector<std::string>{"third"});

    // node-a died: its signals are claimed again once its lease ran out, still oldest first.
    page = store->claim_signals("node-c", time_at("2026-11-30T08:01:00.001Z"), time_at("2026-11-30T08:03:00Z"), 10);
    STORE_REQUIRE_OK(page);
    CHECK(types(*page) == std::vector<std::string>{"first", "second"});
    CHECK(count_rows(url, "signals", "lease_owner = 'node-c' AND attempts = 2") == 2);
    CHECK(count_rows(url, "signals", "state = 'done' AND lease_owner IS NULL AND attempts = 0") == 1);
}

TEMPLATE_TEST_CASE("nodes claiming signals at once get disjoint sets that cover them all",
                   "[store][claims][signals][concurrency]", SqliteBackend, PostgresqlBackend) {
    constexpr int signal_count = 200;
    constexpr int nodes = 4;
    TestType database;
    const DatabaseUrl& url = database.url();
    const auto store = test::migrated_store(url);
    std::vector<PendingSignal> signals;
    for (int i = 0; i < signal_count; ++i) {
        signals.push_back(signal_at("2026-11-30T08:00:00.00" + std::to_string(i % 10) + "Z", "s" + std::to_string(i)));
    }
    seminar_with(*store, {}, signals);

    // Read here, not on the nodes' threads: time_at asserts, and Catch2's assertions are not thread-safe.
    const Time now = time_at("2026-11-30T09:00:00Z");
    const Time lease = time_at("2026-11-30T09:05:00Z");
    const auto claimed = claim_from_nodes(url, nodes, [&](SociStore& node, const std::string& owner) {
        auto got = node.claim_signals(owner, now, lease, 7);
        std::vector<std::string> ids;
        if (!got) return Result<std::vector<std::string>, StoreError>(fail(std::move(got).error()));
        for (const PendingSignal& signal : *got) ids.push_back(signal.id);
        return Result<std::vector<std::string>, StoreError>(std::move(ids));
    });
    check_disjoint_and_complete(url, "signals", claimed, signal_count);
}

TEMPLATE_TEST_CASE("next_timer_due is the earliest pending timer, leased or not", "[store][claims][timers]",
                   SqliteBackend, PostgresqlBackend) {
    TestType database;
    const auto store = test::migrated_store(database.url());
    auto none = store->next_timer_due();
    STORE_REQUIRE_OK(none);
    CHECK_FALSE(none->has_value());

    const Instance seminar = seminar_with(*store, {{"remind", "2026-11-30T08:00:00.250Z"},
                                                   {"open", "2026-12-01T07:30:00Z"}});
    CHECK(store->next_timer_due().value() == time_at("2026-11-30T08:00:00.250Z"));
    // A claimed timer is still pending: the node holding it may die.
    REQUIRE(store->claim_due_timers("node-a", time_at("2026-11-30T08:00:01Z"), time_at("2026-11-30T08:01:00Z"), 10)
                .value()
                .size() == 1);
    CHECK(store->next_timer_due().value() == time_at("2026-11-30T08:00:00.250Z"));

    Commit fired = test::transition(seminar, 1, "draft", {{"count", 1}});
    fired.fired_timer = TimerRef{seminar.id, "remind"};
    REQUIRE(store->commit(fired).value() == CommitStatus::committed);
    CHECK(store->next_timer_due().value() == time_at("2026-12-01T07:30:00Z"));

    Commit cancelled = test::transition(seminar, 2, "closed", {{"count", 2}});
    cancelled.timers_cancelled.push_back({seminar.id, "open"});
    REQUIRE(store->commit(cancelled).value() == CommitStatus::committed);
    CHECK_FALSE(store->next_timer_due().value().has_value());
}

TEMPLATE_TEST_CASE("a refused timer or signal is consumed once with its reason, and nothing else is written",
                   "[store][commit][claims]", SqliteBackend, PostgresqlBackend) {
    TestType database;
    const DatabaseUrl& url = database.url();
    const auto store = test::migrated_store(url);
    std::vector<PendingSignal> signals = {signal_at("2026-11-30T08:00:00Z", "poke")};
    const std::string signal_id = signals[0].id;
    const Instance seminar = seminar_with(*store, {{"remind", "2026-11-30T08:00:00Z"}}, signals);
    REQUIRE(store->claim_due_timers("node-a", time_at("2026-11-30T08:00:00Z"), time_at("2026-11-30T08:01:00Z"), 1)
                .value()
                .size() == 1);
    REQUIRE(store->claim_signals("node-a", time_at("2026-11-30T08:00:00Z"), time_at("2026-11-30T08:01:00Z"), 1)
                .value()
                .size() == 1);
    const std::string reason = "sự kiện 'remind' không được phép ở trạng thái 'closed'";

    SECTION("timer") {
        Commit refused;
        refused.fired_timer = TimerRef{seminar.id, "remind"};
        refused.refusal = reason;
        const auto status = store->commit(refused);
        STORE_REQUIRE_OK(status);
        CHECK(*status == CommitStatus::committed);
        CHECK(query_text(url, "SELECT refusal FROM timers WHERE name = 'remind'") == reason);
        CHECK(count_rows(url, "timers", "state = 'fired' AND lease_owner IS NULL AND lease_expires_at IS NULL") == 1);
        CHECK(count_rows(url, "signals", "state = 'pending' AND refusal IS NULL") == 1);
        CHECK(store->load_instance(seminar.id).value()->version == 1);  // the instance did not move

        // Another node fired it too: it was consumed, and the reason stays the first one.
        refused.refusal = "another reason";
        CHECK(store->commit(refused).value() == CommitStatus::already_consumed);
        CHECK(query_text(url, "SELECT refusal FROM timers WHERE name = 'remind'") == reason);
        CHECK(store->claim_due_timers("node-b", time_at("2027-01-01T00:00:00Z"), time_at("2027-01-01T00:01:00Z"), 10)
                  .value()
                  .empty());

        // Scheduled again, it is pending with no reason.
        Commit rearmed = test::transition(seminar, 1, "draft", {{"count", 1}});
        rearmed.timers_scheduled.push_back({seminar.id, "remind", time_at("2026-12-30T08:00:00Z"), "remind"});
        REQUIRE(store->commit(rearmed).value() == CommitStatus::committed);
        CHECK(count_rows(url, "timers", "state = 'pending' AND refusal IS NULL AND attempts = 0") == 1);
    }
    SECTION("signal") {
        Commit refused;
        refused.consumed_signal = signal_id;
        refused.refusal = reason;
        const auto status = store->commit(refused);
        STORE_REQUIRE_OK(status);
        CHECK(*status == CommitStatus::committed);
        CHECK(query_text(url, "SELECT refusal FROM signals") == reason);
        CHECK(count_rows(url, "signals", "state = 'done' AND lease_owner IS NULL AND lease_expires_at IS NULL") == 1);
        CHECK(count_rows(url, "timers", "state = 'pending' AND refusal IS NULL") == 1);
        CHECK(store->load_instance(seminar.id).value()->version == 1);

        refused.refusal = "another reason";
        CHECK(store->commit(refused).value() == CommitStatus::already_consumed);
        CHECK(query_text(url, "SELECT refusal FROM signals") == reason);
        CHECK(store->claim_signals("node-b", time_at("2027-01-01T00:00:00Z"), time_at("2027-01-01T00:01:00Z"), 10)
                  .value()
                  .empty());
    }
    SECTION("a refusal with anything else is a mistake, and writes nothing") {
        Commit refused = test::transition(seminar, 1, "closed", {{"count", 1}});
        refused.fired_timer = TimerRef{seminar.id, "remind"};
        refused.refusal = reason;
        const auto status = store->commit(refused);
        REQUIRE_FALSE(status.ok());
        CHECK_THAT(status.error().message, Catch::Matchers::Contains("refusal"));
        Commit nothing_consumed;
        nothing_consumed.refusal = reason;
        CHECK_FALSE(store->commit(nothing_consumed).ok());
        CHECK(count_rows(url, "timers", "state = 'pending' AND refusal IS NULL AND lease_owner = 'node-a'") == 1);
        CHECK(count_rows(url, "signals", "state = 'pending' AND refusal IS NULL AND lease_owner = 'node-a'") == 1);
    }
    // A refusal wrote no history, no outbox: one history entry per version the instance reached.
    const auto loaded = store->load_instance(seminar.id).value();
    REQUIRE(loaded.has_value());
    CHECK(count_rows(url, "history") == loaded->version);
    CHECK(count_rows(url, "outbox") == 0);
}

}  // namespace seminarflow
