// The organisation's directory in the store: units and people saved in batches all or nothing
// (parents after children, repeats harmless, every refusal naming its entry and writing nothing),
// read back byte for byte, listed in ref-ordered pages, a unit's descendants by kind and depth;
// the same on both backends.
#include <catch2/catch.hpp>

#include <soci/soci.h>

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

DirectorySaved save(Store& store, const std::vector<Unit>& units) {
    const auto saved = store.save_units(units);
    STORE_REQUIRE_OK(saved);
    return *saved;
}

DirectorySaved save(Store& store, const std::vector<Person>& people) {
    const auto saved = store.save_people(people);
    STORE_REQUIRE_OK(saved);
    return *saved;
}

std::vector<std::string> refs_of(const std::vector<Unit>& units) {
    std::vector<std::string> refs;
    for (const Unit& unit : units) refs.push_back(unit.ref);
    return refs;
}

std::vector<std::string> descendants(Store& store, DescendantQuery query) {
    const auto page = store.list_descendants(query, std::nullopt, 100);
    STORE_REQUIRE_OK(page);
    REQUIRE(page->has_value());
    CHECK_FALSE((*page)->next.has_value());
    return refs_of((*page)->items);
}

// A refusal of `kind` at entry `index` of the batch, on `field`, with nothing written.
void check_refused(Store& store, const DatabaseUrl& url, const std::vector<Unit>& batch, DirectoryRefusalKind kind,
                   std::size_t index, const std::string& field) {
    const long long before = test::count_rows(url, "units");
    const DirectorySaved saved = save(store, batch);
    REQUIRE(saved.refusal.has_value());
    INFO(saved.refusal->detail);
    CHECK(saved.refusal->kind == kind);
    CHECK(saved.refusal->index == index);
    CHECK(saved.refusal->field == field);
    CHECK_FALSE(saved.refusal->detail.empty());
    CHECK(saved.created == 0);
    CHECK(test::count_rows(url, "units") == before);
}

}  // namespace

TEMPLATE_TEST_CASE("units are saved children first and read back byte for byte", "[store][directory]",
                   SqliteBackend, PostgresqlBackend) {
    TestType database;
    const auto store = test::migrated_store(database.url());
    const DirectorySaved saved = save(*store, test::seeded_units(at));
    CHECK_FALSE(saved.refusal.has_value());
    CHECK(saved.created == 7);
    CHECK(saved.unchanged == 0);

    const auto found = store->find_unit("cdcs-so-tu-phap");
    STORE_REQUIRE_OK(found);
    REQUIRE(found->has_value());
    const Unit& unit = **found;
    CHECK(unit.kind == UnitKind::grassroots);
    CHECK(unit.name == "Công đoàn Sở Tư pháp");
    CHECK(unit.parent == std::optional<std::string>("cdvc-tinh"));
    CHECK(unit.contact == Contact{{"email", "congdoan@stp.example.vn"}, {"telegram", "@cđ_tư_pháp"}});
    CHECK(unit.language == "vi");
    CHECK(unit.created_at == at);
    CHECK(unit.updated_at == at);
    const auto top = store->find_unit("ldld-tinh");
    STORE_REQUIRE_OK(top);
    CHECK_FALSE((*top)->parent.has_value());
    CHECK((*store->find_unit("cdcs-cuc-thue"))->language == "en");
    CHECK_FALSE(store->find_unit("cdcs-khong-co")->has_value());

    // The same batch again, and a repeat inside one: nothing new, nothing refused.
    std::vector<Unit> again = test::seeded_units(test::time_at("2026-12-02T08:00:00Z"));
    again.push_back(again.front());
    const DirectorySaved repeated = save(*store, again);
    CHECK_FALSE(repeated.refusal.has_value());
    CHECK(repeated.created == 0);
    CHECK(repeated.unchanged == 8);
    CHECK((*store->find_unit("to-cd-1"))->created_at == at);
}

