#pragma once
// The routes for whoever runs the server rather than uses it: /metrics (Prometheus' text format)
// and /v1/openapi.json (the API described, as adapters/http/openapi.json is compiled in).
#include <string_view>

#include "adapters/http/router.hpp"

namespace seminarflow::http {

struct ApiContext;

void add_operations_routes(Router& router, const ApiContext& context);

// The OpenAPI document as it is served: adapters/http/openapi.json, byte for byte.
std::string_view openapi_document();

}  // namespace seminarflow::http
