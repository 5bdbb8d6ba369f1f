// Reading what commits wrote: definitions, instances with what their guards read, history, and
// the answers kept for Idempotency-Keys; every field round trips on both backends.
#include <catch2/catch.hpp>

#include <algorithm>

#include "adapters/store/soci_store.hpp"
#include "tests/store/backends.hpp"
#include "tests/store/store_fixtures.hpp"

using Catch::Matchers::Contains;
using seminarflow::test::PostgresqlBackend;
using seminarflow::test::SqliteBackend;

namespace seminarflow {

TEMPLATE_TEST_CASE("definitions are kept by name and version, and a changed one is refused", "[store][definitions]",
                   SqliteBackend, PostgresqlBackend) {
    TestType database;
    const auto store = test::migrated_store(database.url());  // seminar 1, submission 1

    // Every version, by name and version, source and checksum as saved.
    const auto stored = [&] {
        std::vector<std::string> rows;
        const auto records = store->load_definitions();
        STORE_REQUIRE_OK(records);
        for (const DefinitionRecord& record : *records) {
            rows.push_back(record.name + " " + std::to_string(record.version) + " " + record.checksum + " " +
                           record.source);
        }
        return rows;
    };
    CHECK(stored() == std::vector<std::string>{"seminar 1 c0ffee name: seminar", "submission 1 beef name: submission"});

    // Saving the same again (another node starting) is fine; a new version is added.
    STORE_REQUIRE_OK(store->save_definitions({{"seminar", 1, "name: seminar", "c0ffee"},
                                              {"seminar", 2, "name: seminar # Hội thảo", "d00d"}}));
    CHECK(stored() == std::vector<std::string>{"seminar 1 c0ffee name: seminar", "seminar 2 d00d name: seminar # Hội thảo",
                                               "submission 1 beef name: submission"});

    // The file changed under an unchanged version: refused, and nothing of the call is saved.
    const auto changed = store->save_definitions({{"contest", 1, "name: contest", "aaaa"},
                                                  {"seminar", 1, "name: seminar, edited", "bbbb"}});
    REQUIRE_FALSE(changed.ok());
    CHECK_THAT(changed.error().message, Contains("seminar version 1") && Contains("new version"));
    CHECK(stored().size() == 3);
    CHECK(stored().front() == "seminar 1 c0ffee name: seminar");
}

TEMPLATE_TEST_CASE("an instance round trips every field", "[store][instances]", SqliteBackend, PostgresqlBackend) {
    TestType database;
    const auto store = test::migrated_store(database.url());
    Instance instance = test::seminar(test::new_uuid());
    instance.state = "chờ_duyệt";
    instance.data = boost::json::object{
        {"title", "Tọa đàm: “Chuyển đổi số” — lần 3 😀"},
        {"starts_at", "2026-12-01T08:00:00+07:00"},
        {"seats", 120},
        {"ratio", 0.25},
        {"online", false},
        {"room", nullptr},
        {"speakers", boost::json::array{"Nguyễn Văn An", "Trần Thị Bình"}},
        {"nested", {{"deep", {{"deeper", boost::json::array{1, 2, 3}}}}}}};
    instance.created_at = test::time_at("2026-12-01T08:00:00.007Z");
    instance.updated_at = test::time_at("1999-12-31T23:59:59.999Z");
    REQUIRE(store->commit(test::creation(instance)).value() == CommitStatus::committed);

    const auto loaded = store->load_instance(instance.id);
    STORE_REQUIRE_OK(loaded);
    REQUIRE(loaded->has_value());
    const Instance& got = **loaded;
    CHECK(got.id == instance.id);
    CHECK(got.workflow == "seminar");
    CHECK(got.definition_version == 1);
    CHECK(got.state == "chờ_duyệt");
    CHECK(got.data == instance.data);
    CHECK(std::string(got.data.at("title").as_string()) == "Tọa đàm: “Chuyển đổi số” — lần 3 😀");
    CHECK_FALSE(got.parent.has_value());
    CHECK(got.version == 1);
    CHECK(got.created_at == instance.created_at);
    CHECK(got.updated_at == instance.updated_at);
    CHECK(got.children.empty());
    CHECK_FALSE(got.parent_data.has_value());

    CHECK_FALSE(store->load_instance(test::new_uuid()).value().has_value());
}

TEMPLATE_TEST_CASE("an instance comes with its children counted by workflow and state, and its parent's data",
                   "[store][instances]", SqliteBackend, PostgresqlBackend) {
    TestType database;
    const auto store = test::migrated_store(database.url());
    const Instance parent = test::seminar(test::new_uuid());
    REQUIRE(store->commit(test::creation(parent)).value() == CommitStatus::committed);

    // 3 submissions accepted, 1 draft, and 2 sub-seminars in draft.
    std::vector<std::string> children;
    const auto add_child = [&](const std::string& workflow, const std::string& state) {
        Instance child = test::seminar(test::new_uuid(), parent.id, workflow);
        child.state = state;
        REQUIRE(store->commit(test::creation(child)).value() == CommitStatus::committed);
        children.push_back(child.id);
    };
    for (int i = 0; i < 3; ++i) add_child("submission", "accepted");
    add_child("submission", "draft");
    add_child("seminar", "draft");
    add_child("seminar", "draft");

    const auto loaded = store->load_instance(parent.id).value();
    REQUIRE(loaded.has_value());
    REQUIRE(loaded->children.size() == 3);
    const auto count_of = [&](const std::string& workflow, const std::string& state) -> std::int64_t {
        for (const auto& c : loaded->children) {
            if (c.workflow == workflow && c.state == state) return c.count;
        }
        return -1;
    };
    CHECK(count_of("submission", "accepted") == 3);
    CHECK(count_of("submission", "draft") == 1);
    CHECK(count_of("seminar", "draft") == 2);
    CHECK_FALSE(loaded->parent_data.has_value());

    const auto child = store->load_instance(children.front()).value();
    REQUIRE(child.has_value());
    CHECK(child->parent == parent.id);
    REQUIRE(child->parent_data.has_value());
    CHECK(*child->parent_data == parent.data);
    CHECK(child->children.empty());
}

TEMPLATE_TEST_CASE("many instances load in one call, each as it loads alone", "[store][instances]", SqliteBackend,
                   PostgresqlBackend) {
    TestType database;
    const auto store = test::migrated_store(database.url());
    const Instance parent = test::seminar(test::new_uuid());
    const Instance other = test::seminar(test::new_uuid());
    REQUIRE(store->commit(test::creation(parent)).value() == CommitStatus::committed);
    REQUIRE(store->commit(test::creation(other)).value() == CommitStatus::committed);
    std::vector<std::string> ids{parent.id, other.id};
    for (int i = 0; i < 2; ++i) {
        Instance child = test::seminar(test::new_uuid(), parent.id, "submission");
        child.state = "accepted";
        REQUIRE(store->commit(test::creation(child)).value() == CommitStatus::committed);
        ids.push_back(child.id);
    }
    // An id of no instance, and one shaped to break out of the list it travels in: left out.
    ids.push_back(test::new_uuid());
    ids.push_back(R"(x", "y'); DROP TABLE instances; --)");

    const auto loaded = store->load_instances(ids);
    STORE_REQUIRE_OK(loaded);
    REQUIRE(loaded->size() == 4);
    for (const Instance& many : *loaded) {
        const auto alone = store->load_instance(many.id).value();
        REQUIRE(alone.has_value());
        CHECK(many.workflow == alone->workflow);
        CHECK(many.definition_version == alone->definition_version);
        CHECK(many.state == alone->state);
        CHECK(many.data == alone->data);
        CHECK(many.parent == alone->parent);
        CHECK(many.version == alone->version);
        CHECK(many.created_at == alone->created_at);
        CHECK(many.updated_at == alone->updated_at);
        CHECK(many.parent_data == alone->parent_data);
        REQUIRE(many.children.size() == alone->children.size());
        for (std::size_t i = 0; i < many.children.size(); ++i) {
            CHECK(many.children[i].workflow == alone->children[i].workflow);
            CHECK(many.children[i].state == alone->children[i].state);
            CHECK(many.children[i].count == alone->children[i].count);
        }
    }
    const auto with_children = std::find_if(loaded->begin(), loaded->end(), [&](const Instance& i) { return i.id == parent.id; });
    REQUIRE(with_children != loaded->end());
    REQUIRE(with_children->children.size() == 1);
    CHECK(with_children->children.front().count == 2);
    CHECK(store->load_instance(other.id).value().has_value());  // the table is still there

    CHECK(store->load_instances({}).value().empty());
}

TEMPLATE_TEST_CASE("history comes in seq order, after a seq, a page at a time", "[store][history]", SqliteBackend,
                   PostgresqlBackend) {
    TestType database;
    const auto store = test::migrated_store(database.url());
    const Instance instance = test::seminar(test::new_uuid());
    const Instance other = test::seminar(test::new_uuid());
    REQUIRE(store->commit(test::creation(instance)).value() == CommitStatus::committed);
    REQUIRE(store->commit(test::creation(other)).value() == CommitStatus::committed);
    for (std::int64_t version = 1; version <= 11; ++version) {
        Commit step = test::transition(instance, version, "state_" + std::to_string(version + 1),
                                       {{"step", version}});
        step.history[0].payload = {{"ghi_chú", "bước " + std::to_string(version + 1)}};
        step.history[0].actor = {"timer:remind", Role::system};
        REQUIRE(store->commit(step).value() == CommitStatus::committed);
    }

    const auto all = store->load_history(instance.id, 0, 100).value();
    REQUIRE(all.size() == 12);
    for (std::size_t i = 0; i < all.size(); ++i) CHECK(all[i].seq == static_cast<std::int64_t>(i) + 1);
    // The creation entry, field by field.
    CHECK(all[0].instance_id == instance.id);
    CHECK(all[0].event == "created");
    CHECK(all[0].actor.id == "lan");
    CHECK(all[0].actor.role == Role::organiser);
    CHECK(all[0].payload == instance.data);
    CHECK_FALSE(all[0].from.has_value());
    CHECK(all[0].to == "draft");
    CHECK(all[0].definition_version == 1);
    CHECK(all[0].at == instance.created_at);
    // A transition's entry.
    CHECK(all[4].actor.role == Role::system);
    CHECK(all[4].actor.id == "timer:remind");
    CHECK(std::string(all[4].payload.at("ghi_chú").as_string()) == "bước 5");
    CHECK(all[4].from == "draft");
    CHECK(all[4].to == "state_5");
    CHECK(all[4].at == instance.created_at + std::chrono::seconds(4));

    // Paging: 5 at a time after the last seen.
    std::vector<std::int64_t> seen;
    std::int64_t after = 0;
    while (true) {
        const auto page = store->load_history(instance.id, after, 5).value();
        if (page.empty()) break;
        CHECK(page.size() <= 5);
        for (const auto& entry : page) seen.push_back(entry.seq);
        after = page.back().seq;
    }
    CHECK(seen == std::vector<std::int64_t>{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
    CHECK(store->load_history(instance.id, 12, 5).value().empty());
    CHECK(store->load_history(other.id, 0, 100).value().size() == 1);
    CHECK(store->load_history(test::new_uuid(), 0, 100).value().empty());
}

}  // namespace seminarflow
