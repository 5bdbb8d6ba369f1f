// Store::list_board on both backends: the committee's events (only the workflows asked for),
// oldest first in keyset pages, each with its own children's counts: tham luận not submitted,
// directives overdue, and the deliveries about it or its children that are failing.
#include <catch2/catch.hpp>

#include "tests/store/backends.hpp"
#include "tests/store/delivery_fixtures.hpp"
#include "tests/store/store_fixtures.hpp"

using seminarflow::test::PostgresqlBackend;
using seminarflow::test::SqliteBackend;

namespace seminarflow {
namespace {

using test::time_at;

// Commits a new instance of `workflow` in `state` under `parent`, created at `created_at`.
std::string commit_instance(SociStore& store, const std::string& workflow, const std::string& state,
                            std::optional<std::string> parent = std::nullopt,
                            const std::string& created_at = "2026-12-01T08:00:00.123Z") {
    Instance instance = test::seminar(test::new_uuid(), std::move(parent), workflow);
    instance.state = state;
    instance.created_at = instance.updated_at = time_at(created_at);
    const auto status = store.commit(test::creation(instance));
    STORE_REQUIRE_OK(status);
    REQUIRE(*status == CommitStatus::committed);
    return instance.id;
}

std::unique_ptr<SociStore> store_with_board_workflows(const DatabaseUrl& url) {
    auto store = test::migrated_store(url);
    STORE_REQUIRE_OK(store->save_definitions({{"contest", 1, "name: contest", "c1"},
                                              {"programme", 1, "name: programme", "c2"},
                                              {"directive", 1, "name: directive", "c3"}}));
    return store;
}

const BoardRow& row_of(const BoardPage& page, const std::string& id) {
    const auto found = std::find_if(page.items.begin(), page.items.end(),
                                    [&](const BoardRow& row) { return row.instance.id == id; });
    REQUIRE(found != page.items.end());
    return *found;
}

}  // namespace

TEMPLATE_TEST_CASE("the board lists the workflows asked for, oldest first, a page at a time", "[store][board]",
                   SqliteBackend, PostgresqlBackend) {
    TestType database;
    const auto store = store_with_board_workflows(database.url());
    const std::string programme = commit_instance(*store, "programme", "running", {}, "2026-01-02T00:00:00Z");
    const std::string seminar = commit_instance(*store, "seminar", "planned", programme, "2026-01-03T00:00:00Z");
    const std::string contest = commit_instance(*store, "contest", "registration", {}, "2026-01-04T00:00:00Z");
    commit_instance(*store, "submission", "invited", seminar, "2026-01-05T00:00:00Z");

    const std::vector<std::string> board{"seminar", "contest", "programme"};
    auto first = store->list_board({.workflows = board, .limit = 2});
    STORE_REQUIRE_OK(first);
    REQUIRE(first->items.size() == 2);
    CHECK(first->items[0].instance.id == programme);
    CHECK(first->items[1].instance.id == seminar);
    CHECK(first->items[1].instance.parent == std::optional<std::string>(programme));
    CHECK(first->items[1].instance.data.at("title") == "Tọa đàm doanh nghiệp lần thứ 3");
    REQUIRE(first->next.has_value());
    auto second = store->list_board({.workflows = board, .after = first->next, .limit = 2});
    STORE_REQUIRE_OK(second);
    REQUIRE(second->items.size() == 1);
    CHECK(second->items[0].instance.id == contest);
    CHECK_FALSE(second->next.has_value());

    auto contests = store->list_board({.workflows = {"contest"}});
    STORE_REQUIRE_OK(contests);
    REQUIRE(contests->items.size() == 1);
    CHECK(contests->items[0].instance.id == contest);
    CHECK(store->list_board({.workflows = {}}).value().items.empty());
}

TEMPLATE_TEST_CASE("the board counts an event's own tham luận not submitted and directives overdue",
                   "[store][board]", SqliteBackend, PostgresqlBackend) {
    TestType database;
    const auto store = store_with_board_workflows(database.url());
    const std::string seminar = commit_instance(*store, "seminar", "collecting");
    for (const char* state : {"invited", "invited", "lapsed", "submitted", "accepted"}) {
        commit_instance(*store, "submission", state, seminar);
    }
    for (const char* state : {"overdue", "overdue", "overdue", "assigned", "done"}) {
        commit_instance(*store, "directive", state, seminar);
    }
    const std::string other = commit_instance(*store, "seminar", "collecting");
    commit_instance(*store, "submission", "invited", other);

    auto page = store->list_board({.workflows = {"seminar"}});
    STORE_REQUIRE_OK(page);
    REQUIRE(page->items.size() == 2);
    const BoardRow& counted = row_of(*page, seminar);
    CHECK(counted.unsubmitted_contributions == 3);
    CHECK(counted.overdue_directives == 3);
    CHECK(counted.failing_deliveries == 0);
    const BoardRow& apart = row_of(*page, other);
    CHECK(apart.unsubmitted_contributions == 1);
    CHECK(apart.overdue_directives == 0);
}

TEMPLATE_TEST_CASE("the board counts the deliveries about an event and its children that are failing",
                   "[store][board]", SqliteBackend, PostgresqlBackend) {
    TestType database;
    const DatabaseUrl& url = database.url();
    const auto store = store_with_board_workflows(url);
    STORE_REQUIRE_OK(store->add_endpoint(test::webhook_endpoint("receiver", {}, 10)));
    const auto notifications = test::seminar_notifications(*store, {"a", "b", "c", "d", "e"});
    const std::string seminar =
        test::query_text(url, "SELECT instance_id FROM outbox WHERE id = '" + notifications[0] + "'");
    test::CountingIds ids;
    REQUIRE(store->fan_out_notifications(time_at("2026-11-30T08:00:00Z"), 10, ids).value() == 5);
    auto claimed = store->claim_due_deliveries("node-a", time_at("2026-11-30T08:00:00Z"), time_at("2026-11-30T08:01:00Z"), 10);
    STORE_REQUIRE_OK(claimed);
    REQUIRE(claimed->size() == 5);
    const auto attempt = [&](const Delivery& delivery, std::optional<int> status, DeliverySettlement settlement) {
        const DeliveryAttempt tried{.delivery_id = delivery.id,
                                    .attempt = delivery.attempt,
                                    .started_at = time_at("2026-11-30T08:00:00Z"),
                                    .latency = std::chrono::milliseconds(20),
                                    .status_code = status,
                                    .outcome = AttemptOutcome::retry,
                                    .response_excerpt = "",
                                    .error = status ? std::nullopt : std::optional<std::string>("connection refused")};
        REQUIRE(store->record_attempt("node-a", tried, settlement).value());
    };
    const auto& d = *claimed;
    attempt(d[0], 500, {DeliveryStatus::pending, time_at("2026-11-30T08:05:00Z"), {}});  // retrying
    attempt(d[1], std::nullopt, {DeliveryStatus::dead, {}, {}});
    attempt(d[2], 404, {DeliveryStatus::failed, {}, {}});
    attempt(d[3], 200, {DeliveryStatus::delivered, {}, {}});
    // d[4] is in flight, not tried yet: not failing.

    auto page = store->list_board({.workflows = {"seminar"}});
    STORE_REQUIRE_OK(page);
    CHECK(row_of(*page, seminar).failing_deliveries == 3);
}

}  // namespace seminarflow
