// An instance's participants in the store: added and changed by key, kept byte for byte, listed
// in key-ordered pages with filters, the answer an Idempotency-Key keeps written with the change,
// and the instance listing's filter by participant; the same on both backends.
#include <catch2/catch.hpp>
#include <soci/soci.h>

#include "adapters/store/soci_store.hpp"
#include "tests/store/backends.hpp"
#include "tests/store/store_fixtures.hpp"

using seminarflow::test::PostgresqlBackend;
using seminarflow::test::SqliteBackend;

namespace seminarflow {
namespace {

const std::string tu_phap = "Công đoàn Sở Tư pháp";

std::string stored_seminar(Store& store) {
    const Instance instance = test::seminar(test::new_uuid());
    const auto status = store.commit(test::creation(instance));
    STORE_REQUIRE_OK(status);
    REQUIRE(*status == CommitStatus::committed);
    return instance.id;
}

ParticipantChange change_of(const std::string& instance_id, ParticipantKind kind, std::string ref, std::string role,
                            std::string_view at = "2026-12-01T08:00:00.125Z") {
    return ParticipantChange{.instance_id = instance_id,
                             .key = ParticipantKey{kind, std::move(ref), std::move(role)},
                             .at = test::time_at(at)};
}

ParticipantSaved save(Store& store, const ParticipantChange& change, const ParticipantAnswer& answer = {}) {
    const auto saved = store.save_participant(change, answer);
    STORE_REQUIRE_OK(saved);
    return *saved;
}

ParticipantPage page_of(Store& store, const std::string& id, const ParticipantFilter& filter = {},
                        const std::optional<ParticipantKey>& after = std::nullopt, std::size_t limit = 50) {
    const auto page = store.list_participants(id, filter, after, limit);
    STORE_REQUIRE_OK(page);
    REQUIRE(page->has_value());
    return **page;
}

std::vector<std::string> refs_of(const ParticipantPage& page) {
    std::vector<std::string> refs;
    for (const Participant& participant : page.items) refs.push_back(participant.key.ref + "/" + participant.key.role);
    return refs;
}

}  // namespace

TEMPLATE_TEST_CASE("a participant is added with the defaults and read back byte for byte", "[store][participants]",
                   SqliteBackend, PostgresqlBackend) {
    TestType database;
    const auto store = test::migrated_store(database.url());
    const std::string id = stored_seminar(*store);

    ParticipantChange chair = change_of(id, ParticipantKind::person, "nguyen-van-kien", "chair");
    chair.display_name = "Đồng chí Nguyễn Văn Kiên";
    chair.contact = boost::json::object{{"email", "kien@congdoan.vn"}, {"telegram", "@nguyễn_kiên"}};
    chair.language = "vi";
    chair.rsvp = Rsvp::accepted;
    const ParticipantSaved added = save(*store, chair);
    CHECK(added.outcome == ParticipantOutcome::created);
    REQUIRE(added.participant);
    CHECK(added.participant->display_name == "Đồng chí Nguyễn Văn Kiên");

    const ParticipantSaved unit = save(*store, change_of(id, ParticipantKind::unit, tu_phap, "contributor"));
    CHECK(unit.outcome == ParticipantOutcome::created);

    const ParticipantPage page = page_of(*store, id);
    REQUIRE(page.items.size() == 2);
    CHECK_FALSE(page.next.has_value());
    const Participant& person = page.items[0];  // people before units
    CHECK(person.instance_id == id);
    CHECK(person.key == ParticipantKey{ParticipantKind::person, "nguyen-van-kien", "chair"});
    CHECK(person.display_name == "Đồng chí Nguyễn Văn Kiên");
    CHECK(person.contact == *chair.contact);
    CHECK(person.rsvp == Rsvp::accepted);
    CHECK(person.created_at == test::time_at("2026-12-01T08:00:00.125Z"));
    CHECK(person.updated_at == person.created_at);
    const Participant& listed_unit = page.items[1];
    CHECK(listed_unit.key.ref == tu_phap);
    CHECK(listed_unit.display_name.empty());
    CHECK(listed_unit.contact.empty());
    CHECK(listed_unit.language == "vi");
    CHECK(listed_unit.rsvp == Rsvp::needs_action);
}

TEMPLATE_TEST_CASE("saving a participant's key again changes only what it names", "[store][participants]",
                   SqliteBackend, PostgresqlBackend) {
    TestType database;
    const auto store = test::migrated_store(database.url());
    const std::string id = stored_seminar(*store);
    ParticipantChange first = change_of(id, ParticipantKind::unit, tu_phap, "guest");
    first.display_name = "Công đoàn Sở Tư pháp tỉnh";
    first.contact = boost::json::object{{"email", "cd@stp.gov.vn"}, {"zalo", "0912"}};
    save(*store, first);

    ParticipantChange answer = change_of(id, ParticipantKind::unit, tu_phap, "guest", "2026-12-02T09:00:00Z");
    answer.rsvp = Rsvp::declined;
    const ParticipantSaved declined = save(*store, answer);
    CHECK(declined.outcome == ParticipantOutcome::updated);
    REQUIRE(declined.participant);
    CHECK(declined.participant->rsvp == Rsvp::declined);
    CHECK(declined.participant->display_name == "Công đoàn Sở Tư pháp tỉnh");
    CHECK(declined.participant->created_at == test::time_at("2026-12-01T08:00:00.125Z"));
    CHECK(declined.participant->updated_at == test::time_at("2026-12-02T09:00:00Z"));

    // The same again changes nothing, and says so: updated_at stays.
    answer.at = test::time_at("2026-12-03T09:00:00Z");
    const ParticipantSaved again = save(*store, answer);
    CHECK(again.outcome == ParticipantOutcome::unchanged);
    CHECK(again.participant->updated_at == test::time_at("2026-12-02T09:00:00Z"));

    // A contact is replaced as a whole, not merged.
    ParticipantChange contact = change_of(id, ParticipantKind::unit, tu_phap, "guest", "2026-12-04T09:00:00Z");
    contact.contact = boost::json::object{{"telegram", "@cdstp"}};
    contact.language = "en";
    CHECK(save(*store, contact).outcome == ParticipantOutcome::updated);

    const ParticipantPage page = page_of(*store, id);
    REQUIRE(page.items.size() == 1);
    CHECK(page.items[0].contact == boost::json::object{{"telegram", "@cdstp"}});
    CHECK(page.items[0].language == "en");
    CHECK(page.items[0].rsvp == Rsvp::declined);
    CHECK(page.items[0].display_name == "Công đoàn Sở Tư pháp tỉnh");
    CHECK(page.items[0].updated_at == test::time_at("2026-12-04T09:00:00Z"));

    // Another role is another participant.
    CHECK(save(*store, change_of(id, ParticipantKind::unit, tu_phap, "contributor")).outcome ==
          ParticipantOutcome::created);
    CHECK(page_of(*store, id).items.size() == 2);
}

TEMPLATE_TEST_CASE("a participant of no instance is refused and nothing is written", "[store][participants]",
                   SqliteBackend, PostgresqlBackend) {
    TestType database;
    const auto store = test::migrated_store(database.url());
    const std::string missing = test::new_uuid();
    const ParticipantSaved saved = save(*store, change_of(missing, ParticipantKind::person, "an", "guest"));
    CHECK(saved.outcome == ParticipantOutcome::no_instance);
    CHECK_FALSE(saved.participant.has_value());
    CHECK(test::count_rows(database.url(), "participants") == 0);

    const auto listed = store->list_participants(missing, {}, std::nullopt, 10);
    STORE_REQUIRE_OK(listed);
    CHECK_FALSE(listed->has_value());
}

TEMPLATE_TEST_CASE("a change that may not create changes only a participant that exists", "[store][participants]",
                   SqliteBackend, PostgresqlBackend) {
    TestType database;
    const auto store = test::migrated_store(database.url());
    const std::string id = stored_seminar(*store);
    ParticipantChange rsvp = change_of(id, ParticipantKind::unit, tu_phap, "contributor");
    rsvp.rsvp = Rsvp::tentative;
    rsvp.may_create = false;
    CHECK(save(*store, rsvp).outcome == ParticipantOutcome::no_participant);
    CHECK(test::count_rows(database.url(), "participants") == 0);

    save(*store, change_of(id, ParticipantKind::unit, tu_phap, "contributor"));
    const ParticipantSaved answered = save(*store, rsvp);
    CHECK(answered.outcome == ParticipantOutcome::updated);
    CHECK(answered.participant->rsvp == Rsvp::tentative);
}

TEMPLATE_TEST_CASE("a participant's Idempotency-Key answer is written with it, once", "[store][participants]",
                   SqliteBackend, PostgresqlBackend) {
    TestType database;
    const auto store = test::migrated_store(database.url());
    const std::string id = stored_seminar(*store);
    std::vector<ParticipantOutcome> answered;
    const auto answer = [&](std::string hash) -> ParticipantAnswer {
        return [&answered, id, hash](const ParticipantSaved& saved) {
            answered.push_back(saved.outcome);
            return std::optional<IdempotencyRecord>(IdempotencyRecord{
                "moi-stp", hash, id, 201, boost::json::object{{"rsvp", rsvp_name(saved.participant->rsvp)}},
                test::time_at("2026-12-01T08:00:00Z")});
        };
    };
    ParticipantChange invite = change_of(id, ParticipantKind::unit, tu_phap, "guest");
    CHECK(save(*store, invite, answer("first")).outcome == ParticipantOutcome::created);
    const auto kept = store->find_idempotency("moi-stp");
    STORE_REQUIRE_OK(kept);
    REQUIRE(kept->has_value());
    CHECK((*kept)->request_hash == "first");
    CHECK((*kept)->response == boost::json::object{{"rsvp", "needs_action"}});

    // A second request under the key writes nothing, not even its change: the first answer stands.
    invite.rsvp = Rsvp::accepted;
    CHECK(save(*store, invite, answer("second")).outcome == ParticipantOutcome::idempotency_conflict);
    CHECK(answered == std::vector{ParticipantOutcome::created, ParticipantOutcome::updated});
    CHECK(page_of(*store, id).items.at(0).rsvp == Rsvp::needs_action);
    CHECK((*store->find_idempotency("moi-stp"))->request_hash == "first");

    // An answer of nothing keeps nothing.
    CHECK(save(*store, invite, [](const ParticipantSaved&) { return std::optional<IdempotencyRecord>{}; }).outcome ==
          ParticipantOutcome::updated);
    CHECK(test::count_rows(database.url(), "idempotency_keys") == 1);
}

TEMPLATE_TEST_CASE("participants are listed in key-ordered pages, filtered by role and rsvp", "[store][participants]",
                   SqliteBackend, PostgresqlBackend) {
    TestType database;
    const auto store = test::migrated_store(database.url());
    const std::string id = stored_seminar(*store);
    const std::string other = stored_seminar(*store);
    const auto add = [&](const std::string& instance, ParticipantKind kind, std::string ref, std::string role,
                         std::optional<Rsvp> rsvp = std::nullopt) {
        ParticipantChange change = change_of(instance, kind, std::move(ref), std::move(role));
        change.rsvp = rsvp;
        save(*store, change);
    };
    // Stored out of order.
    add(id, ParticipantKind::unit, "unitb", "guest", Rsvp::accepted);
    add(id, ParticipantKind::person, "personb", "guest");
    add(id, ParticipantKind::unit, "unita", "guest", Rsvp::declined);
    add(id, ParticipantKind::unit, "unita", "contributor", Rsvp::accepted);
    add(id, ParticipantKind::person, "persona", "chair", Rsvp::accepted);
    add(other, ParticipantKind::person, "persona", "guest");

    std::vector<std::vector<std::string>> pages;
    std::optional<ParticipantKey> after;
    do {
        const ParticipantPage page = page_of(*store, id, {}, after, 2);
        pages.push_back(refs_of(page));
        after = page.next;
    } while (after && pages.size() < 10);
    CHECK(pages == std::vector<std::vector<std::string>>{{"persona/chair", "personb/guest"},
                                                         {"unita/contributor", "unita/guest"},
                                                         {"unitb/guest"}});

    CHECK(refs_of(page_of(*store, id, {.role = "guest"})) ==
          std::vector<std::string>{"personb/guest", "unita/guest", "unitb/guest"});
    CHECK(refs_of(page_of(*store, id, {.rsvp = Rsvp::accepted})) ==
          std::vector<std::string>{"persona/chair", "unita/contributor", "unitb/guest"});
    CHECK(refs_of(page_of(*store, id, {.role = "guest", .rsvp = Rsvp::accepted})) ==
          std::vector<std::string>{"unitb/guest"});
    CHECK(refs_of(page_of(*store, id, {.role = "guest"}, ParticipantKey{ParticipantKind::unit, "unita", "guest"}, 1)) ==
          std::vector<std::string>{"unitb/guest"});
    CHECK(page_of(*store, id, {.role = "khach_moi"}).items.empty());
    CHECK(refs_of(page_of(*store, other)) == std::vector<std::string>{"persona/guest"});
}

TEMPLATE_TEST_CASE("participants page byte by byte on both backends, whatever PostgreSQL's collation",
                   "[store][participants][collation]", SqliteBackend, PostgresqlBackend) {
    TestType database;
    const auto store = test::migrated_store(database.url());
    if constexpr (TestType::backend == DatabaseBackend::postgresql) {
        // The test cluster is C; most servers' databases are linguistic (en_US.UTF-8, vi_VN.UTF-8).
        test::connect(database.url())->once << "ALTER TABLE participants ALTER COLUMN ref TYPE text COLLATE \"und-x-icu\"";
    }
    const std::string id = stored_seminar(*store);
    // Byte by byte: "Z" (0x5A), "a" (0x61), "Đ" (0xC4 0x90); a linguistic order: a, Đ, Z.
    for (const char* ref : {"a-thu-ky", "Đoàn-kiểm-tra", "Z-chanh-van-phong"}) {
        save(*store, change_of(id, ParticipantKind::person, ref, "guest"));
    }
    const ParticipantPage first = page_of(*store, id, {}, std::nullopt, 2);
    CHECK(refs_of(first) == std::vector<std::string>{"Z-chanh-van-phong/guest", "a-thu-ky/guest"});
    REQUIRE(first.next);
    CHECK(refs_of(page_of(*store, id, {}, first.next, 2)) == std::vector<std::string>{"Đoàn-kiểm-tra/guest"});
}

TEMPLATE_TEST_CASE("instances are listed by a participant, in any of its roles", "[store][participants][listing]",
                   SqliteBackend, PostgresqlBackend) {
    TestType database;
    const auto store = test::migrated_store(database.url());
    const std::string first = stored_seminar(*store);
    const std::string second = stored_seminar(*store);
    const std::string third = stored_seminar(*store);
    save(*store, change_of(first, ParticipantKind::unit, tu_phap, "guest"));
    save(*store, change_of(first, ParticipantKind::unit, tu_phap, "contributor"));
    save(*store, change_of(third, ParticipantKind::unit, tu_phap, "guest"));
    save(*store, change_of(second, ParticipantKind::person, tu_phap, "guest"));  // the same ref, a person

    const auto listed = [&](InstanceFilter filter) {
        const auto page = store->list_instances(filter, std::nullopt, 10);
        STORE_REQUIRE_OK(page);
        std::vector<std::string> ids;
        for (const Instance& instance : page->items) ids.push_back(instance.id);
        std::sort(ids.begin(), ids.end());
        return ids;
    };
    std::vector<std::string> expected{first, third};
    std::sort(expected.begin(), expected.end());
    CHECK(listed({.participant = ParticipantRef{ParticipantKind::unit, tu_phap}}) == expected);
    CHECK(listed({.participant = ParticipantRef{ParticipantKind::person, tu_phap}}) == std::vector{second});
    CHECK(listed({.workflow = "submission", .participant = ParticipantRef{ParticipantKind::unit, tu_phap}}).empty());
    CHECK(listed({.participant = ParticipantRef{ParticipantKind::unit, "Công đoàn Cục Thuế tỉnh"}}).empty());
}

}  // namespace seminarflow
