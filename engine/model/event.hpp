#pragma once
#include <boost/json/object.hpp>
#include <string>

#include "engine/model/role.hpp"

namespace seminarflow {

struct Actor {
    std::string id;  // the API token's id, or "timer:<name>" / "child:<id>" for the engine
    Role role = Role::viewer;
};

struct Event {
    std::string type;
    boost::json::object payload;
    Actor actor;
};

}  // namespace seminarflow
