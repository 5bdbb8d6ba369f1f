#include "adapters/http/api.hpp"

#include <boost/json/serialize.hpp>
#include <stdexcept>

#include "adapters/http/board_routes.hpp"
#include "adapters/http/caller_routes.hpp"
#include "adapters/http/dashboard_routes.hpp"
#include "adapters/http/delivery_routes.hpp"
#include "adapters/http/directory_routes.hpp"
#include "adapters/http/endpoint_routes.hpp"
#include "adapters/http/export_routes.hpp"
#include "adapters/http/instance_routes.hpp"
#include "adapters/http/invite_routes.hpp"
#include "adapters/http/operations_routes.hpp"
#include "adapters/http/participant_routes.hpp"
#include "adapters/http/summary_routes.hpp"
#include "adapters/http/problem.hpp"
#include "adapters/http/workflow_json.hpp"
#include "engine/definition/diagram.hpp"

namespace seminarflow::http {
namespace {

Response index(const ApiContext& context) {
    const boost::json::object body{
        {"name", "seminarflow"},
        {"version", context.version},
        {"links",
         {{"workflows", "/v1/workflows"},
          {"instances", "/v1/instances"},
          {"units", "/v1/units"},
          {"people", "/v1/people"},
          {"endpoints", "/v1/endpoints"},
          {"deliveries", "/v1/deliveries"},
          {"openapi", "/v1/openapi.json"},
          {"health", "/healthz"},
          {"ready", "/readyz"},
          {"metrics", "/metrics"},
          {"dashboard", "/"}}},
    };
    return json_response(200, boost::json::serialize(body));
}

Response ready(const ApiContext& context) {
    auto status = context.store.schema_status();
    if (!status) {
        return problem(503, "not-ready", "Not ready", "the database cannot be reached: " + status.error().message);
    }
    if (!status->up_to_date()) {
        return problem(503, "not-ready", "Not ready",
                       "the database schema is at version " + std::to_string(status->current_version) + ", expected " +
                           std::to_string(status->latest_version) + ": run `seminarflow migrate`");
    }
    return json_response(200, boost::json::serialize(
                                  boost::json::object{{"status", "ready"}, {"schema_version", status->current_version}}));
}

Response list_workflows(const ApiContext& context) {
    boost::json::array items;
    for (const Definition* definition : context.catalogue.all()) items.push_back(workflow_summary_json(*definition));
    return json_response(200, boost::json::serialize(boost::json::object{{"items", std::move(items)}, {"next_cursor", nullptr}}));
}

Response unknown_workflow(std::string_view name) {
    return problem(404, "workflow-not-found", "Workflow not found", "there is no workflow '" + std::string(name) + "'");
}

Response get_workflow(const ApiContext& context, const PathParams& params) {
    const Definition* definition = context.catalogue.find(param(params, "name"));
    if (!definition) return unknown_workflow(param(params, "name"));
    return json_response(200, boost::json::serialize(workflow_json(*definition)));
}

Response get_diagram(const ApiContext& context, const Request& request, const PathParams& params) {
    const Definition* definition = context.catalogue.find(param(params, "name"));
    if (!definition) return unknown_workflow(param(params, "name"));
    const std::string_view format_name = request.query_value("format").empty() ? "mermaid" : request.query_value("format");
    const auto format = parse_diagram_format(format_name);
    if (!format) {
        return problem(400, "invalid-parameter", "Invalid parameter",
                       "format '" + std::string(format_name) + "' is not mermaid or dot", {{"field", "format"}});
    }
    const std::string_view highlight = request.query_value("highlight");
    if (!highlight.empty() && !definition->find_state(highlight)) {
        return problem(400, "invalid-parameter", "Invalid parameter",
                       definition->name + " has no state '" + std::string(highlight) + "'", {{"field", "highlight"}});
    }
    return text_response(200, *format == DiagramFormat::mermaid ? "text/plain; charset=utf-8" : "text/vnd.graphviz; charset=utf-8",
                         draw(*definition, *format, highlight));
}

}  // namespace

const Clock& clock_of(const ApiContext& context) {
    static const SystemClock system;
    return context.clock ? *context.clock : system;
}

Router make_api_router(const ApiContext& context) {
    if (!context.actor) throw std::logic_error("the API needs an actor resolver: without one no caller gets in");
    if (!context.instances) throw std::logic_error("the API needs an instance reader to answer GETs of instances");
    Router router;
    router.set_actor_resolver(context.actor, context.actor_at_once);
    const ApiContext* c = &context;
    router.add({"GET", "/v1", Blocking::no, [c](const Request&, const PathParams&) { return index(*c); }});
    add_dashboard_routes(router);
    // Open: load balancers and orchestrators probe them without a token.
    router.add({"GET", "/healthz", Blocking::no,
                [](const Request&, const PathParams&) { return json_response(200, R"({"status":"ok"})"); },
                Access::open});
    router.add({"GET", "/readyz", Blocking::reads, [c](const Request&, const PathParams&) { return ready(*c); },
                Access::open});
    router.add({"GET", "/v1/workflows", Blocking::no,
                [c](const Request&, const PathParams&) { return list_workflows(*c); }});
    router.add({"GET", "/v1/workflows/{name}", Blocking::no,
                [c](const Request&, const PathParams& params) { return get_workflow(*c, params); }});
    router.add({"GET", "/v1/workflows/{name}/diagram", Blocking::no,
                [c](const Request& request, const PathParams& params) { return get_diagram(*c, request, params); }});
    add_instance_routes(router, context);
    add_caller_routes(router, context);
    add_board_routes(router, context);
    add_participant_routes(router, context);
    add_summary_routes(router, context);
    add_export_routes(router, context);
    add_invite_routes(router, context);
    add_directory_routes(router, context);
    add_endpoint_routes(router, context);
    add_delivery_routes(router, context);
    add_operations_routes(router, context);
    return router;
}

}  // namespace seminarflow::http
