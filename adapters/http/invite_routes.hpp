#pragma once
// POST /v1/instances/{id}/participants/invite: every unit under a unit of the directory (of a
// kind, to a depth) made a participant of the instance in one call and one transaction, e.g.
// "all grassroots unions of this district" as contributors. Admins and organisers may.
#include "adapters/http/router.hpp"

namespace seminarflow::http {

struct ApiContext;

void add_invite_routes(Router& router, const ApiContext& context);

}  // namespace seminarflow::http
