#pragma once
// Keeps the engine's own work moving: runs the WorkRunner on the store's threads, again at once
// while there is more, otherwise sleeps until the next timer is due (at most `poll_interval`, the
// fallback that notices work other nodes created), or until it is woken: by wake(), or by what a
// WorkNotifications hears (other nodes' commits, on PostgreSQL). Asio stays in scheduler.cpp.
#include <chrono>
#include <functional>
#include <memory>

#include "engine/ports/work_notifications.hpp"
#include "engine/runtime/work_runner.hpp"

namespace boost::asio {
class io_context;
class thread_pool;
}  // namespace boost::asio

namespace seminarflow {

struct SchedulerOptions {
    std::chrono::milliseconds poll_interval{1000};
};

class Scheduler {
public:
    using ReportSink = std::function<void(const Result<WorkReport, StoreError>&)>;

    // `on_round` hears about every round that did something or failed (for logs and metrics).
    Scheduler(boost::asio::io_context& io, boost::asio::thread_pool& blocking, WorkRunner& runner, Store& store,
              const Clock& clock, SchedulerOptions options, ReportSink on_round);
    ~Scheduler();
    Scheduler(const Scheduler&) = delete;
    Scheduler& operator=(const Scheduler&) = delete;

    // Wakes whenever `notifications` hears of work, from start() to stop(), which start and stop
    // it. Call before start(); `notifications` must outlive this scheduler.
    void wake_on(WorkNotifications& notifications);

    void start();
    // Ends the loop after the round in progress; leases it holds run out for other nodes.
    void stop();
    // Work was just created here (a commit with signals): look now rather than at the next poll.
    void wake();

private:
    struct Impl;
    std::shared_ptr<Impl> impl_;
    WorkNotifications* notifications_ = nullptr;
};

}  // namespace seminarflow
