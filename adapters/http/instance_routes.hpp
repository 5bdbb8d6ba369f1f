#pragma once
// The instance routes: create, read, list, history, events (DESIGN.md, "HTTP API").
#include "adapters/http/router.hpp"

namespace seminarflow::http {

struct ApiContext;

// Adds them to `router`; the handlers keep a reference to `context`.
void add_instance_routes(Router& router, const ApiContext& context);

}  // namespace seminarflow::http
