#include "adapters/http/operations_routes.hpp"

#include <stdexcept>

#include "adapters/http/api.hpp"
#include "adapters/metrics/exposition.hpp"
#include "embedded/seminarflow_openapi.hpp"

namespace seminarflow::http {

std::string_view openapi_document() {
    for (const auto& file : openapi_files::files()) {
        if (file.name == "openapi.json") return file.content;
    }
    throw std::logic_error("openapi.json is not compiled in");  // the build embeds it: a bug
}

void add_operations_routes(Router& router, const ApiContext& context) {
    const ApiContext* c = &context;
    // Rendering reads atomics and takes short locks only: fine on an I/O thread.
    router.add({"GET", "/metrics", Blocking::no, [c](const Request&, const PathParams&) {
                    return text_response(200, std::string(metrics::content_type),
                                         c->metrics != nullptr ? c->metrics->render() : std::string());
                }});
    router.add({"GET", "/v1/openapi.json", Blocking::no, [](const Request&, const PathParams&) {
                    return json_response(200, std::string(openapi_document()));
                }});
}

}  // namespace seminarflow::http
