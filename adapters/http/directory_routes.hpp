#pragma once
// The organisation's directory over HTTP: GET|POST /v1/units, GET /v1/units/{ref} (with its
// children and people), PATCH|DELETE /v1/units/{ref}, GET /v1/units/{ref}/units (its
// descendants), GET|POST /v1/people and GET|PATCH|DELETE /v1/people/{ref}. Admins and organisers
// write (an Idempotency-Key keeps their answers, as on the operators' POSTs); every token reads.
#include "adapters/http/router.hpp"

namespace seminarflow::http {

struct ApiContext;

// Adds them to `router`; the handlers keep a reference to `context`.
void add_directory_routes(Router& router, const ApiContext& context);

}  // namespace seminarflow::http