TEMPLATE_TEST_CASE("a batch with a bad unit is refused whole, naming the unit and why", "[store][directory]",
                   SqliteBackend, PostgresqlBackend) {
    TestType database;
    const auto store = test::migrated_store(database.url());
    REQUIRE(save(*store, {test::unit_of("ldld-tinh", UnitKind::federation, "Liên đoàn Lao động tỉnh", std::nullopt,
                                        at)})
                .created == 1);
    const Unit fresh = test::unit_of("cdcs-moi", UnitKind::grassroots, "Công đoàn mới", "ldld-tinh", at);

    SECTION("a parent in neither the directory nor the batch") {
        check_refused(*store, database.url(),
                      {fresh, test::unit_of("cdcs-lac", UnitKind::grassroots, "Công đoàn lạc", "khong-co", at)},
                      DirectoryRefusalKind::unknown_parent, 1, "parent");
    }
    SECTION("a unit its own parent") {
        check_refused(*store, database.url(),
                      {fresh, test::unit_of("vong", UnitKind::grassroots, "Vòng", "vong", at)},
                      DirectoryRefusalKind::cycle, 1, "parent");
    }
    SECTION("two units each the other's parent") {
        check_refused(*store, database.url(),
                      {fresh, test::unit_of("a", UnitKind::district, "A", "b", at),
                       test::unit_of("b", UnitKind::district, "B", "a", at)},
                      DirectoryRefusalKind::cycle, 1, "parent");
    }
    SECTION("a federation under a grassroots union") {
        check_refused(*store, database.url(),
                      {fresh, test::unit_of("ldld-sai", UnitKind::federation, "Liên đoàn sai chỗ", "cdcs-moi", at)},
                      DirectoryRefusalKind::kind_order, 1, "kind");
    }
    SECTION("a ref stored with other content") {
        check_refused(*store, database.url(),
                      {fresh, test::unit_of("ldld-tinh", UnitKind::federation, "Tên khác", std::nullopt, at)},
                      DirectoryRefusalKind::conflict, 1, "ref");
    }
    SECTION("a ref given twice in the batch, differently") {
        Unit other = fresh;
        other.contact = Contact{{"email", "khac@example.vn"}};
        check_refused(*store, database.url(), {fresh, other}, DirectoryRefusalKind::conflict, 1, "ref");
    }
    CHECK_FALSE(store->find_unit("cdcs-moi")->has_value());
}

TEMPLATE_TEST_CASE("units come in ref-ordered pages, by kind or parent, and a unit's descendants by kind and depth",
                   "[store][directory]", SqliteBackend, PostgresqlBackend) {
    TestType database;
    const auto store = test::migrated_store(database.url());
    REQUIRE(save(*store, test::seeded_units(at)).created == 7);

    const auto first = store->list_units({}, std::nullopt, 3);
    STORE_REQUIRE_OK(first);
    CHECK(refs_of(first->items) == std::vector<std::string>{"cdcs-cuc-thue", "cdcs-so-tu-phap", "cdcs-thpt-ha-long"});
    REQUIRE(first->next == std::optional<std::string>("cdcs-thpt-ha-long"));
    const auto second = store->list_units({}, first->next, 3);
    STORE_REQUIRE_OK(second);
    CHECK(refs_of(second->items) == std::vector<std::string>{"cdvc-tinh", "ldld-ha-long", "ldld-tinh"});
    const auto last = store->list_units({}, second->next, 3);
    STORE_REQUIRE_OK(last);
    CHECK(refs_of(last->items) == std::vector<std::string>{"to-cd-1"});
    CHECK_FALSE(last->next.has_value());

    const auto grassroots = store->list_units(UnitFilter{.kind = UnitKind::grassroots}, std::nullopt, 50);
    CHECK(refs_of(grassroots->items).size() == 3);
    const auto children = store->list_units(UnitFilter{.parent = "ldld-tinh"}, std::nullopt, 50);
    CHECK(refs_of(children->items) == std::vector<std::string>{"cdvc-tinh", "ldld-ha-long"});

    CHECK(descendants(*store, {"ldld-tinh"}) ==
          std::vector<std::string>{"cdcs-cuc-thue", "cdcs-so-tu-phap", "cdcs-thpt-ha-long", "cdvc-tinh",
                                   "ldld-ha-long", "to-cd-1"});
    CHECK(descendants(*store, {"ldld-tinh", UnitKind::grassroots}) ==
          std::vector<std::string>{"cdcs-cuc-thue", "cdcs-so-tu-phap", "cdcs-thpt-ha-long"});
    CHECK(descendants(*store, {"ldld-tinh", std::nullopt, 1}) == std::vector<std::string>{"cdvc-tinh", "ldld-ha-long"});
    CHECK(descendants(*store, {"ldld-tinh", UnitKind::grassroots, 1}).empty());
    CHECK(descendants(*store, {"ldld-ha-long", std::nullopt, 2}) ==
          std::vector<std::string>{"cdcs-thpt-ha-long", "to-cd-1"});
    CHECK(descendants(*store, {"to-cd-1"}).empty());

    const auto paged = store->list_descendants({"ldld-tinh"}, std::string("cdcs-thpt-ha-long"), 2);
    STORE_REQUIRE_OK(paged);
    CHECK(refs_of((*paged)->items) == std::vector<std::string>{"cdvc-tinh", "ldld-ha-long"});
    CHECK((*paged)->next == std::optional<std::string>("ldld-ha-long"));
    const auto unknown = store->list_descendants({"khong-co"}, std::nullopt, 10);
    STORE_REQUIRE_OK(unknown);
    CHECK_FALSE(unknown->has_value());
}

