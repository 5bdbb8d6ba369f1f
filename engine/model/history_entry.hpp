#pragma once
// One accepted event in an instance's history (append-only). `seq` is the instance's version
// after the event: 1 for the creation, then one more per transition, with no gaps.
#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>

#include "engine/model/event.hpp"
#include "engine/model/time.hpp"

namespace seminarflow {

struct HistoryEntry {
    std::string instance_id;
    std::int64_t seq = 0;
    std::string event;  // the event type; "created" for the creation
    Actor actor;
    boost::json::object payload;
    std::optional<std::string> from;  // none for the creation
    std::string to;
    int definition_version = 0;
    Time at{};
};

}  // namespace seminarflow
