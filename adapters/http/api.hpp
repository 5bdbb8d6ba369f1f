#pragma once
// The HTTP API's routes (DESIGN.md, "HTTP API"), as a Router of plain handlers.
#include <string>

#include "adapters/channels/http/address_policy.hpp"
#include "adapters/http/actor.hpp"
#include "adapters/http/router.hpp"
#include "adapters/metrics/metrics.hpp"
#include "engine/definition/catalogue.hpp"
#include "engine/ports/instance_reader.hpp"
#include "engine/ports/store.hpp"
#include "engine/runtime/runtime.hpp"

namespace seminarflow::http {

struct ApiContext {
    const Catalogue& catalogue;
    Store& store;
    Runtime& runtime;     // events and creations go through it, never straight to the store
    std::string version;  // the server's, for the index document
    // Who a request to a route that needs a token speaks for: the bearer tokens
    // (token_authenticator.hpp). Required: there is no caller without one.
    ActorResolver actor;
    // What GET /metrics shows; without one, an empty page.
    const metrics::Registry* metrics = nullptr;
    // What "now" is for what the API writes beside the runtime (participants' times): the
    // runtime's clock. Without one, the system's.
    const Clock* clock = nullptr;
    // Where endpoints may point (channels.allow_cidrs): a URL whose host is a refused address is
    // refused when the endpoint is added. By default every special address is.
    channels::AddressPolicy addresses = {};
    // What GET /v1/instances/{id} reads through, answering later (instance_reader.hpp).
    // Required.
    InstanceReader* instances = nullptr;
    // The actor resolver's answer when it needs no store (a token checked lately): with it, the
    // gate of a route that answers later runs on the I/O thread. Optional.
    ActorResolverAtOnce actor_at_once = {};
};

// The context's clock, or the system's when it has none.
const Clock& clock_of(const ApiContext& context);

// The router keeps references into `context`, which must outlive it. Every route but /healthz
// and /readyz needs a token. Throws std::logic_error if `context` has no actor resolver or no
// instance reader.
Router make_api_router(const ApiContext& context);

}  // namespace seminarflow::http
