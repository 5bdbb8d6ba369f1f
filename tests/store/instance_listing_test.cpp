// Instances as the API shows them: one found by id, and listings in keyset pages in
// (created_at, id) order, filters, and positions that are not instances; the same on both backends.
#include <catch2/catch.hpp>

#include "adapters/store/soci_store.hpp"
#include "tests/store/backends.hpp"
#include "tests/store/store_fixtures.hpp"

using seminarflow::test::PostgresqlBackend;
using seminarflow::test::SqliteBackend;

namespace seminarflow {
namespace {

// Ids in order, so that a test can say which comes first among instances created in one
// millisecond.
std::string ordered_id(int n) {
    char text[40];
    std::snprintf(text, sizeof text, "00000000-0000-7000-8000-%012d", n);
    return text;
}

Instance make(int n, std::string_view created_at, std::string workflow = "seminar", std::string state = "draft",
              std::optional<std::string> parent = std::nullopt) {
    Instance instance = test::seminar(ordered_id(n), std::move(parent), std::move(workflow));
    instance.state = std::move(state);
    instance.created_at = test::time_at(created_at);
    instance.updated_at = instance.created_at + std::chrono::hours(1);
    return instance;
}

void store_all(Store& store, const std::vector<Instance>& instances) {
    for (const Instance& instance : instances) {
        const auto status = store.commit(test::creation(instance));
        STORE_REQUIRE_OK(status);
        REQUIRE(*status == CommitStatus::committed);
    }
}

std::vector<std::string> ids_of(const InstancePage& page) {
    std::vector<std::string> ids;
    for (const Instance& instance : page.items) ids.push_back(instance.id);
    return ids;
}

// Every page from the first, `limit` at a time: the ids of each page.
std::vector<std::vector<std::string>> walk(Store& store, const InstanceFilter& filter, std::size_t limit) {
    std::vector<std::vector<std::string>> pages;
    std::optional<InstancePosition> after;
    do {
        const auto page = store.list_instances(filter, after, limit);
        STORE_REQUIRE_OK(page);
        pages.push_back(ids_of(*page));
        after = page->next;
        REQUIRE(pages.size() < 100);
    } while (after);
    return pages;
}

using Pages = std::vector<std::vector<std::string>>;

}  // namespace

TEMPLATE_TEST_CASE("instances are listed in pages in (created_at, id) order", "[store][listing]", SqliteBackend,
                   PostgresqlBackend) {
    TestType database;
    const auto store = test::migrated_store(database.url());
    // Stored out of order; 2, 3 and 4 share one millisecond, and the id breaks the tie.
    store_all(*store, {make(5, "2026-12-03T00:00:00Z"), make(3, "2026-12-02T00:00:00.500Z"),
                       make(1, "2026-12-01T00:00:00Z"), make(4, "2026-12-02T00:00:00.500Z"),
                       make(2, "2026-12-02T00:00:00.500Z")});

    CHECK(walk(*store, {}, 2) == Pages{{ordered_id(1), ordered_id(2)},
                                       {ordered_id(3), ordered_id(4)},
                                       {ordered_id(5)}});
    // A last page that is exactly full says so: no empty page after it.
    CHECK(walk(*store, {}, 5) == Pages{{ordered_id(1), ordered_id(2), ordered_id(3), ordered_id(4), ordered_id(5)}});
    CHECK(walk(*store, {}, 100).size() == 1);
    // A limit of 0 is taken as 1.
    CHECK(walk(*store, {}, 0).size() == 5);

    const auto first = store->list_instances({}, std::nullopt, 2);
    STORE_REQUIRE_OK(first);
    REQUIRE(first->next.has_value());
    CHECK(*first->next == InstancePosition{test::time_at("2026-12-02T00:00:00.500Z"), ordered_id(2)});
}

TEMPLATE_TEST_CASE("a listed instance has every field as stored", "[store][listing]", SqliteBackend,
                   PostgresqlBackend) {
    TestType database;
    const auto store = test::migrated_store(database.url());
    const Instance parent = make(1, "2026-12-01T08:00:00.007Z");
    Instance child = make(2, "2026-12-01T08:00:01Z", "submission", "chờ_nộp", parent.id);
    child.data = {{"unit", "Công đoàn Sở Tư pháp"}, {"pages", 12}, {"late", false}, {"note", nullptr}};
    store_all(*store, {parent, child});

    const auto page = store->list_instances({}, std::nullopt, 10);
    STORE_REQUIRE_OK(page);
    REQUIRE(page->items.size() == 2);
    test::check_shown_as_stored(page->items.back(), child);
    test::check_shown_as_stored(page->items.front(), parent);
}

TEMPLATE_TEST_CASE("an instance found by id has every field as stored and nothing only guards read", "[store][listing]",
                   SqliteBackend, PostgresqlBackend) {
    TestType database;
    const auto store = test::migrated_store(database.url());
    Instance parent = make(1, "2026-12-01T08:00:00.007Z");
    parent.data = {{"title", "Hội thảo chuyển đổi số"}};
    Instance child = make(2, "2026-12-01T08:00:01Z", "submission", "chờ_nộp", parent.id);
    child.data = {{"unit", "Công đoàn Sở Tư pháp"}, {"pages", 12}, {"late", false}, {"note", nullptr}};
    store_all(*store, {parent, child});

    const auto found = store->find_instance(child.id);
    STORE_REQUIRE_OK(found);
    REQUIRE(found->has_value());
    test::check_shown_as_stored(**found, child);
    // load_instance reads these for guards; a GET shows neither.
    CHECK_FALSE((*found)->parent_data.has_value());
    const auto found_parent = store->find_instance(parent.id);
    STORE_REQUIRE_OK(found_parent);
    REQUIRE(found_parent->has_value());
    test::check_shown_as_stored(**found_parent, parent);
    CHECK((*found_parent)->children.empty());
    CHECK(store->load_instance(parent.id).value()->children.size() == 1);

    const auto unknown = store->find_instance(ordered_id(3));
    STORE_REQUIRE_OK(unknown);
    CHECK_FALSE(unknown->has_value());
}

TEMPLATE_TEST_CASE("listings filter by workflow, state and parent, alone or together", "[store][listing]",
                   SqliteBackend, PostgresqlBackend) {
    TestType database;
    const auto store = test::migrated_store(database.url());
    const std::string programme = ordered_id(1);
    const std::string other_parent = ordered_id(2);
    store_all(*store, {make(1, "2026-12-01T00:00:00Z"), make(2, "2026-12-01T00:00:01Z"),
                       make(3, "2026-12-01T00:00:02Z", "seminar", "planned", programme),
                       make(4, "2026-12-01T00:00:03Z", "submission", "draft", programme),
                       make(5, "2026-12-01T00:00:04Z", "seminar", "draft", programme),
                       make(6, "2026-12-01T00:00:05Z", "seminar", "planned", other_parent),
                       make(7, "2026-12-01T00:00:06Z", "submission", "planned")});
    using Filter = InstanceFilter;
    CHECK(walk(*store, Filter{.workflow = "submission"}, 10) == Pages{{ordered_id(4), ordered_id(7)}});
    CHECK(walk(*store, Filter{.state = "planned"}, 2) ==
          Pages{{ordered_id(3), ordered_id(6)}, {ordered_id(7)}});
    CHECK(walk(*store, Filter{.parent = programme}, 10) ==
          Pages{{ordered_id(3), ordered_id(4), ordered_id(5)}});
    CHECK(walk(*store, Filter{.workflow = "seminar", .state = "planned"}, 10) ==
          Pages{{ordered_id(3), ordered_id(6)}});
    CHECK(walk(*store, Filter{.workflow = "seminar", .parent = programme}, 1) ==
          Pages{{ordered_id(3)}, {ordered_id(5)}});
    CHECK(walk(*store, Filter{.workflow = "seminar", .state = "draft", .parent = programme}, 10) ==
          Pages{{ordered_id(5)}});
    CHECK(walk(*store, Filter{.workflow = "contest"}, 10) == Pages{{}});
    CHECK(walk(*store, Filter{.parent = test::new_uuid()}, 10) == Pages{{}});
}

TEMPLATE_TEST_CASE("a listing can start after any position, not only an instance's", "[store][listing]",
                   SqliteBackend, PostgresqlBackend) {
    TestType database;
    const auto store = test::migrated_store(database.url());
    store_all(*store, {make(1, "2026-12-01T00:00:00Z"), make(3, "2026-12-02T00:00:00Z"), make(5, "2026-12-03T00:00:00Z")});
    const auto from = [&](std::string_view at, int id) {
        const auto page = store->list_instances({}, InstancePosition{test::time_at(at), ordered_id(id)}, 10);
        STORE_REQUIRE_OK(page);
        CHECK_FALSE(page->next.has_value());
        return ids_of(*page);
    };
    // A deleted instance's position, between two others, and ties broken by the id.
    CHECK(from("2026-12-02T00:00:00Z", 2) == std::vector<std::string>{ordered_id(3), ordered_id(5)});
    CHECK(from("2026-12-02T00:00:00Z", 3) == std::vector<std::string>{ordered_id(5)});
    CHECK(from("2026-12-01T12:00:00Z", 9) == std::vector<std::string>{ordered_id(3), ordered_id(5)});
    CHECK(from("2026-11-30T00:00:00Z", 0) ==
          std::vector<std::string>{ordered_id(1), ordered_id(3), ordered_id(5)});
    CHECK(from("2027-01-01T00:00:00Z", 0).empty());
}

}  // namespace seminarflow
