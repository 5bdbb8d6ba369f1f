#pragma once
// The exports a committee opens in its own programs (engine/exports): GET
// /v1/instances/{id}/calendar.ics, participants.csv, rewards.csv, minutes.md and minutes.html.
// Thin: each reads the instance, its children and participants, and hands them to a pure
// renderer. Read like the other GETs (any valid token; a viewer's too).
#include "adapters/http/router.hpp"

namespace seminarflow::http {

struct ApiContext;

void add_export_routes(Router& router, const ApiContext& context);

}  // namespace seminarflow::http
