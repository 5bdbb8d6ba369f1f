#pragma once
// What the caller is and may do, for a client that offers only what will be taken (the
// dashboard): GET /v1/me, the token's name, role and units; GET /v1/instances/{id}/actions, the
// events its role may send to the instance in its current state.
#include "adapters/http/router.hpp"

namespace seminarflow::http {

struct ApiContext;

// Adds the routes to `router`; the handlers keep a reference to `context`.
void add_caller_routes(Router& router, const ApiContext& context);

}  // namespace seminarflow::http
