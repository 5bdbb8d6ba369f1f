#pragma once
// How workflow definitions look on the wire (GET /v1/workflows[/{name}]).
#include <boost/json/object.hpp>

#include "engine/model/definition.hpp"

namespace seminarflow::http {

boost::json::object workflow_summary_json(const Definition& definition);
boost::json::object workflow_json(const Definition& definition);
// One event of a state's `events` list: the event, its target, who may send it, its payload's
// fields and its guard. GET /v1/instances/{id}/actions offers events in this shape too.
boost::json::object transition_json(const Definition& definition, const State& state, const Transition& transition);

}  // namespace seminarflow::http
