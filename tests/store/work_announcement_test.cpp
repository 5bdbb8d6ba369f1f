// Commits that make work for the schedulers tell the other nodes, through PostgreSQL's NOTIFY in their own
// transaction: heard by a listening connection of another store once they commit, and never if
// they roll back. What a connection heard is counted after a later commit's notification has
// arrived: PostgreSQL delivers them in commit order on one socket, so by then any earlier one
// would have arrived too, and no test waits on a clock to prove that nothing came.
#include <catch2/catch.hpp>

#include <poll.h>

#include <chrono>
#include <optional>
#include <thread>

#include "adapters/store/listening_connection.hpp"
#include "adapters/store/soci_store.hpp"
#include "adapters/store/work_announcement.hpp"
#include "tests/store/backends.hpp"
#include "tests/store/store_fixtures.hpp"

using seminarflow::test::PostgresqlBackend;

namespace seminarflow {
namespace {

constexpr std::chrono::seconds generous{30};

std::unique_ptr<ListeningConnection> listen_on(const DatabaseUrl& url) {
    auto opened = ListeningConnection::open(url);
    INFO((opened.ok() ? "" : opened.error().message));
    REQUIRE(opened.ok());
    return std::move(opened).value();
}

// Waits until `connection` has heard something (at most `generous`), then says how much.
std::size_t heard(ListeningConnection& connection) {
    const auto deadline = std::chrono::steady_clock::now() + generous;
    while (true) {
        auto taken = connection.take_notifications();
        INFO((taken.ok() ? "" : taken.error().message));
        REQUIRE(taken.ok());
        if (*taken > 0) return *taken;
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) return 0;
        pollfd readable{connection.socket(), POLLIN, 0};
        ::poll(&readable, 1, static_cast<int>(left.count()));
    }
}

Timer reminder(const std::string& instance_id) {
    return {instance_id, "remind", test::time_at("2026-11-30T08:00:00Z"), "remind"};
}

// A new instance with a timer: a commit that surely notifies, sent last to count what came before.
Commit marker() {
    const Instance instance = test::seminar(test::new_uuid());
    Commit commit = test::creation(instance);
    commit.timers_scheduled.push_back(reminder(instance.id));
    return commit;
}

void commit_ok(SociStore& store, const Commit& commit, CommitStatus expected = CommitStatus::committed) {
    const auto status = store.commit(commit);
    STORE_REQUIRE_OK(status);
    REQUIRE(*status == expected);
}

// Commits `refused` (a version conflict) and `other` in one batch of a store of their own, then a
// marker after them.
void commit_refused_beside(const DatabaseUrl& url, const Commit& refused, const Commit& other,
                           CommitStatus other_expected) {
    SociStoreOptions options;
    options.hold_first_batch_until = 2;  // both in the first batch
    SociStore batching(url, options);
    std::optional<Result<CommitStatus, StoreError>> other_answer;
    std::jthread beside([&] { other_answer = batching.commit(other); });
    commit_ok(batching, refused, CommitStatus::version_conflict);
    beside.join();
    STORE_REQUIRE_OK(*other_answer);
    CHECK(**other_answer == other_expected);
    commit_ok(batching, marker());
}

}  // namespace

TEST_CASE("a commit makes work for the scheduler with a timer or a signal and for the dispatcher with a delivery",
          "[store][notify]") {
    const Instance instance = test::seminar(test::new_uuid());
    Commit commit = test::creation(instance);
    CHECK_FALSE(work_made(commit).any());
    commit.timers_cancelled.push_back({instance.id, "remind"});
    CHECK_FALSE(work_made(commit).any());  // nobody has anything more to do
    Commit fired;
    fired.fired_timer = TimerRef{instance.id, "remind"};
    fired.refusal = "not allowed in draft";
    CHECK_FALSE(work_made(fired).any());

    Commit timer = commit;
    timer.timers_scheduled.push_back(reminder(instance.id));
    CHECK(work_made(timer).scheduling);
    CHECK_FALSE(work_made(timer).delivering);
    Commit signal = commit;
    signal.signals.push_back({test::new_uuid(), instance.id, {"submitted", {}, {"child", Role::system}}, {}});
    CHECK(work_made(signal).scheduling);
    CHECK_FALSE(work_made(signal).delivering);
    Commit delivery = commit;
    delivery.notifications.push_back({.id = test::new_uuid(),
                                      .instance_id = instance.id,
                                      .template_name = "seminar.planned",
                                      .audience = {},
                                      .payload = {},
                                      .created_at = {}});
    CHECK_FALSE(work_made(delivery).scheduling);
    CHECK(work_made(delivery).delivering);
}

