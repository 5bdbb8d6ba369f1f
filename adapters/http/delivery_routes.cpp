#include "adapters/http/delivery_routes.hpp"

#include <boost/json/serialize.hpp>

#include "adapters/http/answer_response.hpp"
#include "adapters/http/api.hpp"
#include "adapters/http/cursor.hpp"
#include "adapters/http/endpoint_json.hpp"
#include "adapters/http/operator_answers.hpp"
#include "adapters/http/operator_parsing.hpp"
#include "adapters/http/problem.hpp"

namespace seminarflow::http {
namespace {

constexpr std::string_view look = "see or retry deliveries";

Response delivery_not_found(std::string_view id) {
    return problem(404, "delivery-not-found", "Delivery not found", "there is no delivery '" + std::string(id) + "'");
}

Response json(unsigned status, boost::json::object body) { return json_response(status, boost::json::serialize(body)); }

// Whether endpoint `id` exists: a filter or a replay naming one that does not is a mistake to
// point out, not an empty answer.
Result<bool, Response> endpoint_exists(const ApiContext& context, const std::string& id) {
    auto endpoint = context.store.find_endpoint(id);
    if (!endpoint) return fail(store_unavailable(endpoint.error()));
    return endpoint->has_value();
}

Response list_deliveries(const ApiContext& context, const Request& request) {
    if (auto refusal = refuse_role(request, {Role::admin, Role::organiser}, look)) return std::move(*refusal);
    auto filter = parse_deliveries_query(request);
    if (!filter) return std::move(filter).error();
    if (filter->endpoint_id) {
        auto exists = endpoint_exists(context, *filter->endpoint_id);
        if (!exists) return std::move(exists).error();
        if (!*exists) {
            return problem(400, "invalid-parameter", "Invalid parameter",
                           "there is no endpoint '" + *filter->endpoint_id + "'", {{"field", "endpoint"}});
        }
    }
    const std::size_t limit = filter->limit;
    filter->limit = limit + 1;  // one more tells whether another page follows
    auto records = context.store.list_deliveries(*filter);
    if (!records) return store_unavailable(records.error());
    boost::json::value next = nullptr;
    if (records->size() > limit) {
        records->resize(limit);
        next = boost::json::value(encode_delivery_cursor({records->back().created_at, records->back().id}));
    }
    boost::json::array items;
    for (const DeliveryRecord& record : *records) items.push_back(delivery_json(record));
    return json(200, {{"items", std::move(items)}, {"next_cursor", std::move(next)}});
}

Response get_delivery(const ApiContext& context, const Request& request, std::string_view id) {
    if (auto refusal = refuse_role(request, {Role::admin, Role::organiser}, look)) return std::move(*refusal);
    auto record = context.store.find_delivery(id);
    if (!record) return store_unavailable(record.error());
    if (!*record) return delivery_not_found(id);
    auto attempts = context.store.list_attempts(id);
    if (!attempts) return store_unavailable(attempts.error());
    boost::json::object body = delivery_json(**record);
    boost::json::array tries;
    for (const DeliveryAttempt& attempt : *attempts) tries.push_back(attempt_json(attempt));
    body["attempt_log"] = std::move(tries);
    return json(200, std::move(body));
}

Response retry_delivery(const ApiContext& context, const Request& request, std::string_view id) {
    if (auto refusal = refuse_role(request, {Role::admin, Role::organiser}, look)) return std::move(*refusal);
    auto post = begin_post(context, request);
    if (!post) return std::move(post).error();
    auto retried = context.store.retry_delivery(id, post->at);
    if (!retried) return store_unavailable(retried.error());
    auto record = context.store.find_delivery(id);
    if (!record) return store_unavailable(record.error());
    if (!*record) return finish_post(context, *post, delivery_not_found(id));
    if (!*retried) {
        return finish_post(context, *post,
                           problem(409, "delivery-not-retryable", "Delivery not retryable",
                                   "delivery '" + std::string(id) + "' is " + std::string(to_string((*record)->status)) +
                                       ": only a failed or dead delivery is sent again",
                                   {{"status", to_string((*record)->status)}}));
    }
    return finish_post(context, *post, json(202, delivery_json(**record)));
}

Response replay(const ApiContext& context, const Request& request) {
    if (auto refusal = refuse_role(request, {Role::admin}, "replay deliveries")) return std::move(*refusal);
    auto post = begin_post(context, request);
    if (!post) return std::move(post).error();
    auto parsed = parse_replay_request(request.body);
    if (!parsed) return finish_post(context, *post, std::move(parsed).error());
    if (parsed->endpoint) {
        auto exists = endpoint_exists(context, *parsed->endpoint);
        if (!exists) return std::move(exists).error();
        if (!*exists) {
            return finish_post(context, *post,
                               problem(422, "invalid-body", "Invalid request body",
                                       "'endpoint': there is no endpoint '" + *parsed->endpoint + "'",
                                       {{"field", "endpoint"}}));
        }
    }
    auto replayed = context.store.replay_deliveries(parsed->since, post->at, parsed->endpoint);
    if (!replayed) return store_unavailable(replayed.error());
    boost::json::object body{{"replayed", *replayed}, {"since", format_rfc3339(parsed->since)}};
    body["endpoint"] = parsed->endpoint ? boost::json::value(*parsed->endpoint) : nullptr;
    return finish_post(context, *post, json(202, std::move(body)));
}

}  // namespace

void add_delivery_routes(Router& router, const ApiContext& context) {
    const ApiContext* c = &context;
    router.add({"GET", "/v1/deliveries", Blocking::reads,
                [c](const Request& request, const PathParams&) { return list_deliveries(*c, request); }});
    router.add({"POST", "/v1/deliveries/replay", Blocking::commits,
                [c](const Request& request, const PathParams&) { return replay(*c, request); }});
    router.add({"GET", "/v1/deliveries/{id}", Blocking::reads, [c](const Request& request, const PathParams& params) {
                    return get_delivery(*c, request, param(params, "id"));
                }});
    router.add({"POST", "/v1/deliveries/{id}/retry", Blocking::commits,
                [c](const Request& request, const PathParams& params) {
                    return retry_delivery(*c, request, param(params, "id"));
                }});
}

}  // namespace seminarflow::http
