#include "adapters/http/caller_routes.hpp"

#include <boost/json/serialize.hpp>

#include "adapters/http/answer_response.hpp"
#include "adapters/http/api.hpp"
#include "adapters/http/bearer_token.hpp"
#include "adapters/http/problem.hpp"
#include "adapters/http/workflow_json.hpp"
#include "engine/interpreter/sendable_events.hpp"

namespace seminarflow::http {
namespace {

// The gate admitted the request by this token (router.hpp), so it is well formed and in force;
// the store is asked again only for what the actor does not carry: its name and units.
Response get_me(const ApiContext& context, const Request& request) {
    const Actor& actor = request.actor.value();
    const auto credentials = bearer_credentials(request.header("authorization"));
    auto found = context.store.find_token(token_hash(credentials.value_or("")));
    if (!found) return store_unavailable(found.error());
    boost::json::object body{{"id", actor.id}, {"role", role_name(actor.role)}, {"name", nullptr}, {"units", boost::json::array{}}};
    // Tokens are revoked, never deleted, so it is there; a token revoked since the gate's cache
    // admitted it still answers, as the request itself was admitted.
    if (*found) {
        body["name"] = (*found)->name;
        body["units"] = boost::json::array((*found)->units.begin(), (*found)->units.end());
    }
    return json_response(200, boost::json::serialize(body));
}

Response get_actions(const ApiContext& context, const Request& request, std::string_view id) {
    auto loaded = context.store.load_instance(id);
    if (!loaded) return store_unavailable(loaded.error());
    if (!*loaded) return instance_not_found(id);
    const Instance& instance = **loaded;
    const Definition* definition = context.catalogue.find(instance.workflow, instance.definition_version);
    const State* state = definition ? definition->find_state(instance.state) : nullptr;
    if (!state) {
        return problem(500, "definition-not-loaded", "Definition not loaded",
                       "this server has not loaded " + instance.workflow + " v" +
                           std::to_string(instance.definition_version) + " with a state '" + instance.state + "'");
    }
    boost::json::array items;
    const Role role = request.actor.value().role;
    if (may_write(role)) {
        for (const Transition* transition : offered_transitions(*state, role)) {
            items.push_back(transition_json(*definition, *state, *transition));
        }
    }
    return json_response(200, boost::json::serialize(boost::json::object{
                                  {"instance", instance.id}, {"state", instance.state}, {"items", std::move(items)}}));
}

}  // namespace

void add_caller_routes(Router& router, const ApiContext& context) {
    const ApiContext* c = &context;
    router.add({"GET", "/v1/me", Blocking::reads, [c](const Request& request, const PathParams&) { return get_me(*c, request); }});
    router.add({"GET", "/v1/instances/{id}/actions", Blocking::reads,
                [c](const Request& request, const PathParams& params) {
                    return get_actions(*c, request, param(params, "id"));
                }});
}

}  // namespace seminarflow::http
