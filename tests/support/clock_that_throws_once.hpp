#pragma once
// A clock whose first reading throws, and which then reads another clock: how a test makes one
// step of a background loop (the scheduler's, the dispatcher's) throw, to see that the loop goes on.
#include <atomic>
#include <stdexcept>

#include "engine/ports/clock.hpp"

namespace seminarflow::test {

class ClockThatThrowsOnce final : public Clock {
public:
    explicit ClockThatThrowsOnce(const Clock& then) : then_(then) {}
    Time now() const override {
        if (!thrown_.exchange(true)) throw std::runtime_error("the clock could not be read");
        return then_.now();
    }

private:
    const Clock& then_;
    mutable std::atomic<bool> thrown_{false};
};

}  // namespace seminarflow::test
