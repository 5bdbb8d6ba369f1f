#pragma once
// The HTTP API's routes (DESIGN.md, "HTTP API"), as a Router of plain handlers.
#include <string>

#include "adapters/http/actor.hpp"
#include "adapters/http/router.hpp"
#include "adapters/metrics/metrics.hpp"
#include "engine/definition/catalogue.hpp"
#include "engine/ports/store.hpp"
#include "engine/runtime/runtime.hpp"

namespace seminarflow::http {

struct ApiContext {
    const Catalogue& catalogue;
    Store& store;
    Runtime& runtime;     // events and creations go through it, never straight to the store
    std::string version;  // the server's, for the index document
    // Who a request speaks for; see actor.hpp for why it is one replaceable function.
    ActorResolver actor = anonymous_admin();
    // What GET /metrics shows; without one, an empty page.
    const metrics::Registry* metrics = nullptr;
};

// The router keeps references into `context`, which must outlive it.
Router make_api_router(const ApiContext& context);

}  // namespace seminarflow::http
