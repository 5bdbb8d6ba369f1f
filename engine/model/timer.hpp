#pragma once
// A durable timer: one per (instance, name), where the name is the definition's. Scheduling a
// timer that exists moves it; firing it sends `event` to the instance as the `system` actor.
#include <string>

#include "engine/model/time.hpp"

namespace seminarflow {

struct TimerRef {
    std::string instance_id;
    std::string name;
};

struct Timer {
    std::string instance_id;
    std::string name;
    Time due{};
    std::string event;
};

}  // namespace seminarflow
