#include "adapters/http/operator_answers.hpp"

#include <algorithm>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "adapters/http/answer_response.hpp"
#include "adapters/http/api.hpp"
#include "adapters/http/problem.hpp"
#include "adapters/http/request_identity.hpp"
#include "adapters/http/request_parsing.hpp"

namespace seminarflow::http {
namespace {

// One rendering for the first answer and its replays, so that a replay is byte for byte the same.
// A 204 has no body (RFC 9110), though its record keeps {} (record_of).
Response render(int status, const boost::json::value& body, bool replayed) {
    Response response = status == 204 ? Response{204, "application/json", "", {}}
                                      : json_response(static_cast<unsigned>(status), boost::json::serialize(body));
    if (status >= 400) response.content_type = "application/problem+json";
    if (replayed) response.headers.emplace_back("Idempotent-Replayed", "true");
    return response;
}

Response key_reused(const IdempotencyKey& key) {
    return refusal_response(AnswerTo::event,
                            ApplyError{ApplyError::Kind::key_reused,
                                       "the Idempotency-Key '" + key.key + "' was already used for another request",
                                       std::nullopt});
}

}  // namespace

std::optional<Response> refuse_role(const Request& request, std::initializer_list<Role> roles, std::string_view what) {
    // The server admitted the request with its token (router.hpp): that is the caller.
    const Role role = request.actor.value().role;
    if (std::find(roles.begin(), roles.end(), role) != roles.end()) return std::nullopt;
    std::string allowed;
    for (const Role one : roles) allowed += (allowed.empty() ? "" : ", ") + std::string(role_name(one));
    return problem(403, "role-not-allowed", "Role not allowed",
                   std::string(role == Role::admin || role == Role::organiser ? "an " : "a ") +
                       std::string(role_name(role)) + " token may not " + std::string(what) + "; " + allowed + " may",
                   {{"rule", allowed}});
}

IdempotencyRecord record_of(const IdempotencyKey& key, const Response& answer, Time at) {
    boost::json::value body = answer.body.empty() ? boost::json::value(boost::json::object{}) : boost::json::parse(answer.body);
    return IdempotencyRecord{key.key, key.request_hash, std::nullopt, static_cast<int>(answer.status), std::move(body), at};
}

Response kept_answer(const ApiContext& context, const IdempotencyKey& key) {
    auto record = context.store.find_idempotency(key.key);
    if (!record) return store_unavailable(record.error());
    if (!*record) return store_unavailable(StoreError{"an Idempotency-Key's answer vanished"});
    if ((*record)->request_hash != key.request_hash) return key_reused(key);
    return render((*record)->status, (*record)->response, true);
}

Result<OperatorPost, Response> begin_post(const ApiContext& context, const Request& request) {
    auto key = parse_idempotency_key(request);
    if (!key) return fail(std::move(key).error());
    OperatorPost post{std::nullopt, clock_of(context).now()};
    if (!*key) return post;
    post.key = idempotency_key(std::move(**key), request, request.actor.value());
    auto record = context.store.find_idempotency(post.key->key);
    if (!record) return fail(store_unavailable(record.error()));
    if (*record) return fail(kept_answer(context, *post.key));
    return post;
}

Response finish_post(const ApiContext& context, const OperatorPost& post, Response answer) {
    if (!post.key || answer.status >= 500) return answer;
    auto kept = context.store.keep_answer(record_of(*post.key, answer, post.at));
    if (!kept) return store_unavailable(kept.error());
    if (!*kept) return kept_answer(context, *post.key);
    return answer;
}

}  // namespace seminarflow::http
