#pragma once
// The HTTP API's routes (DESIGN.md, "HTTP API"), as a Router of plain handlers.
#include <string>

#include "adapters/http/router.hpp"
#include "engine/definition/catalogue.hpp"
#include "engine/ports/store.hpp"

namespace seminarflow::http {

struct ApiContext {
    const Catalogue& catalogue;
    Store& store;
    std::string version;  // the server's, for the index document
};

// The router keeps references into `context`, which must outlive it.
Router make_api_router(const ApiContext& context);

}  // namespace seminarflow::http
