// What an instance tree came to (Store::summarise_instance): a seminar's children by workflow and
// state, its approved rewards totalled per recipient, its participants by role and RSVP, and a
// programme's seminars with their children summed; the same on both backends.
#include <catch2/catch.hpp>

#include "adapters/store/soci_store.hpp"
#include "tests/store/backends.hpp"
#include "tests/store/store_fixtures.hpp"

using seminarflow::test::PostgresqlBackend;
using seminarflow::test::SqliteBackend;

namespace seminarflow {
namespace {

const std::string mao_khe = "Công đoàn Công ty Than Mạo Khê";
const std::string ha_lam = "Công đoàn Công ty Than Hà Lầm";

// The tree's workflows as the foreign key on instances wants them.
std::unique_ptr<SociStore> summary_store(const DatabaseUrl& url) {
    auto store = test::migrated_store(url);
    STORE_REQUIRE_OK(store->save_definitions({{"programme", 1, "name: programme", "a1"},
                                              {"proposal", 1, "name: proposal", "a2"},
                                              {"directive", 1, "name: directive", "a3"},
                                              {"reward", 1, "name: reward", "a4"}}));
    return store;
}

std::string add(Store& store, std::string workflow, std::string state, std::optional<std::string> parent,
                boost::json::object data = {{"title", "Hội thảo"}}) {
    Instance instance = test::seminar(test::new_uuid(), std::move(parent), std::move(workflow));
    instance.state = std::move(state);
    instance.data = std::move(data);
    const auto status = store.commit(test::creation(instance));
    STORE_REQUIRE_OK(status);
    REQUIRE(*status == CommitStatus::committed);
    return instance.id;
}

void add_reward(Store& store, const std::string& seminar, std::string state, const std::string& recipient,
                std::int64_t amount, std::optional<std::int64_t> paid = std::nullopt, std::string kind = "unit") {
    boost::json::object data{{"recipient", recipient}, {"recipient_kind", kind}, {"amount_vnd", amount}};
    if (paid) data["paid_vnd"] = *paid;
    add(store, "reward", std::move(state), seminar, std::move(data));
}

void add_many(Store& store, const std::string& parent, const std::string& workflow,
              std::initializer_list<std::string> states) {
    for (const std::string& state : states) add(store, workflow, state, parent, {{"unit", mao_khe}});
}

void take_part(Store& store, const std::string& instance, ParticipantKind kind, std::string ref, std::string role,
               Rsvp rsvp) {
    const ParticipantChange change{.instance_id = instance,
                                   .key = ParticipantKey{kind, std::move(ref), std::move(role)},
                                   .rsvp = rsvp,
                                   .at = test::time_at("2016-10-20T08:00:00.000Z")};
    const auto saved = store.save_participant(change, {});
    STORE_REQUIRE_OK(saved);
    REQUIRE(saved->outcome == ParticipantOutcome::created);
}

// A concluded seminar with three tham luận, four proposals, four directives and five rewards
// (two approved for one unit, one published for a person, one pending, one declined).
std::string concluded_seminar(Store& store, const std::string& programme) {
    const std::string seminar = add(store, "seminar", "concluded", programme);
    add_many(store, seminar, "submission", {"presented", "presented", "rejected"});
    add_many(store, seminar, "proposal", {"answered", "answered", "forwarded", "recorded"});
    add_many(store, seminar, "directive", {"done", "done", "carried_over", "in_progress"});
    add_reward(store, seminar, "approved", mao_khe, 5'000'000);
    add_reward(store, seminar, "issued", mao_khe, 5'000'000, 4'500'000);
    add_reward(store, seminar, "published", "Nguyễn Văn An", 3'000'000, 3'000'000, "person");
    add_reward(store, seminar, "nominated", ha_lam, 1'000'000);
    add_reward(store, seminar, "declined", ha_lam, 2'000'000);
    take_part(store, seminar, ParticipantKind::person, "le-thanh-xuan", "chair", Rsvp::accepted);
    take_part(store, seminar, ParticipantKind::unit, mao_khe, "contributor", Rsvp::accepted);
    take_part(store, seminar, ParticipantKind::unit, ha_lam, "contributor", Rsvp::declined);
    return seminar;
}

InstanceSummary summarise(Store& store, const std::string& id) {
    const auto summary = store.summarise_instance(id);
    STORE_REQUIRE_OK(summary);
    REQUIRE(summary->has_value());
    return **summary;
}

}  // namespace

TEMPLATE_TEST_CASE("a seminar's summary counts its children by state and totals its approved rewards per recipient",
                   "[store][summary]", SqliteBackend, PostgresqlBackend) {
    TestType database;
    const auto store = summary_store(database.url());
    const std::string programme = add(*store, "programme", "active", std::nullopt);
    const std::string seminar = concluded_seminar(*store, programme);
    // A tham luận's own participant is not the seminar's.
    const std::string other = add(*store, "submission", "invited", seminar, {{"unit", ha_lam}});
    take_part(*store, other, ParticipantKind::unit, ha_lam, "contributor", Rsvp::accepted);

    const InstanceSummary summary = summarise(*store, seminar);
    CHECK(summary.workflow == "seminar");
    CHECK(summary.state == "concluded");
    CHECK(summary.children.at("submission") == StateCounts{{"invited", 1}, {"presented", 2}, {"rejected", 1}});
    CHECK(summary.children.at("proposal") == StateCounts{{"answered", 2}, {"forwarded", 1}, {"recorded", 1}});
    CHECK(summary.children.at("directive") ==
          StateCounts{{"carried_over", 1}, {"done", 2}, {"in_progress", 1}});
    CHECK(summary.children.at("reward") ==
          StateCounts{{"approved", 1}, {"declined", 1}, {"issued", 1}, {"nominated", 1}, {"published", 1}});
    CHECK(summary.grandchildren.empty());

    REQUIRE(summary.rewards.size() == 2);  // pending and declined ones are no total
    const RecipientRewards& unit = summary.rewards[0];
    CHECK(unit.recipient == mao_khe);
    CHECK(unit.recipient_kind == "unit");
    CHECK(unit.count == 2);
    CHECK(unit.approved_vnd == 10'000'000);
    CHECK(unit.issued_vnd == 5'000'000);
    CHECK(unit.paid_vnd == 4'500'000);
    const RecipientRewards& person = summary.rewards[1];
    CHECK(person.recipient == "Nguyễn Văn An");
    CHECK(person.recipient_kind == "person");
    CHECK(person.count == 1);
    CHECK(person.issued_vnd == 3'000'000);
    CHECK(person.paid_vnd == 3'000'000);

    REQUIRE(summary.participants.size() == 3);
    CHECK(summary.participants[0].role == "chair");
    CHECK(summary.participants[0].rsvp == Rsvp::accepted);
    CHECK(summary.participants[1].role == "contributor");
    CHECK(summary.participants[1].rsvp == Rsvp::accepted);
    CHECK(summary.participants[1].count == 1);
    CHECK(summary.participants[2].rsvp == Rsvp::declined);
}

TEMPLATE_TEST_CASE("a programme's summary counts its seminars and sums their children and rewards",
                   "[store][summary]", SqliteBackend, PostgresqlBackend) {
    TestType database;
    const auto store = summary_store(database.url());
    const std::string programme = add(*store, "programme", "active", std::nullopt);
    concluded_seminar(*store, programme);
    const std::string second = add(*store, "seminar", "closed", programme);
    add_many(*store, second, "submission", {"presented"});
    add_many(*store, second, "directive", {"done"});
    add_reward(*store, second, "published", mao_khe, 4'000'000, 4'000'000);
    add(*store, "seminar", "draft", programme);
    take_part(*store, programme, ParticipantKind::unit, "tkv", "organiser", Rsvp::needs_action);

    const InstanceSummary summary = summarise(*store, programme);
    CHECK(summary.workflow == "programme");
    CHECK(summary.children.at("seminar") == StateCounts{{"closed", 1}, {"concluded", 1}, {"draft", 1}});
    CHECK(count_in(summary.children.at("seminar"), {"concluded", "closed"}) == 2);
    CHECK(count_in(summary_counts(summary, "submission"), {"presented"}) == 3);
    CHECK(count_in(summary_counts(summary, "directive"), {"done"}) == 3);
    CHECK(summary_counts(summary, "contest").empty());

    REQUIRE(summary.rewards.size() == 2);
    CHECK(summary.rewards[0].recipient == mao_khe);
    CHECK(summary.rewards[0].count == 3);
    CHECK(summary.rewards[0].approved_vnd == 14'000'000);
    CHECK(summary.rewards[0].paid_vnd == 8'500'000);

    // Its own organiser and its seminars' chair and contributors.
    std::int64_t participants = 0;
    for (const ParticipantCount& row : summary.participants) participants += row.count;
    CHECK(participants == 4);
}

TEMPLATE_TEST_CASE("a summary of no instance is nothing, and of a lone seminar is all zeros", "[store][summary]",
                   SqliteBackend, PostgresqlBackend) {
    TestType database;
    const auto store = summary_store(database.url());
    const auto missing = store->summarise_instance(test::new_uuid());
    STORE_REQUIRE_OK(missing);
    CHECK_FALSE(missing->has_value());

    const InstanceSummary lone = summarise(*store, add(*store, "seminar", "draft", std::nullopt));
    CHECK(lone.children.empty());
    CHECK(lone.rewards.empty());
    CHECK(lone.participants.empty());
    CHECK(count_in(summary_counts(lone, "submission")) == 0);
}

}  // namespace seminarflow
