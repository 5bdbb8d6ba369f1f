#pragma once
// What a decision asks the runtime to do, as data. The runtime carries them out in the same
// transaction as the state change (outbox rows, timer rows, child instances, parent events).
#include <boost/json/object.hpp>
#include <string>
#include <variant>
#include <vector>

#include "engine/model/time.hpp"

namespace seminarflow {

struct Notify {
    std::string template_name;
    std::vector<std::string> audience;  // participant roles; empty: every participant
};

// Upsert: scheduling a timer that exists moves it (a postponed seminar moves its reminders).
struct ScheduleTimer {
    std::string name;
    Time due;
    std::string event;
};

struct CancelTimer {
    std::string name;
};

struct SpawnChild {
    std::string workflow;
    boost::json::object data;
};

struct SignalParent {
    std::string event;
    boost::json::object payload;
};

using Effect = std::variant<Notify, ScheduleTimer, CancelTimer, SpawnChild, SignalParent>;

}  // namespace seminarflow