TEMPLATE_TEST_CASE("people belong to units of the directory, or to none", "[store][directory]", SqliteBackend,
                   PostgresqlBackend) {
    TestType database;
    const auto store = test::migrated_store(database.url());
    REQUIRE(save(*store, test::seeded_units(at)).created == 7);

    Person kien{.ref = "nguyen-van-kien", .name = "Nguyễn Văn Kiên", .unit = "cdvc-tinh", .title = "Chủ tịch",
                .contact = Contact{{"email", "kien@ldld.example.vn"}}, .created_at = at, .updated_at = at};
    Person hung{.ref = "nguyen-van-hung", .name = "Nguyễn Văn Hùng", .unit = std::nullopt,
                .title = "Phó Bí thư Đảng ủy khối các cơ quan", .language = "en", .created_at = at, .updated_at = at};
    const DirectorySaved saved = save(*store, std::vector<Person>{kien, hung});
    CHECK_FALSE(saved.refusal.has_value());
    CHECK(saved.created == 2);

    const auto found = store->find_person("nguyen-van-kien");
    STORE_REQUIRE_OK(found);
    REQUIRE(found->has_value());
    CHECK(same_content(**found, kien));
    CHECK((*found)->created_at == at);
    CHECK(same_content(**store->find_person("nguyen-van-hung"), hung));

    const auto of_unit = store->list_people(PersonFilter{.unit = "cdvc-tinh"}, std::nullopt, 50);
    STORE_REQUIRE_OK(of_unit);
    REQUIRE(of_unit->items.size() == 1);
    CHECK(of_unit->items[0].ref == "nguyen-van-kien");
    const auto paged = store->list_people({}, std::nullopt, 1);
    CHECK(paged->items.at(0).ref == "nguyen-van-hung");
    CHECK(paged->next == std::optional<std::string>("nguyen-van-hung"));

    Person lost{.ref = "ai-do", .name = "Ai đó", .unit = "khong-co", .created_at = at, .updated_at = at};
    const DirectorySaved refused = save(*store, std::vector<Person>{lost});
    REQUIRE(refused.refusal.has_value());
    CHECK(refused.refusal->kind == DirectoryRefusalKind::unknown_unit);
    CHECK(refused.refusal->field == "unit");
    kien.title = "Nguyên Chủ tịch";
    const DirectorySaved conflict = save(*store, std::vector<Person>{kien});
    REQUIRE(conflict.refusal.has_value());
    CHECK(conflict.refusal->kind == DirectoryRefusalKind::conflict);
    CHECK(test::count_rows(database.url(), "people") == 2);
}

TEMPLATE_TEST_CASE("inviting a district's grassroots unions adds each once, keeps answers, and writes its key",
                   "[store][directory]", SqliteBackend, PostgresqlBackend) {
    TestType database;
    const auto store = test::migrated_store(database.url());
    REQUIRE(save(*store, test::seeded_units(at)).created == 7);
    const Instance seminar = test::seminar(test::new_uuid());
    REQUIRE(store->commit(test::creation(seminar)).value() == CommitStatus::committed);

    // One of them was invited by hand before, and has answered.
    ParticipantChange by_hand{.instance_id = seminar.id,
                              .key = {ParticipantKind::unit, "cdcs-cuc-thue", "contributor"},
                              .rsvp = Rsvp::accepted,
                              .at = at};
    STORE_REQUIRE_OK(store->save_participant(by_hand, {}));

    UnitInvitation invitation{seminar.id, DescendantQuery{"ldld-tinh", UnitKind::grassroots}, "contributor", at};
    const auto kept = [](const InviteResult& result) {
        return std::optional<IdempotencyRecord>(IdempotencyRecord{
            "moi-cdcs", "hash", std::nullopt, 200, boost::json::object{{"added", result.added}}, Time{}});
    };
    const auto first = store->invite_units(invitation, kept);
    STORE_REQUIRE_OK(first);
    CHECK(first->outcome == InviteOutcome::done);
    CHECK(first->matched == 3);
    CHECK(first->added == 2);
    CHECK(first->already == 1);
    CHECK((*store->find_idempotency("moi-cdcs"))->response.at("added") == 2);

    const auto page = store->list_participants(seminar.id, {}, std::nullopt, 50);
    STORE_REQUIRE_OK(page);
    REQUIRE((*page)->items.size() == 3);
    const Participant& thue = (*page)->items[0];
    CHECK(thue.key.ref == "cdcs-cuc-thue");
    CHECK(thue.display_name == "Công đoàn Cục Thuế tỉnh");  // from the directory
    CHECK(thue.language == "en");
    CHECK(thue.rsvp == Rsvp::accepted);  // the answer stays
    CHECK((*page)->items[1].contact == Contact{{"email", "congdoan@stp.example.vn"}, {"telegram", "@cđ_tư_pháp"}});

    const auto again = store->invite_units(invitation, {});
    STORE_REQUIRE_OK(again);
    CHECK(again->added == 0);
    CHECK(again->already == 3);
    const auto replayed_key = store->invite_units(invitation, kept);
    STORE_REQUIRE_OK(replayed_key);
    CHECK(replayed_key->outcome == InviteOutcome::idempotency_conflict);

    invitation.instance_id = test::new_uuid();
    CHECK(store->invite_units(invitation, {})->outcome == InviteOutcome::no_instance);
    invitation.instance_id = seminar.id;
    invitation.units.root = "khong-co";
    CHECK(store->invite_units(invitation, {})->outcome == InviteOutcome::no_unit);
    CHECK(test::count_rows(database.url(), "participants") == 3);
}

}  // namespace seminarflow

