// The scheduler's loop on a real io_context and thread pool, over SQLite. Its rounds are the
// WorkRunner's (tested on both backends in work_runner_test.cpp); here: that the loop runs them
// when work is due, and wakes at once when told. The test waits on what the loop reports, never
// on a sleep.
#include <catch2/catch.hpp>

#include <boost/asio/io_context.hpp>
#include <boost/asio/thread_pool.hpp>
#include <future>
#include <thread>

#include "engine/runtime/scheduler.hpp"
#include "tests/runtime/engine_fixture.hpp"
#include "tests/store/backends.hpp"

using namespace seminarflow;
using test::organiser_event;
using test::plan_payload;

namespace {

// Runs the loop until the first round that did something, and returns its report.
struct LoopUnderTest {
    boost::asio::io_context io;
    boost::asio::thread_pool blocking{2};
    std::promise<WorkReport> first_work;
    std::atomic<bool> reported{false};
    std::unique_ptr<WorkRunner> runner;
    std::unique_ptr<Scheduler> scheduler;
    std::thread thread;

    template <class Backend>
    LoopUnderTest(test::Engine<Backend>& engine, std::chrono::milliseconds poll_interval) {
        runner = std::make_unique<WorkRunner>(engine.runtime, *engine.store, engine.clock, WorkOptions{.owner = "loop"});
        scheduler = std::make_unique<Scheduler>(
            io, blocking, *runner, *engine.store, engine.clock, SchedulerOptions{poll_interval},
            [this](const Result<WorkReport, StoreError>& round) {
                if (round && !reported.exchange(true)) first_work.set_value(*round);
            });
    }
    void start() {
        scheduler->start();
        thread = std::thread([this] { io.run(); });
    }
    ~LoopUnderTest() {
        scheduler->stop();
        io.stop();
        if (thread.joinable()) thread.join();
        blocking.join();
    }
};

}  // namespace

TEST_CASE("the scheduler fires a timer that is due", "[runtime][scheduler]") {
    test::Engine<test::SqliteBackend> engine;
    const std::string id = engine.seminar("Tọa đàm");
    engine.apply(id, organiser_event("plan", plan_payload()));
    engine.clock.set(*parse_rfc3339("2026-08-22T07:00:00Z"));  // the not_ready_warning is due
    LoopUnderTest loop(engine, std::chrono::milliseconds(50));
    auto reported = loop.first_work.get_future();
    loop.start();
    REQUIRE(reported.wait_for(std::chrono::seconds(30)) == std::future_status::ready);
    CHECK(reported.get().timers_fired == 1);
    CHECK(engine.events_named(id, "not_ready") == 1);
}

TEST_CASE("wake() makes the scheduler look at once instead of at its next poll", "[runtime][scheduler]") {
    test::Engine<test::SqliteBackend> engine;
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
    REQUIRE(reported.wait_for(std::chrono::seconds(30)) == std::future_status::ready);
    CHECK(reported.get().signals_delivered == 1);
    CHECK(engine.load(seminar).state == "collecting");
}
