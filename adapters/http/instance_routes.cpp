#include "adapters/http/instance_routes.hpp"

#include <boost/json/serialize.hpp>

#include "adapters/http/answer_response.hpp"
#include "adapters/http/api.hpp"
#include "adapters/http/cursor.hpp"
#include "adapters/http/problem.hpp"
#include "adapters/http/request_identity.hpp"
#include "adapters/http/request_parsing.hpp"
#include "engine/runtime/answer.hpp"
#include "engine/runtime/definition_records.hpp"

namespace seminarflow::http {
namespace {

// The caller and the Idempotency-Key, which both POSTs read first.
struct Sender {
    Actor actor;
    std::optional<std::string> key;
};

Result<Sender, Response> sender_of(const Request& request) {
    auto key = parse_idempotency_key(request);
    if (!key) return fail(std::move(key).error());
    // The server admitted the request with its token (router.hpp): that is the caller.
    return Sender{request.actor.value(), std::move(key).value()};
}

Response create(const ApiContext& context, const Request& request) {
    auto sender = sender_of(request);
    if (!sender) return std::move(sender).error();
    auto parsed = parse_create_request(request.body);
    if (!parsed) return std::move(parsed).error();
    CreateRequest& body = *parsed;
    if (sender->key) {
        auto answered = context.runtime.create(body.workflow, std::move(body.data), std::move(body.parent), sender->actor,
                                               idempotency_key(*sender->key, request, sender->actor));
        if (!answered) return refusal_response(AnswerTo::creation, answered.error());
        return answer_response(AnswerTo::creation, *answered);
    }
    auto applied = context.runtime.create(body.workflow, std::move(body.data), std::move(body.parent), sender->actor);
    if (!applied) return refusal_response(AnswerTo::creation, applied.error());
    return answer_response(AnswerTo::creation, *applied);
}

Response send_event(const ApiContext& context, const Request& request, std::string_view id) {
    auto sender = sender_of(request);
    if (!sender) return std::move(sender).error();
    auto parsed = parse_event_request(request.body);
    if (!parsed) return std::move(parsed).error();
    const Event event{std::move(parsed->type), std::move(parsed->payload), sender->actor};
    if (sender->key) {
        auto answered = context.runtime.apply(id, event, idempotency_key(*sender->key, request, sender->actor));
        if (!answered) return refusal_response(AnswerTo::event, answered.error());
        return answer_response(AnswerTo::event, *answered);
    }
    auto applied = context.runtime.apply(id, event);
    if (!applied) return refusal_response(AnswerTo::event, applied.error());
    return answer_response(AnswerTo::event, *applied);
}

Response instance_answer(const InstanceReader::Found& found, std::string_view id) {
    if (!found) return store_unavailable(found.error());
    if (!*found) return instance_not_found(id);
    return json_response(200, boost::json::serialize(instance_json(**found)));
}

void get_instance(const ApiContext& context, std::string_view id, Respond respond) {
    context.instances->find_instance(std::string(id), [id = std::string(id), respond = std::move(respond)](
                                                          InstanceReader::Found found) {
        respond(instance_answer(found, id));
    });
}

Response page(boost::json::array items, const std::optional<std::string>& next_cursor) {
    return json_response(200, boost::json::serialize(boost::json::object{
                                  {"items", std::move(items)},
                                  {"next_cursor", next_cursor ? boost::json::value(*next_cursor) : nullptr}}));
}

Response list_instances(const ApiContext& context, const Request& request) {
    auto query = parse_listing_query(request);
    if (!query) return std::move(query).error();
    auto listed = context.store.list_instances(query->filter, query->after, query->limit);
    if (!listed) return store_unavailable(listed.error());
    boost::json::array items;
    for (const Instance& instance : listed->items) items.push_back(instance_json(instance));
    std::optional<std::string> next;
    if (listed->next) next = encode_instance_cursor(*listed->next);
    return page(std::move(items), next);
}

Response get_history(const ApiContext& context, const Request& request, std::string_view id) {
    auto query = parse_history_query(request);
    if (!query) return std::move(query).error();
    // One entry more than the page tells whether another page follows.
    auto entries = context.store.load_history(id, query->after, query->limit + 1);
    if (!entries) return store_unavailable(entries.error());
    if (entries->empty()) {
        // Every instance has its creation at seq 1: an empty page is past the end, or no instance.
        auto loaded = context.store.find_instance(id);
        if (!loaded) return store_unavailable(loaded.error());
        if (!*loaded) return instance_not_found(id);
    }
    std::optional<std::string> next;
    if (entries->size() > query->limit) {
        entries->resize(query->limit);
        next = encode_history_cursor(entries->back().seq);
    }
    boost::json::array items;
    for (const HistoryEntry& entry : *entries) items.push_back(history_json(entry));
    return page(std::move(items), next);
}

}  // namespace

void add_instance_routes(Router& router, const ApiContext& context) {
    const ApiContext* c = &context;
    router.add({"POST", "/v1/instances", Blocking::commits,
                [c](const Request& request, const PathParams&) { return create(*c, request); }});
    router.add({"GET", "/v1/instances", Blocking::reads,
                [c](const Request& request, const PathParams&) { return list_instances(*c, request); }});
    router.add({.method = "GET",
                .pattern = "/v1/instances/{id}",
                .deferred = [c](const Request&, const PathParams& params, Respond respond) {
                    get_instance(*c, param(params, "id"), std::move(respond));
                }});
    router.add({"GET", "/v1/instances/{id}/history", Blocking::reads, [c](const Request& request, const PathParams& params) {
                    return get_history(*c, request, param(params, "id"));
                }});
    router.add({"POST", "/v1/instances/{id}/events", Blocking::commits, [c](const Request& request, const PathParams& params) {
                    return send_event(*c, request, param(params, "id"));
                }});
}

}  // namespace seminarflow::http