TEMPLATE_TEST_CASE("a commit that makes work for the schedulers is heard by a listener of another store",
                   "[store][notify]", PostgresqlBackend) {
    TestType database;
    const auto store = test::migrated_store(database.url());
    const auto listener = listen_on(database.url());
    const Instance instance = test::seminar(test::new_uuid());
    commit_ok(*store, test::creation(instance));  // makes no work: says nothing

    Commit planned = test::transition(instance, 1, "planned", {{"title", "Tọa đàm"}});
    SECTION("a timer") { planned.timers_scheduled.push_back(reminder(instance.id)); }
    SECTION("a signal") {
        planned.signals.push_back({test::new_uuid(), instance.id, {"submitted", {}, {"child", Role::system}},
                                   test::time_at("2026-12-01T08:00:01Z")});
    }
    commit_ok(*store, planned);
    CHECK(heard(*listener) == 1);
}

TEMPLATE_TEST_CASE("a commit that only queues a delivery is not announced", "[store][notify]", PostgresqlBackend) {
    TestType database;
    const auto store = test::migrated_store(database.url());
    const auto listener = listen_on(database.url());
    const Instance instance = test::seminar(test::new_uuid());
    commit_ok(*store, test::creation(instance));
    Commit planned = test::transition(instance, 1, "planned", {{"title", "Tọa đàm"}});
    planned.notifications.push_back({.id = test::new_uuid(),
                                     .instance_id = instance.id,
                                     .template_name = "seminar.planned",
                                     .audience = {"organiser"},
                                     .payload = {{"title", "Tọa đàm"}},
                                     .created_at = test::time_at("2026-12-01T08:00:01Z")});
    commit_ok(*store, planned);
    commit_ok(*store, marker());
    CHECK(heard(*listener) == 1);  // the marker's alone
}

TEMPLATE_TEST_CASE("a commit that rolls back is heard by nobody", "[store][notify]", PostgresqlBackend) {
    TestType database;
    const auto store = test::migrated_store(database.url());
    const Instance instance = test::seminar(test::new_uuid());
    commit_ok(*store, test::creation(instance));
    const auto listener = listen_on(database.url());
    Commit stale = test::transition(instance, 7, "planned", {{"title", "Tọa đàm"}});  // it is at version 1
    stale.timers_scheduled.push_back(reminder(instance.id));

    SECTION("alone in its transaction") {
        commit_ok(*store, stale, CommitStatus::version_conflict);
        commit_ok(*store, marker());
    }
    SECTION("in a batch whose every commit is refused") {
        Commit also_stale = test::transition(instance, 8, "planned", {{"title", "Tọa đàm"}});
        also_stale.signals.push_back({test::new_uuid(), instance.id, {"submitted", {}, {"child", Role::system}}, {}});
        commit_refused_beside(database.url(), stale, also_stale, CommitStatus::version_conflict);
    }
    SECTION("refused in a batch where another commit is written") {
        const Commit quiet = test::creation(test::seminar(test::new_uuid()));  // makes no work
        commit_refused_beside(database.url(), stale, quiet, CommitStatus::committed);
    }
    CHECK(heard(*listener) == 1);  // the marker's alone
}

}  // namespace seminarflow
