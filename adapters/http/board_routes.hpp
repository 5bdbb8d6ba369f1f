#pragma once
// GET /v1/board?workflow=&cursor=&limit=: the committee's events (seminars, contests and
// programmes) a page at a time, each with its stage, whether that stage is final, and what is
// late about it (engine/board/lateness.hpp): what the dashboard draws its columns from.
#include "adapters/http/router.hpp"

namespace seminarflow::http {

struct ApiContext;

// Adds the route to `router`; the handler keeps a reference to `context`.
void add_board_routes(Router& router, const ApiContext& context);

}  // namespace seminarflow::http
