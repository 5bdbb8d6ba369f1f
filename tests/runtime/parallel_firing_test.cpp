// A WorkRunner round fires its claimed timers for many instances at once (WorkOptions::
// parallelism), so that their commits share the store's group commit. What must still hold, on
// both backends: every timer fires once, an instance's own timers fire in due order, and one
// timer that fails leaves the others of its round fired and the report exact.
#include <catch2/catch.hpp>

#include <soci/soci.h>

#include "engine/runtime/work_runner.hpp"
#include "tests/runtime/engine_fixture.hpp"
#include "tests/store/backends.hpp"

using seminarflow::test::PostgresqlBackend;
using seminarflow::test::SqliteBackend;

namespace seminarflow {
namespace {

using test::organiser_event;
using test::plan_payload;

Time at(std::string_view text) { return *parse_rfc3339(text); }

// The planned seminar's `not_ready_warning` is due 3 days before it starts.
const Time warning_due = at("2026-08-22T07:00:00Z");

WorkOptions parallel(std::size_t parallelism) {
    return WorkOptions{.owner = "node-a", .batch = 200, .parallelism = parallelism};
}

// Events the instance took after it was created, oldest first.
template <class Backend>
std::vector<std::string> events_after_creation(test::Engine<Backend>& engine, const std::string& id) {
    std::vector<std::string> events;
    for (const auto& entry : engine.history(id)) {
        if (entry.seq > 1) events.push_back(entry.event);
    }
    return events;
}

}  // namespace

TEMPLATE_TEST_CASE("a round fires the due timers of many instances at once, each once", "[runtime][timers][parallel]",
                   SqliteBackend, PostgresqlBackend) {
    test::Engine<TestType> engine;
    std::vector<std::string> seminars;
    for (int i = 0; i < 40; ++i) {
        seminars.push_back(engine.seminar("Tọa đàm số " + std::to_string(i)));
        engine.apply(seminars.back(), organiser_event("plan", plan_payload()));
    }
    WorkRunner runner(engine.runtime, *engine.store, engine.clock, parallel(8));
    engine.clock.set(warning_due + std::chrono::seconds(5));

    auto report = runner.run_once();
    REQUIRE(report.ok());
    INFO("first failure: " << (report->failures.empty() ? "" : report->failures.front()));
    CHECK(report->failures.empty());
    CHECK(report->timers_fired == seminars.size());
    CHECK(report->superseded == 0);
    // The clock stood still: each one was fired five seconds after it was due.
    CHECK(report->lags == std::vector<Duration>(seminars.size(), std::chrono::seconds(5)));
    CHECK(report->max_lag == std::chrono::seconds(5));
    for (const auto& id : seminars) CHECK(events_after_creation(engine, id) == std::vector<std::string>{"plan", "not_ready"});

    auto again = runner.run_once();
    REQUIRE(again.ok());
    CHECK(again->handled() == 0);
    CHECK(again->lags.empty());
}

TEMPLATE_TEST_CASE("an instance's own timers fire in due order, one after the other", "[runtime][timers][parallel]",
                   SqliteBackend, PostgresqlBackend) {
    test::Engine<TestType> engine;
    // A directive due on 30 September: its `reminder` is due three days before, its `due` on the
    // day. Fired the other way round, `overdue` would leave `assigned` and cancel the reminder.
    std::vector<std::string> directives;
    for (int i = 0; i < 6; ++i) {
        auto created = engine.runtime.create("directive",
                                             boost::json::object{{"unit", "CĐCS số " + std::to_string(i)},
                                                                 {"task", "Vận dụng 6 tham luận ở đơn vị mình"},
                                                                 {"due_at", "2026-09-30T10:00:00Z"},
                                                                 {"seminar_title", "Tọa đàm khối doanh nghiệp"}},
                                             std::nullopt, Actor{"ban-to-chuc", Role::organiser});
        REQUIRE(created.ok());
        directives.push_back(created->instance.id);
    }
    WorkRunner runner(engine.runtime, *engine.store, engine.clock, parallel(16));
    engine.clock.set(at("2026-09-30T11:00:00Z"));  // both are due

    auto report = runner.run_once();
    REQUIRE(report.ok());
    INFO("first failure: " << (report->failures.empty() ? "" : report->failures.front()));
    CHECK(report->failures.empty());
    CHECK(report->timers_fired == 2 * directives.size());
    CHECK(report->superseded == 0);
    for (const auto& id : directives) {
        CHECK(events_after_creation(engine, id) == std::vector<std::string>{"remind", "overdue"});
        CHECK(engine.load(id).state == "overdue");
    }
    // In due order: the six reminders (three days and an hour late), then the six due dates.
    REQUIRE(report->lags.size() == 12);
    CHECK(report->lags.front() == std::chrono::hours(73));
    CHECK(report->lags.back() == std::chrono::hours(1));
    CHECK(report->max_lag == std::chrono::hours(73));
}

TEMPLATE_TEST_CASE("a timer whose commit fails leaves the others of its round fired", "[runtime][timers][parallel]",
                   SqliteBackend, PostgresqlBackend) {
    test::Engine<TestType> engine;
    std::vector<std::string> seminars;
    for (int i = 0; i < 5; ++i) {
        seminars.push_back(engine.seminar("Hội thảo số " + std::to_string(i)));
        engine.apply(seminars.back(), organiser_event("plan", plan_payload()));
    }
    // The history entry the firing of seminar 2 would write (seq 3, after `created` and `plan`)
    // is taken: its commit fails on the primary key, as a commit the database refuses would.
    const std::string blocked = seminars[2];
    auto session = test::connect(engine.database.url());
    *session << "INSERT INTO history (instance_id, seq, event, actor, actor_role, payload, from_state, to_state,"
                " definition_version, at) VALUES (:id, 3, 'amend', 'ban-to-chuc', 'organiser', '{}', 'planned',"
                " 'planned', 1, '2026-08-05T00:00:00.000Z')",
        soci::use(blocked);
    WorkRunner runner(engine.runtime, *engine.store, engine.clock, parallel(16));
    engine.clock.set(warning_due);

    auto report = runner.run_once();
    REQUIRE(report.ok());
    CHECK(report->timers_fired == 4);
    REQUIRE(report->failures.size() == 1);
    CHECK_THAT(report->failures.front(), Catch::Matchers::Contains("history"));
    CHECK(report->lags.size() == 4);  // a timer left pending has not fired: no lag yet
    for (const auto& id : seminars) CHECK(engine.events_named(id, "not_ready") == (id == blocked ? 0U : 1U));

    // Left pending under its lease; once the lease runs out (and the seq is free) it fires.
    *session << "DELETE FROM history WHERE instance_id = :id AND seq = 3", soci::use(blocked);
    engine.clock.set(warning_due + std::chrono::seconds(10));
    auto held = runner.run_once();
    REQUIRE(held.ok());
    CHECK(held->handled() == 0);
    engine.clock.set(warning_due + runner.options().lease + std::chrono::seconds(1));
    auto retried = runner.run_once();
    REQUIRE(retried.ok());
    CHECK(retried->failures.empty());
    CHECK(retried->timers_fired == 1);
    CHECK(engine.events_named(blocked, "not_ready") == 1);
}

TEMPLATE_TEST_CASE("a round with a full batch claims the next one while it fires, and the next round fires it",
                   "[runtime][timers][parallel]", SqliteBackend, PostgresqlBackend) {
    test::Engine<TestType> engine;
    std::vector<std::string> seminars;
    for (int i = 0; i < 5; ++i) {
        seminars.push_back(engine.seminar("Tọa đàm số " + std::to_string(i)));
        engine.apply(seminars.back(), organiser_event("plan", plan_payload()));
    }
    WorkRunner runner(engine.runtime, *engine.store, engine.clock,
                      WorkOptions{.owner = "node-a", .batch = 2, .parallelism = 4});
    engine.clock.set(warning_due);
    auto session = test::connect(engine.database.url());
    const auto leased_unfired = [&] {
        return test::query_number(*session, "SELECT count(*) FROM timers WHERE state = 'pending' AND lease_owner = 'node-a'");
    };

    // 2 fired, the next 2 claimed meanwhile (leased to node-a, not fired yet): more is waiting.
    auto first = runner.run_once();
    REQUIRE(first.ok());
    CHECK(first->timers_fired == 2);
    CHECK_FALSE(first->drained);
    CHECK(leased_unfired() == 2);
    // Those 2 fire now, and the last one is claimed meanwhile (the batch was full again).
    auto second = runner.run_once();
    REQUIRE(second.ok());
    CHECK(second->timers_fired == 2);
    CHECK(leased_unfired() == 1);
    // The last one fires; a batch of one is not full, so nothing is claimed ahead.
    auto third = runner.run_once();
    REQUIRE(third.ok());
    CHECK(third->timers_fired == 1);
    CHECK(third->drained);
    CHECK(leased_unfired() == 0);
    auto fourth = runner.run_once();
    REQUIRE(fourth.ok());
    CHECK(fourth->handled() == 0);
    for (const auto& id : seminars) CHECK(engine.events_named(id, "not_ready") == 1);
}

TEMPLATE_TEST_CASE("a timer fired on an instance read before it moved is decided again on a fresh read",
                   "[runtime][timers][parallel]", SqliteBackend, PostgresqlBackend) {
    test::Engine<TestType> engine;
    const std::string id = engine.seminar("Tọa đàm");
    engine.apply(id, organiser_event("plan", plan_payload()));
    // What a round read for its lanes; then the organiser moves the seminar to another hall.
    const Instance read_by_the_round = engine.load(id);
    engine.apply(id, organiser_event("amend", {{"venue", "Hội trường B"}}));
    engine.clock.set(warning_due);
    auto claimed = engine.store->claim_due_timers("node-a", warning_due, warning_due + std::chrono::seconds(30), 10);
    REQUIRE(claimed.ok());
    REQUIRE(claimed->size() == 1);

    auto fired = engine.runtime.fire(claimed->front(), read_by_the_round);
    REQUIRE(fired.ok());
    CHECK(*fired == WorkOutcome::applied);
    CHECK(events_after_creation(engine, id) == std::vector<std::string>{"plan", "amend", "not_ready"});
    const Instance now = engine.load(id);
    CHECK(now.version == read_by_the_round.version + 2);
    CHECK(now.data.at("venue") == "Hội trường B");  // the amendment stands
}

}  // namespace seminarflow
