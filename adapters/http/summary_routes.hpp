#pragma once
// GET /v1/instances/{id}/summary: what a seminar, contest or programme came to, as the store
// counted it (engine/ports/instance_summary.hpp), in JSON.
#include <boost/json/object.hpp>

#include "adapters/http/router.hpp"
#include "engine/ports/instance_summary.hpp"

namespace seminarflow::http {

struct ApiContext;

// The summary's JSON: plain, so that the demo and tests read the numbers the API shows.
boost::json::object summary_json(const InstanceSummary& summary);

// Adds the route to `router`; the handler keeps a reference to `context`.
void add_summary_routes(Router& router, const ApiContext& context);

}  // namespace seminarflow::http
