#pragma once
// The participant routes: GET and POST /v1/instances/{id}/participants (DESIGN.md, "HTTP API").
// POST adds a participant or changes the one with the same kind, ref and role; admins and
// organisers may, and a member token may answer (rsvp) for a unit it acts for.
#include "adapters/http/router.hpp"

namespace seminarflow::http {

struct ApiContext;

// Adds them to `router`; the handlers keep a reference to `context`.
void add_participant_routes(Router& router, const ApiContext& context);

}  // namespace seminarflow::http