namespace seminarflow {

TEMPLATE_TEST_CASE("the directory's tables refuse what the store never writes", "[store][directory]", SqliteBackend,
                   PostgresqlBackend) {
    TestType database;
    const auto store = test::migrated_store(database.url());
    REQUIRE(save(*store, {test::unit_of("ldld-tinh", UnitKind::federation, "Liên đoàn", std::nullopt, at)}).created == 1);
    const auto session = test::connect(database.url());
    const std::string times = ", '2026-12-01T08:00:00.000Z', '2026-12-01T08:00:00.000Z')";
    const auto refused = [&](const std::string& sql) {
        INFO(sql);
        CHECK_THROWS_AS(*session << sql, soci::soci_error);
    };
    const std::string units = "INSERT INTO units (ref, kind, name, parent, created_at, updated_at) VALUES ";
    refused(units + "('a', 'ban', 'A', NULL" + times);
    refused(units + "('a', 'grassroots', 'A', 'a'" + times);
    refused(units + "('a', 'grassroots', 'A', 'khong-co'" + times);
    refused(units + "('', 'grassroots', 'A', 'ldld-tinh'" + times);
    refused("INSERT INTO people (ref, name, unit, language, created_at, updated_at) VALUES "
            "('p', 'P', 'ldld-tinh', 'fr'" + times);
    refused("INSERT INTO people (ref, name, unit, created_at, updated_at) VALUES ('p', 'P', 'khong-co'" + times);
    CHECK(test::count_rows(database.url(), "units") == 1);
    CHECK(test::count_rows(database.url(), "people") == 0);
}

}  // namespace seminarflow

namespace seminarflow {

// Without the batches' serialisation, two imports of the same new units would both plan them
// as new and one would fail on the primary key (a store error: nothing imported, retry). Rounds
// of imports started together make the overlap all but certain.
TEMPLATE_TEST_CASE("imports of the same units at once both succeed, and make each unit once", "[store][directory]",
                   SqliteBackend, PostgresqlBackend) {
    TestType database;
    const auto store = test::migrated_store(database.url(), 4);
    constexpr std::size_t imports = 4;
    constexpr int rounds = 8;
    for (int round = 0; round < rounds; ++round) {
        std::vector<Unit> batch{test::unit_of("tinh-" + std::to_string(round), UnitKind::federation, "Tỉnh", {}, at)};
        for (int i = 0; i < 40; ++i) {
            batch.push_back(test::unit_of("cdcs-" + std::to_string(round) + "-" + std::to_string(i),
                                          UnitKind::grassroots, "Công đoàn cơ sở", batch.front().ref, at));
        }
        std::vector<Result<DirectorySaved, StoreError>> results(imports, fail(StoreError{"not run"}));
        std::latch start(imports);
        {
            std::vector<std::jthread> threads;
            for (std::size_t i = 0; i < imports; ++i) {
                threads.emplace_back([&, i] {
                    start.arrive_and_wait();
                    results[i] = store->save_units(batch);
                });
            }
        }
        std::size_t created = 0;
        for (const auto& result : results) {
            STORE_REQUIRE_OK(result);
            CHECK_FALSE(result->refusal.has_value());
            created += result->created;
        }
        CHECK(created == batch.size());
    }
    CHECK(test::count_rows(database.url(), "units") == rounds * 41);
}

}  // namespace seminarflow
