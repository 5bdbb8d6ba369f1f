// The scheduler's loop on a real io_context and thread pool, on both backends. Its rounds are the
// WorkRunner's (tested in work_runner_test.cpp); here: that the loop runs them when work is due,
// and wakes at once when told, by wake() or, on PostgreSQL, by another node's commit. The tests
// wait on what the loop reports, never on a sleep.
#include <catch2/catch.hpp>

#include <boost/asio/io_context.hpp>
#include <boost/asio/thread_pool.hpp>
#include <condition_variable>
#include <future>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "adapters/store/postgresql_work_listener.hpp"
#include "engine/runtime/scheduler.hpp"
#include "tests/runtime/engine_fixture.hpp"
#include "tests/store/backends.hpp"
#include "tests/support/clock_that_throws_once.hpp"

using namespace seminarflow;
using test::organiser_event;
using test::plan_payload;
using test::PostgresqlBackend;
using test::SqliteBackend;

namespace {

constexpr std::chrono::seconds generous{30};

// A node's scheduler loop: reports the first round that did something, and counts the timers
// fired so far.
struct LoopUnderTest {
    boost::asio::io_context io;
    boost::asio::thread_pool blocking{2};
    std::promise<WorkReport> first_work;
    std::atomic<bool> reported{false};
    std::mutex mutex;
    std::condition_variable changed;
    std::size_t timers_fired = 0;
    std::vector<std::string> failures;  // the rounds that failed, as reported
    std::unique_ptr<PostgresqlWorkListener> listener;  // outlives the scheduler, which stops it
    std::unique_ptr<WorkRunner> runner;
    std::unique_ptr<Scheduler> scheduler;
    std::thread thread;

    LoopUnderTest(Runtime& runtime, Store& store, const Clock& clock, std::chrono::milliseconds poll_interval) {
        runner = std::make_unique<WorkRunner>(runtime, store, clock, WorkOptions{.owner = "loop"});
        scheduler = std::make_unique<Scheduler>(
            io, blocking, *runner, store, clock, SchedulerOptions{poll_interval},
            [this](const Result<WorkReport, StoreError>& round) {
                if (!round) {
                    const std::scoped_lock lock(mutex);
                    failures.push_back(round.error().message);
                    return;
                }
                if (!reported.exchange(true)) first_work.set_value(*round);
                const std::scoped_lock lock(mutex);
                timers_fired += round->timers_fired;
                changed.notify_all();
            });
    }
    template <class Backend>
    LoopUnderTest(test::Engine<Backend>& engine, std::chrono::milliseconds poll_interval)
        : LoopUnderTest(engine.runtime, *engine.store, engine.clock, poll_interval) {}

    void start() {
        scheduler->start();
        thread = std::thread([this] { io.run(); });
    }
    // True once `count` timers have fired, false if they did not within `generous`.
    bool fired(std::size_t count) {
        std::unique_lock lock(mutex);
        return changed.wait_for(lock, generous, [&] { return timers_fired >= count; });
    }
    ~LoopUnderTest() {
        scheduler->stop();
        io.stop();
        if (thread.joinable()) thread.join();
        blocking.join();
    }
};

}  // namespace

TEMPLATE_TEST_CASE("the scheduler fires a timer that is due", "[runtime][scheduler]", SqliteBackend,
                   PostgresqlBackend) {
    test::Engine<TestType> engine;
    const std::string id = engine.seminar("Tọa đàm");
    engine.apply(id, organiser_event("plan", plan_payload()));
    engine.clock.set(*parse_rfc3339("2026-08-22T07:00:00Z"));  // the not_ready_warning is due
    LoopUnderTest loop(engine, std::chrono::milliseconds(50));
    auto reported = loop.first_work.get_future();
    loop.start();
    REQUIRE(reported.wait_for(generous) == std::future_status::ready);
    CHECK(reported.get().timers_fired == 1);
    CHECK(engine.events_named(id, "not_ready") == 1);
}

