#pragma once
// The endpoint routes: where notifications are sent (DESIGN.md, "HTTP API"), for admin tokens
// only, as an endpoint's URL and what it receives are the deployment's business:
//   GET    /v1/endpoints                       every endpoint, by creation, never a secret
//   POST   /v1/endpoints                       201, the endpoint and its signing secret, once
//   GET    /v1/endpoints/{id}                  DELETE /v1/endpoints/{id} (204, with its deliveries)
//   POST   /v1/endpoints/{id}/enable           POST /v1/endpoints/{id}/disable {"reason"?}
//   POST   /v1/endpoints/{id}/secret/rotate    {"secret"?}: the new secret, once; the previous
//                                              one keeps signing beside it until the next rotation
#include "adapters/http/router.hpp"

namespace seminarflow::http {

struct ApiContext;

// Adds them to `router`; the handlers keep a reference to `context`.
void add_endpoint_routes(Router& router, const ApiContext& context);

}  // namespace seminarflow::http
