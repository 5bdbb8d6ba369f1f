// Durable timers and signals, carried out by WorkRunner rounds over the real store on both
// backends, with the clock set by the test: no sleeps, no waiting on real time.
#include <catch2/catch.hpp>

#include <latch>
#include <thread>

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

WorkReport round(WorkRunner& runner) {
    auto report = runner.run_once();
    INFO((report.ok() ? "" : report.error().message));
    REQUIRE(report.ok());
    INFO("failures: " << (report->failures.empty() ? "" : report->failures.front()));
    CHECK(report->failures.empty());
    return std::move(report).value();
}

// The planned seminar's `not_ready_warning` is due 3 days before it starts: 2026-08-22T07:00Z.
const Time warning_due = at("2026-08-22T07:00:00Z");

}  // namespace

TEMPLATE_TEST_CASE("a timer fires at its due time and never before", "[runtime][timers]", SqliteBackend,
                   PostgresqlBackend) {
    test::Engine<TestType> engine;
    const std::string id = engine.seminar("Tọa đàm khối doanh nghiệp lần thứ 3");
    engine.apply(id, organiser_event("plan", plan_payload()));
    WorkRunner runner(engine.runtime, *engine.store, engine.clock, WorkOptions{.owner = "node-a"});

    engine.clock.set(warning_due - std::chrono::milliseconds(1));
    CHECK(round(runner).timers_fired == 0);
    CHECK(engine.events_named(id, "not_ready") == 0);

    engine.clock.set(warning_due + std::chrono::seconds(2));
    const WorkReport report = round(runner);
    CHECK(report.timers_fired == 1);
    CHECK(report.max_lag == std::chrono::seconds(2));
    const auto history = engine.history(id);
    CHECK(history.back().event == "not_ready");
    CHECK(history.back().actor.id == "timer:not_ready_warning");
    CHECK(history.back().actor.role == Role::system);

    // Fired means fired: the next round has nothing to do.
    CHECK(round(runner).handled() == 0);
}

TEMPLATE_TEST_CASE("a postponed seminar moves the timers that hang on its date", "[runtime][timers]", SqliteBackend,
                   PostgresqlBackend) {
    test::Engine<TestType> engine;
    const std::string id = engine.seminar("Hội thảo “Đổi mới công tác cán bộ”");
    engine.apply(id, organiser_event("plan", plan_payload()));
    engine.apply(id, organiser_event("postpone", {{"starts_at", "2026-09-10T07:00:00Z"},
                                                  {"ends_at", "2026-09-10T10:00:00Z"},
                                                  {"reason", "Trùng lịch Đại hội Công đoàn"}}));
    WorkRunner runner(engine.runtime, *engine.store, engine.clock, WorkOptions{.owner = "node-a"});

    engine.clock.set(warning_due + std::chrono::hours(1));  // the old due time has passed
    CHECK(round(runner).timers_fired == 0);
    engine.clock.set(at("2026-09-07T07:00:00Z"));  // three days before the new date
    CHECK(round(runner).timers_fired == 1);
    CHECK(engine.events_named(id, "not_ready") == 1);
}

TEMPLATE_TEST_CASE("timers survive a restart", "[runtime][timers]", SqliteBackend, PostgresqlBackend) {
    test::Engine<TestType> engine;
    const std::string id = engine.seminar("Lớp tập huấn nghiệp vụ");
    engine.apply(id, organiser_event("plan", plan_payload()));
    // A node that never ran before, with its own connections: what it fires came from the database.
    auto restarted = engine.node();
    WorkRunner runner(restarted->runtime, *restarted->store, engine.clock, WorkOptions{.owner = "node-b"});
    engine.clock.set(warning_due);
    CHECK(round(runner).timers_fired == 1);
    CHECK(engine.events_named(id, "not_ready") == 1);
}

TEMPLATE_TEST_CASE("a dead node's claims are taken over when its lease runs out", "[runtime][timers]", SqliteBackend,
                   PostgresqlBackend) {
    test::Engine<TestType> engine;
    const std::string id = engine.seminar("Tọa đàm");
    engine.apply(id, organiser_event("plan", plan_payload()));
    engine.clock.set(warning_due);
    // node-a claims the timer, then dies before firing it.
    auto claimed = engine.store->claim_due_timers("node-a", warning_due, warning_due + std::chrono::seconds(30), 10);
    REQUIRE(claimed.ok());
    REQUIRE(claimed->size() == 1);

    WorkRunner survivor(engine.runtime, *engine.store, engine.clock, WorkOptions{.owner = "node-b"});
    engine.clock.set(warning_due + std::chrono::seconds(10));
    CHECK(round(survivor).timers_fired == 0);  // the lease still holds
    engine.clock.set(warning_due + std::chrono::seconds(31));
    CHECK(round(survivor).timers_fired == 1);
    CHECK(engine.events_named(id, "not_ready") == 1);
}

