#include "adapters/http/invite_routes.hpp"

#include <boost/json/serialize.hpp>

#include "adapters/http/answer_response.hpp"
#include "adapters/http/api.hpp"
#include "adapters/http/directory_parsing.hpp"
#include "adapters/http/operator_answers.hpp"
#include "adapters/http/problem.hpp"

namespace seminarflow::http {
namespace {

boost::json::value depth_json(const std::optional<int>& depth) {
    return depth ? boost::json::value(*depth) : boost::json::value("all");
}

// What an invitation came to: 200 with the counts, or 404 naming what is missing.
Response answer_of(const InviteResult& result, std::string_view id, const InviteRequest& request) {
    switch (result.outcome) {
    case InviteOutcome::no_instance:
        return instance_not_found(id);
    case InviteOutcome::no_unit:
        return problem(404, "unit-not-found", "Unit not found", "there is no unit '" + request.units.root + "'",
                       {{"field", "units_under"}});
    default: break;
    }
    boost::json::object body{{"instance_id", id},
                             {"role", request.role},
                             {"units_under", request.units.root},
                             {"kind", request.units.kind ? boost::json::value(unit_kind_name(*request.units.kind))
                                                         : boost::json::value(nullptr)},
                             {"depth", depth_json(request.units.depth)},
                             {"matched", result.matched},
                             {"added", result.added},
                             {"already", result.already}};
    return json_response(200, boost::json::serialize(body));
}

Response invite(const ApiContext& context, const Request& request, std::string_view id) {
    if (auto refusal = refuse_role(request, {Role::admin, Role::organiser}, "invite participants")) {
        return std::move(*refusal);
    }
    auto post = begin_post(context, request);
    if (!post) return std::move(post).error();
    auto parsed = parse_invite_request(request.body);
    if (!parsed) return finish_post(context, *post, std::move(parsed).error());
    const UnitInvitation invitation{std::string(id), parsed->units, parsed->role, post->at};
    InviteAnswer keep;
    if (post->key) {
        // Kept with the participants it added, in their transaction: a retry after a lost answer
        // gets the first counts, not "0 added".
        keep = [&](const InviteResult& result) {
            return std::optional<IdempotencyRecord>(record_of(*post->key, answer_of(result, id, *parsed), post->at));
        };
    }
    auto result = context.store.invite_units(invitation, keep);
    if (!result) return store_unavailable(result.error());
    if (result->outcome == InviteOutcome::idempotency_conflict) return kept_answer(context, *post->key);
    return answer_of(*result, id, *parsed);
}

}  // namespace

void add_invite_routes(Router& router, const ApiContext& context) {
    const ApiContext* c = &context;
    router.add({"POST", "/v1/instances/{id}/participants/invite", Blocking::commits,
                [c](const Request& request, const PathParams& params) {
                    return invite(*c, request, param(params, "id"));
                }});
}

}  // namespace seminarflow::http
