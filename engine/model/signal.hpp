#pragma once
// An event for another instance (a child telling its parent), recorded in the sender's
// transaction and decided afterwards, at least once; its id makes it take effect once.
#include <string>

#include "engine/model/event.hpp"
#include "engine/model/time.hpp"

namespace seminarflow {

struct PendingSignal {
    std::string id;  // a UUID
    std::string target_instance_id;
    Event event;
    Time created_at{};
};

}  // namespace seminarflow
