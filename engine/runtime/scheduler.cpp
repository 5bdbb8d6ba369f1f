#include "engine/runtime/scheduler.hpp"

#include <atomic>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "engine/runtime/loop_step.hpp"

namespace seminarflow {

namespace asio = boost::asio;

namespace {
constexpr std::chrono::milliseconds idle_floor{50};
}  // namespace

struct Scheduler::Impl : std::enable_shared_from_this<Scheduler::Impl> {
    Impl(asio::io_context& io, asio::thread_pool& pool, WorkRunner& work, Store& work_store, const Clock& time,
         SchedulerOptions scheduler_options, ReportSink sink)
        : strand(asio::make_strand(io)), blocking(pool), runner(work), store(work_store), clock(time),
          options(scheduler_options), on_round(std::move(sink)), sleep(strand) {}

    asio::strand<asio::io_context::executor_type> strand;
    asio::thread_pool& blocking;
    WorkRunner& runner;
    Store& store;
    const Clock& clock;
    SchedulerOptions options;
    ReportSink on_round;
    asio::steady_timer sleep;
    std::atomic<bool> stopping{false};
    // Set by wake(): work arrived while a round was running, after it had claimed; look again
    // instead of sleeping.
    std::atomic<bool> woken{false};

    // How long to sleep: until the next timer is due, but no longer than the poll interval.
    std::chrono::milliseconds pause() const {
        auto next = loop_step("reading the next due timer", [&] { return store.next_timer_due(); });
        if (!next || !*next) return options.poll_interval;
        const auto until = std::chrono::duration_cast<std::chrono::milliseconds>(**next - clock.now());
        return std::clamp(until, std::chrono::milliseconds(0), options.poll_interval);
    }

    // What a round on the store's threads brings back (default-constructible, as co_spawn wants).
    struct Round {
        std::optional<Result<WorkReport, StoreError>> report;
        std::chrono::milliseconds wait{0};
    };

    asio::awaitable<void> loop() {
        auto self = shared_from_this();
        while (!stopping) {
            // The round and the look at the next due time block on the database: run them on the
            // store's threads, and come back to this strand to sleep.
            Round done = co_await asio::co_spawn(
                blocking,
                [this]() -> asio::awaitable<Round> {
                    Round result{loop_step("a round of timers and signals", [&] { return runner.run_once(); }),
                                 std::chrono::milliseconds(0)};
                    if (!*result.report || (*result.report)->drained) result.wait = pause();
                    co_return result;
                },
                asio::use_awaitable);
            const auto& round = *done.report;
            std::chrono::milliseconds wait = done.wait;
            // A due timer leased by another node counts as next due, yet cannot be claimed: after
            // a round that found nothing, do not look again at once, or the loop would spin.
            if (round && round->handled() == 0) wait = std::max(wait, std::min(idle_floor, options.poll_interval));
            if (!round || round->handled() > 0 || !round->failures.empty()) on_round(round);
            if (stopping) break;
            if (woken.exchange(false) || wait.count() == 0) continue;
            sleep.expires_after(wait);
            co_await sleep.async_wait(asio::as_tuple(asio::use_awaitable));  // cancelled by wake() or stop()
        }
    }

    void wake() {
        woken = true;
        asio::post(strand, [self = shared_from_this()] { self->sleep.cancel(); });
    }
};

Scheduler::Scheduler(asio::io_context& io, asio::thread_pool& blocking, WorkRunner& runner, Store& store,
                     const Clock& clock, SchedulerOptions options, ReportSink on_round)
    : impl_(std::make_shared<Impl>(io, blocking, runner, store, clock, options, std::move(on_round))) {}

Scheduler::~Scheduler() { stop(); }

void Scheduler::wake_on(WorkNotifications& notifications) { notifications_ = &notifications; }

void Scheduler::start() {
    asio::co_spawn(impl_->strand, impl_->loop(), asio::detached);
    // The callback shares the loop's state, so a late notification finds it alive.
    if (notifications_ != nullptr) notifications_->start([impl = impl_] { impl->wake(); });
}

void Scheduler::stop() {
    if (notifications_ != nullptr) notifications_->stop();
    impl_->stopping = true;
    wake();
}

void Scheduler::wake() { impl_->wake(); }

}  // namespace seminarflow