TEMPLATE_TEST_CASE("a round that throws is reported and the next round fires the timer", "[runtime][scheduler]",
                   SqliteBackend) {
    test::Engine<TestType> engine;
    const std::string id = engine.seminar("Tọa đàm");
    engine.apply(id, organiser_event("plan", plan_payload()));
    engine.clock.set(*parse_rfc3339("2026-08-22T07:00:00Z"));  // the not_ready_warning is due
    // The runner's first look at the clock throws: that round fails, and the loop must go on.
    test::ClockThatThrowsOnce clock(engine.clock);
    LoopUnderTest loop(engine.runtime, *engine.store, clock, std::chrono::milliseconds(50));
    loop.start();
    REQUIRE(loop.fired(1));
    CHECK(engine.events_named(id, "not_ready") == 1);
    const std::scoped_lock lock(loop.mutex);
    REQUIRE(loop.failures.size() == 1);
    CHECK(loop.failures.front() == "a round of timers and signals failed unexpectedly: the clock could not be read");
}

TEMPLATE_TEST_CASE("wake() makes the scheduler look at once instead of at its next poll", "[runtime][scheduler]",
                   SqliteBackend, PostgresqlBackend) {
    test::Engine<TestType> engine;
    const std::string seminar = engine.seminar("Tọa đàm");
    engine.apply(seminar, organiser_event("plan", plan_payload()));
    auto invited = engine.runtime.apply(seminar, organiser_event("invite", {{"units", boost::json::array{"CĐCS Sở Tư pháp"}},
                                                                            {"contributions_due", "2026-08-18T10:00:00Z"}}));
    REQUIRE(invited.ok());
    // A poll interval far longer than the test may take: only wake() can explain a delivery.
    LoopUnderTest loop(engine, std::chrono::hours(1));
    auto reported = loop.first_work.get_future();
    loop.start();
    engine.apply(invited->spawned.front().id,
                 Event{"submit",
                       {{"title", "Tham luận"}, {"abstract", "Tóm tắt"}, {"document_url", "https://example.org/t.pdf"}},
                       Actor{"cdcs", Role::member}});
    loop.scheduler->wake();
    REQUIRE(reported.wait_for(generous) == std::future_status::ready);
    CHECK(reported.get().signals_delivered == 1);
    CHECK(engine.load(seminar).state == "collecting");
}

TEMPLATE_TEST_CASE("a sleeping node fires at once a timer that another node committed", "[runtime][scheduler][notify]",
                   PostgresqlBackend) {
    // Node A plans seminars three days before they start: each one's not_ready_warning (three
    // days before) is due as soon as it is committed.
    test::Engine<TestType> engine(*parse_rfc3339("2026-08-23T00:00:00Z"));
    const std::string first = engine.seminar("Tọa đàm lần thứ nhất");
    engine.apply(first, organiser_event("plan", plan_payload()));

    // Node B: its own store, and a poll interval far longer than the test may take.
    std::promise<void> listening;
    auto node_b = engine.node();
    LoopUnderTest loop(node_b->runtime, *node_b->store, engine.clock, std::chrono::hours(1));
    loop.listener = std::make_unique<PostgresqlWorkListener>(
        loop.io, loop.blocking, engine.database.url(), WorkListenerOptions{},
        [&listening, once = std::make_shared<std::once_flag>()](const WorkListenerStatus& status) {
            if (status.listening) std::call_once(*once, [&] { listening.set_value(); });
        });
    loop.scheduler->wake_on(*loop.listener);
    loop.start();
    // B fired the first seminar's warning and has nothing due for an hour: it sleeps, listening.
    REQUIRE(loop.fired(1));
    REQUIRE(listening.get_future().wait_for(generous) == std::future_status::ready);

    const std::string second = engine.seminar("Tọa đàm lần thứ hai");
    engine.apply(second, organiser_event("plan", plan_payload()));
    REQUIRE(loop.fired(2));  // only A's notification can explain it within the hour
    CHECK(engine.events_named(second, "not_ready") == 1);
    CHECK(engine.events_named(first, "not_ready") == 1);
}
