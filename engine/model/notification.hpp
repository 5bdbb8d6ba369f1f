#pragma once
// A notification waiting in the outbox, written in the transaction of the transition that caused
// it. Its id is stable across retries: receivers dedupe on it. Who exactly receives it (which
// endpoints, which participants) is resolved when it is delivered.
#include <boost/json/object.hpp>
#include <string>
#include <vector>

#include "engine/model/time.hpp"

namespace seminarflow {

struct Notification {
    std::string id;  // a UUID
    std::string instance_id;
    std::string template_name;
    std::vector<std::string> audience;  // participant roles; empty: every participant
    boost::json::object payload;        // what the message is rendered from: event, states, data
    Time created_at{};
};

}  // namespace seminarflow
