#pragma once
// How workflow definitions look on the wire (GET /v1/workflows[/{name}]).
#include <boost/json/object.hpp>

#include "engine/model/definition.hpp"

namespace seminarflow::http {

boost::json::object workflow_summary_json(const Definition& definition);
boost::json::object workflow_json(const Definition& definition);

}  // namespace seminarflow::http
