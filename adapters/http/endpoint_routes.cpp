#include "adapters/http/endpoint_routes.hpp"

#include <boost/json/serialize.hpp>

#include "adapters/channels/endpoint_admin.hpp"
#include "adapters/http/answer_response.hpp"
#include "adapters/http/api.hpp"
#include "adapters/http/endpoint_json.hpp"
#include "adapters/http/operator_answers.hpp"
#include "adapters/http/operator_parsing.hpp"
#include "adapters/http/problem.hpp"
#include "engine/runtime/uuid_source.hpp"

namespace seminarflow::http {
namespace {

constexpr std::string_view manage = "manage endpoints";

Response endpoint_not_found(std::string_view id) {
    return problem(404, "endpoint-not-found", "Endpoint not found", "there is no endpoint '" + std::string(id) + "'");
}

Response refused(const EndpointRefusal& refusal) {
    return problem(422, "invalid-body", "Invalid request body", "'" + refusal.field + "': " + refusal.message,
                   {{"field", refusal.field}});
}

Response json(unsigned status, boost::json::object body) { return json_response(status, boost::json::serialize(body)); }

// The one answer that shows the secret a webhook signs with: the one that made it. Only webhooks
// sign; the others have no secret to show (an email relay's password is never shown back).
boost::json::object with_secret(const Endpoint& endpoint) {
    boost::json::object body = endpoint_json(endpoint);
    if (endpoint.channel == "webhook" && !endpoint.secrets.empty()) body["secret"] = endpoint.secrets.front();
    return body;
}

Response list_endpoints(const ApiContext& context, const Request& request) {
    if (auto refusal = refuse_role(request, {Role::admin}, manage)) return std::move(*refusal);
    auto endpoints = context.store.list_endpoints();
    if (!endpoints) return store_unavailable(endpoints.error());
    boost::json::array items;
    for (const Endpoint& endpoint : *endpoints) items.push_back(endpoint_json(endpoint));
    // Endpoints are few (a committee's chat groups and integrations): one page holds them all.
    return json(200, {{"items", std::move(items)}, {"next_cursor", nullptr}});
}

Response add_endpoint(const ApiContext& context, const Request& request) {
    if (auto refusal = refuse_role(request, {Role::admin}, manage)) return std::move(*refusal);
    auto post = begin_post(context, request);
    if (!post) return std::move(post).error();
    auto parsed = parse_endpoint_request(request.body);
    if (!parsed) return finish_post(context, *post, std::move(parsed).error());
    UuidV7Source ids(clock_of(context));
    auto endpoint = make_endpoint(*parsed, post->at, ids, context.addresses);
    if (!endpoint) return finish_post(context, *post, refused(endpoint.error()));
    Response answer = json(201, with_secret(*endpoint));
    answer.headers.emplace_back("Location", "/v1/endpoints/" + endpoint->id);
    if (!post->key) {
        if (auto added = context.store.add_endpoint(*endpoint); !added) return store_unavailable(added.error());
        return answer;
    }
    // The endpoint and the answer that holds its secret, in one transaction: a client whose first
    // answer was lost gets the secret again by sending the same request with the same key.
    auto added = context.store.add_endpoint(*endpoint, record_of(*post->key, answer, post->at));
    if (!added) return store_unavailable(added.error());
    if (!*added) return kept_answer(context, *post->key);
    return answer;
}

Response get_endpoint(const ApiContext& context, const Request& request, std::string_view id) {
    if (auto refusal = refuse_role(request, {Role::admin}, manage)) return std::move(*refusal);
    auto endpoint = context.store.find_endpoint(id);
    if (!endpoint) return store_unavailable(endpoint.error());
    if (!*endpoint) return endpoint_not_found(id);
    return json(200, endpoint_json(**endpoint));
}

Response remove_endpoint(const ApiContext& context, const Request& request, std::string_view id) {
    if (auto refusal = refuse_role(request, {Role::admin}, manage)) return std::move(*refusal);
    auto removed = context.store.remove_endpoint(id);
    if (!removed) return store_unavailable(removed.error());
    if (!*removed) return endpoint_not_found(id);
    return Response{204, "application/json", "", {}};
}

// enable (no reason) or disable (a reason): the endpoint as it is after.
Response set_status(const ApiContext& context, const Request& request, std::string_view id, bool enable) {
    if (auto refusal = refuse_role(request, {Role::admin}, manage)) return std::move(*refusal);
    auto post = begin_post(context, request);
    if (!post) return std::move(post).error();
    std::optional<std::string> reason;
    if (enable) {
        auto body = parse_optional_member(request.body, "reason");  // none is taken: {} or no body
        if (!body) return finish_post(context, *post, std::move(body).error());
        if (*body) return finish_post(context, *post, refused({"reason", "enabling takes no reason"}));
    } else {
        auto body = parse_optional_member(request.body, "reason");
        if (!body) return finish_post(context, *post, std::move(body).error());
        reason = body->value_or("disabled by an operator");
    }
    auto changed = context.store.set_endpoint_status(id, reason, post->at);
    if (!changed) return store_unavailable(changed.error());
    if (!*changed) return finish_post(context, *post, endpoint_not_found(id));
    auto endpoint = context.store.find_endpoint(id);
    if (!endpoint) return store_unavailable(endpoint.error());
    if (!*endpoint) return finish_post(context, *post, endpoint_not_found(id));
    return finish_post(context, *post, json(200, endpoint_json(**endpoint)));
}

Response rotate_secret(const ApiContext& context, const Request& request, std::string_view id) {
    if (auto refusal = refuse_role(request, {Role::admin}, manage)) return std::move(*refusal);
    auto post = begin_post(context, request);
    if (!post) return std::move(post).error();
    auto given = parse_optional_member(request.body, "secret");
    if (!given) return finish_post(context, *post, std::move(given).error());
    auto endpoint = context.store.find_endpoint(id);
    if (!endpoint) return store_unavailable(endpoint.error());
    if (!*endpoint) return finish_post(context, *post, endpoint_not_found(id));
    auto secrets = rotated_secrets(**endpoint, *given);
    if (!secrets) return finish_post(context, *post, refused(secrets.error()));
    auto changed = context.store.set_endpoint_secrets(id, *secrets, post->at);
    if (!changed) return store_unavailable(changed.error());
    if (!*changed) return finish_post(context, *post, endpoint_not_found(id));
    (*endpoint)->secrets = *secrets;
    (*endpoint)->updated_at = post->at;
    return finish_post(context, *post, json(200, with_secret(**endpoint)));
}

}  // namespace

void add_endpoint_routes(Router& router, const ApiContext& context) {
    const ApiContext* c = &context;
    router.add({"GET", "/v1/endpoints", Blocking::reads,
                [c](const Request& request, const PathParams&) { return list_endpoints(*c, request); }});
    router.add({"POST", "/v1/endpoints", Blocking::commits,
                [c](const Request& request, const PathParams&) { return add_endpoint(*c, request); }});
    router.add({"GET", "/v1/endpoints/{id}", Blocking::reads, [c](const Request& request, const PathParams& params) {
                    return get_endpoint(*c, request, param(params, "id"));
                }});
    router.add({"DELETE", "/v1/endpoints/{id}", Blocking::commits, [c](const Request& request, const PathParams& params) {
                    return remove_endpoint(*c, request, param(params, "id"));
                }});
    router.add({"POST", "/v1/endpoints/{id}/enable", Blocking::commits,
                [c](const Request& request, const PathParams& params) {
                    return set_status(*c, request, param(params, "id"), true);
                }});
    router.add({"POST", "/v1/endpoints/{id}/disable", Blocking::commits,
                [c](const Request& request, const PathParams& params) {
                    return set_status(*c, request, param(params, "id"), false);
                }});
    router.add({"POST", "/v1/endpoints/{id}/secret/rotate", Blocking::commits,
                [c](const Request& request, const PathParams& params) {
                    return rotate_secret(*c, request, param(params, "id"));
                }});
}

}  // namespace seminarflow::http
