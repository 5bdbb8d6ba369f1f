#pragma once
// The engine never reads the system clock itself: time is a port, so tests and the
// interpreter's callers decide what "now" is.
#include "engine/model/time.hpp"

namespace seminarflow {

class Clock {
public:
    virtual ~Clock() = default;
    virtual Time now() const = 0;
};

class SystemClock final : public Clock {
public:
    Time now() const override;
};

}  // namespace seminarflow
