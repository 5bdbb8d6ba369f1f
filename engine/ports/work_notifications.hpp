#pragma once
// Hearing that scheduling work may be waiting: another node (or this one) committed timers or
// signals. Without it a node that sleeps notices them at its next poll; with it, at once.
// A hint, never a guarantee: a notification may be lost (a dropped connection) or spurious, so
// whoever listens still polls, and a wake finds the work by claiming it from the store.
// The PostgreSQL adapter implements it with LISTEN/NOTIFY (adapters/store); SQLite runs one node
// and needs none.
#include <functional>

namespace seminarflow {

class WorkNotifications {
public:
    using OnWork = std::function<void()>;

    virtual ~WorkNotifications() = default;
    // From now until stop(), calls `on_work` when work may be waiting. It is called from an I/O
    // thread, never two at once, and must not block; a burst of commits may come as one call.
    virtual void start(OnWork on_work) = 0;
    // Stops listening; safe to call more than once, from any thread. A call of `on_work` already
    // under way may still finish, so `on_work` should own (or share) what it touches.
    virtual void stop() = 0;
};

}  // namespace seminarflow
