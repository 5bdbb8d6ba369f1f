#pragma once
// A clock the test sets: guards and timers read "now" from it, so a test says what time it is
// instead of waiting for it.
#include <atomic>

#include "engine/ports/clock.hpp"

namespace seminarflow::test {

class SettableClock final : public Clock {
public:
    explicit SettableClock(Time start) : now_(start.time_since_epoch().count()) {}
    Time now() const override { return Time{Duration{now_.load()}}; }
    void set(Time time) { now_ = time.time_since_epoch().count(); }

private:
    std::atomic<Duration::rep> now_;
};

}  // namespace seminarflow::test
