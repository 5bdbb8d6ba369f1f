// Changing and removing one entry of the directory in the store: a unit renamed, moved and
// re-kinded and a person moved, each refusal (a cycle, an unknown parent or unit, a kind out of
// order, a unit still in use) writing nothing, removals, and two moves at once that would close a
// circle between them: one is refused. The same on both backends.
#include <catch2/catch.hpp>

#include <latch>
#include <thread>

#include "adapters/store/soci_store.hpp"
#include "tests/store/backends.hpp"
#include "tests/store/directory_fixtures.hpp"
#include "tests/store/store_fixtures.hpp"

using seminarflow::test::PostgresqlBackend;
using seminarflow::test::SqliteBackend;

namespace seminarflow {
namespace {

const Time at = *parse_rfc3339("2026-12-01T08:00:00.125Z");
const Time later = *parse_rfc3339("2026-12-03T09:30:00.500Z");

void seed(Store& store) {
    const auto saved = store.save_units(test::seeded_units(at));
    STORE_REQUIRE_OK(saved);
    REQUIRE(saved->created == 7);
}

Unit stored_unit(Store& store, const std::string& ref) {
    const auto found = store.find_unit(ref);
    STORE_REQUIRE_OK(found);
    REQUIRE(found->has_value());
    return **found;
}

EntryChange<Unit> change(Store& store, const std::string& ref, const UnitPatch& patch) {
    const auto changed = store.change_unit(ref, patch, later);
    STORE_REQUIRE_OK(changed);
    return *changed;
}

// A refused change: its kind and field, and the unit as it was.
void check_refused(Store& store, const std::string& ref, const UnitPatch& patch, DirectoryRefusalKind kind,
                   const std::string& field) {
    const Unit before = stored_unit(store, ref);
    const EntryChange<Unit> changed = change(store, ref, patch);
    REQUIRE(changed.outcome == EntryOutcome::refused);
    REQUIRE(changed.refusal.has_value());
    INFO(changed.refusal->detail);
    CHECK(changed.refusal->kind == kind);
    CHECK(changed.refusal->field == field);
    const Unit after = stored_unit(store, ref);
    CHECK(same_content(after, before));
    CHECK(after.updated_at == before.updated_at);
}

}  // namespace

TEMPLATE_TEST_CASE("a unit is renamed and moved with its subtree and a patch that changes nothing writes nothing",
                   "[store][directory]", SqliteBackend, PostgresqlBackend) {
    TestType database;
    const auto store = test::migrated_store(database.url());
    seed(*store);

    const EntryChange<Unit> moved = change(*store, "cdcs-thpt-ha-long",
                                           UnitPatch{.name = "Công đoàn Trường THPT chuyên Hạ Long",
                                                     .parent = std::optional<std::string>("cdvc-tinh")});
    REQUIRE(moved.outcome == EntryOutcome::done);
    const Unit unit = stored_unit(*store, "cdcs-thpt-ha-long");
    CHECK(unit.name == "Công đoàn Trường THPT chuyên Hạ Long");
    CHECK(unit.parent == std::optional<std::string>("cdvc-tinh"));
    CHECK(unit.created_at == at);
    CHECK(unit.updated_at == later);
    CHECK(same_content(*moved.entry, unit));
    const auto under = store->list_descendants(DescendantQuery{.root = "cdvc-tinh"}, std::nullopt, 100);
    STORE_REQUIRE_OK(under);
    CHECK((*under)->items.size() == 4);  // two grassroots unions, the moved one and its group

    // The contact merged channel by channel; null clears it.
    REQUIRE(change(*store, "cdcs-so-tu-phap",
                   UnitPatch{.contact = boost::json::object{{"telegram", nullptr}, {"phone", "0203 3835 123"}}})
                .outcome == EntryOutcome::done);
    CHECK(stored_unit(*store, "cdcs-so-tu-phap").contact ==
          Contact{{"email", "congdoan@stp.example.vn"}, {"phone", "0203 3835 123"}});
    REQUIRE(change(*store, "cdcs-so-tu-phap", UnitPatch{.contact = boost::json::value(nullptr)}).outcome ==
            EntryOutcome::done);
    CHECK(stored_unit(*store, "cdcs-so-tu-phap").contact.empty());

    // To the top, and nothing at all: the latter keeps updated_at.
    REQUIRE(change(*store, "cdvc-tinh", UnitPatch{.parent = std::optional<std::string>{}}).outcome ==
            EntryOutcome::done);
    CHECK_FALSE(stored_unit(*store, "cdvc-tinh").parent.has_value());
    const EntryChange<Unit> same = change(*store, "to-cd-1", UnitPatch{.name = "Tổ công đoàn số 1"});
    REQUIRE(same.outcome == EntryOutcome::done);
    CHECK(same.entry->updated_at == at);
    CHECK(change(*store, "khong-co", UnitPatch{.name = "Ai"}).outcome == EntryOutcome::no_entry);
}

TEMPLATE_TEST_CASE("a change that would break the hierarchy is refused and writes nothing", "[store][directory]",
                   SqliteBackend, PostgresqlBackend) {
    TestType database;
    const auto store = test::migrated_store(database.url());
    seed(*store);
    // A district under the sector union, so that the sector union has a descendant of its level.
    REQUIRE(change(*store, "ldld-ha-long", UnitPatch{.parent = std::optional<std::string>("cdvc-tinh")}).outcome ==
            EntryOutcome::done);

    check_refused(*store, "cdvc-tinh", UnitPatch{.parent = std::optional<std::string>("cdvc-tinh")},
                  DirectoryRefusalKind::cycle, "parent");
    check_refused(*store, "cdvc-tinh", UnitPatch{.parent = std::optional<std::string>("ldld-ha-long")},
                  DirectoryRefusalKind::cycle, "parent");
    check_refused(*store, "cdvc-tinh", UnitPatch{.parent = std::optional<std::string>("khong-co")},
                  DirectoryRefusalKind::unknown_parent, "parent");
    check_refused(*store, "cdcs-cuc-thue", UnitPatch{.kind = UnitKind::federation}, DirectoryRefusalKind::kind_order,
                  "kind");
    // Its grassroots union would sit above a group.
    check_refused(*store, "ldld-ha-long", UnitPatch{.kind = UnitKind::group}, DirectoryRefusalKind::kind_order, "kind");
}

TEMPLATE_TEST_CASE("a person moves between units or out of the organisation, never to an unknown unit",
                   "[store][directory]", SqliteBackend, PostgresqlBackend) {
    TestType database;
    const auto store = test::migrated_store(database.url());
    seed(*store);
    Person kien{.ref = "nguyen-van-kien", .name = "Nguyễn Văn Kiên", .unit = "cdvc-tinh", .title = "Chủ tịch"};
    kien.created_at = kien.updated_at = at;
    STORE_REQUIRE_OK(store->save_people({kien}));

    const auto moved = store->change_person(
        "nguyen-van-kien", PersonPatch{.unit = std::optional<std::string>("ldld-tinh"), .title = ""}, later);
    STORE_REQUIRE_OK(moved);
    REQUIRE(moved->outcome == EntryOutcome::done);
    CHECK(moved->entry->unit == std::optional<std::string>("ldld-tinh"));
    CHECK(moved->entry->title.empty());
    CHECK((*store->find_person("nguyen-van-kien"))->updated_at == later);

    const auto refused = store->change_person(
        "nguyen-van-kien", PersonPatch{.name = "Tên khác", .unit = std::optional<std::string>("khong-co")}, at);
    STORE_REQUIRE_OK(refused);
    REQUIRE(refused->outcome == EntryOutcome::refused);
    CHECK(refused->refusal->kind == DirectoryRefusalKind::unknown_unit);
    CHECK(refused->refusal->field == "unit");
    CHECK((*store->find_person("nguyen-van-kien"))->name == "Nguyễn Văn Kiên");

    const auto guest = store->change_person("nguyen-van-kien", PersonPatch{.unit = std::optional<std::string>{}}, later);
    STORE_REQUIRE_OK(guest);
    CHECK_FALSE(guest->entry->unit.has_value());
    const auto missing = store->change_person("khong-co", PersonPatch{.name = "Ai"}, later);
    STORE_REQUIRE_OK(missing);
    CHECK(missing->outcome == EntryOutcome::no_entry);
}

TEMPLATE_TEST_CASE("a unit is removed once nothing hangs on it and a person at once",
                   "[store][directory]", SqliteBackend, PostgresqlBackend) {
    TestType database;
    const auto store = test::migrated_store(database.url());
    seed(*store);
    Person kien{.ref = "nguyen-van-kien", .name = "Nguyễn Văn Kiên", .unit = "cdcs-cuc-thue"};
    kien.created_at = kien.updated_at = at;
    STORE_REQUIRE_OK(store->save_people({kien}));

    const auto held = store->remove_unit("cdvc-tinh");
    STORE_REQUIRE_OK(held);
    REQUIRE(held->outcome == EntryOutcome::refused);
    CHECK(held->refusal->kind == DirectoryRefusalKind::in_use);
    CHECK(held->refusal->detail ==
          "unit 'cdvc-tinh' still has 2 child units (cdcs-cuc-thue, cdcs-so-tu-phap): move or remove them first");
    const auto member = store->remove_unit("cdcs-cuc-thue");
    STORE_REQUIRE_OK(member);
    REQUIRE(member->outcome == EntryOutcome::refused);
    CHECK(member->refusal->detail ==
          "unit 'cdcs-cuc-thue' still has 1 person (nguyen-van-kien): move or remove them first");
    CHECK(test::count_rows(database.url(), "units") == 7);

    const auto person = store->remove_person("nguyen-van-kien");
    STORE_REQUIRE_OK(person);
    CHECK(person->outcome == EntryOutcome::done);
    CHECK_FALSE(store->find_person("nguyen-van-kien")->has_value());
    const auto again = store->remove_person("nguyen-van-kien");
    STORE_REQUIRE_OK(again);
    CHECK(again->outcome == EntryOutcome::no_entry);

    const auto unit = store->remove_unit("cdcs-cuc-thue");
    STORE_REQUIRE_OK(unit);
    CHECK(unit->outcome == EntryOutcome::done);
    CHECK_FALSE(store->find_unit("cdcs-cuc-thue")->has_value());
    const auto gone = store->remove_unit("cdcs-cuc-thue");
    STORE_REQUIRE_OK(gone);
    CHECK(gone->outcome == EntryOutcome::no_entry);
}

TEMPLATE_TEST_CASE("two moves at once that would close a circle: one is refused", "[store][directory]",
                   SqliteBackend, PostgresqlBackend) {
    TestType database;
    const auto store = test::migrated_store(database.url(), 4);
    constexpr int rounds = 8;
    for (int round = 0; round < rounds; ++round) {
        const std::string top = "tinh-" + std::to_string(round), a = "a-" + std::to_string(round),
                          b = "b-" + std::to_string(round);
        STORE_REQUIRE_OK(store->save_units({test::unit_of(top, UnitKind::federation, "Tỉnh", {}, at),
                                            test::unit_of(a, UnitKind::district, "A", top, at),
                                            test::unit_of(b, UnitKind::district, "B", top, at)}));
        std::vector<Result<EntryChange<Unit>, StoreError>> results(2, fail(StoreError{"not run"}));
        std::latch start(2);
        {
            std::jthread one([&] {
                start.arrive_and_wait();
                results[0] = store->change_unit(a, UnitPatch{.parent = std::optional<std::string>(b)}, later);
            });
            std::jthread other([&] {
                start.arrive_and_wait();
                results[1] = store->change_unit(b, UnitPatch{.parent = std::optional<std::string>(a)}, later);
            });
        }
        int done = 0;
        for (const auto& result : results) {
            STORE_REQUIRE_OK(result);
            if (result->outcome == EntryOutcome::done) {
                ++done;
            } else {
                CHECK(result->refusal->kind == DirectoryRefusalKind::cycle);
            }
        }
        CHECK(done == 1);
    }
}

}  // namespace seminarflow