TEMPLATE_TEST_CASE("nodes racing for the same due timers change each instance once", "[runtime][timers][concurrency]",
                   SqliteBackend, PostgresqlBackend) {
    test::Engine<TestType> engine;
    std::vector<std::string> seminars;
    for (int i = 0; i < 12; ++i) {
        seminars.push_back(engine.seminar("Tọa đàm số " + std::to_string(i)));
        engine.apply(seminars.back(), organiser_event("plan", plan_payload()));
    }
    engine.clock.set(warning_due);
    constexpr int nodes = 3;
    std::vector<std::unique_ptr<typename test::Engine<TestType>::Node>> running_nodes;
    for (int n = 0; n < nodes; ++n) running_nodes.push_back(engine.node());
    std::atomic<std::size_t> fired{0};
    std::latch start(nodes);
    {
        std::vector<std::jthread> threads;
        for (int n = 0; n < nodes; ++n) {
            threads.emplace_back([&, n] {
                // Small batches, so that the nodes interleave.
                WorkRunner runner(running_nodes[static_cast<std::size_t>(n)]->runtime,
                                  *running_nodes[static_cast<std::size_t>(n)]->store, engine.clock,
                                  WorkOptions{.owner = "node-" + std::to_string(n), .batch = 2});
                start.arrive_and_wait();
                for (;;) {
                    auto report = runner.run_once();
                    if (!report || report->handled() == 0) break;
                    fired += report->timers_fired;
                }
            });
        }
    }
    CHECK(fired == seminars.size());
    for (const auto& id : seminars) CHECK(engine.events_named(id, "not_ready") == 1);
}

// A seminar inviting two member units, and the ids of their two submissions.
template <class Backend>
std::vector<std::string> invite_two_units(test::Engine<Backend>& engine, const std::string& seminar) {
    engine.apply(seminar, organiser_event("plan", plan_payload()));
    auto invited = engine.runtime.apply(
        seminar, organiser_event("invite", {{"units", boost::json::array{"CĐCS Sở Tư pháp", "CĐCS Cục Thuế tỉnh"}},
                                            {"contributions_due", "2026-08-18T10:00:00Z"}}));
    REQUIRE(invited.ok());
    REQUIRE(invited->spawned.size() == 2);
    return {invited->spawned[0].id, invited->spawned[1].id};
}

Event submit_contribution() {
    return Event{"submit",
                 {{"title", "Kinh nghiệm xây dựng CĐCS vững mạnh"},
                  {"abstract", "Những cách làm hay ở cơ sở"},
                  {"document_url", "https://example.org/tham-luan.pdf"}},
                 Actor{"cdcs-so-tu-phap", Role::member}};
}

TEMPLATE_TEST_CASE("a child's signal reaches its parent, once", "[runtime][signals]", SqliteBackend, PostgresqlBackend) {
    test::Engine<TestType> engine;
    const std::string seminar = engine.seminar("Tọa đàm “Xây dựng công đoàn cơ sở vững mạnh”");
    const auto submissions = invite_two_units(engine, seminar);
    engine.apply(submissions[0], submit_contribution());
    CHECK(engine.load(seminar).state == "inviting");  // the signal waits for the next round

    WorkRunner runner(engine.runtime, *engine.store, engine.clock, WorkOptions{.owner = "node-a"});
    CHECK(round(runner).signals_delivered == 1);
    CHECK(engine.load(seminar).state == "collecting");
    const HistoryEntry last = engine.history(seminar).back();
    CHECK(last.event == "contribution_submitted");
    CHECK(last.actor.id == "child:" + submissions[0]);
    CHECK(last.payload.at("unit") == "CĐCS Sở Tư pháp");
    CHECK(round(runner).handled() == 0);
}

TEMPLATE_TEST_CASE("a signal its parent refuses is consumed, not retried for ever", "[runtime][signals]", SqliteBackend,
                   PostgresqlBackend) {
    test::Engine<TestType> engine;
    const std::string seminar = engine.seminar("Hội thảo bị huỷ");
    const auto submissions = invite_two_units(engine, seminar);
    engine.apply(seminar, organiser_event("cancel", {{"reason", "Hoãn vô thời hạn"}}));
    const std::size_t before = engine.history(seminar).size();
    engine.apply(submissions[1], submit_contribution());

    WorkRunner runner(engine.runtime, *engine.store, engine.clock, WorkOptions{.owner = "node-a"});
    const WorkReport report = round(runner);
    CHECK(report.signals_refused == 1);
    CHECK(engine.history(seminar).size() == before);  // the cancelled seminar took nothing
    CHECK(round(runner).handled() == 0);
}

}  // namespace seminarflow
