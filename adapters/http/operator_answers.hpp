#pragma once
// What the endpoint and delivery routes share: who may call them, and the Idempotency-Key on
// their POSTs. An operator's POST changes no instance, so its answer is kept beside what it did
// (add_endpoint keeps it in the same transaction) or right after it (Store::keep_answer): a
// replay with the same key, method, path, body and caller gets the first answer again, marked
// Idempotent-Replayed, and the same key with another request is refused (422).
#include <initializer_list>
#include <optional>
#include <string_view>

#include "adapters/http/http_message.hpp"
#include "engine/model/result.hpp"
#include "engine/runtime/runtime.hpp"

namespace seminarflow::http {

struct ApiContext;

// 403 unless the caller's role is one of `roles`; `what` names what it may not do.
std::optional<Response> refuse_role(const Request& request, std::initializer_list<Role> roles, std::string_view what);

// The runtime's clock (ApiContext::clock), else the system's.
Time now(const ApiContext& context);

struct OperatorPost {
    std::optional<IdempotencyKey> key;  // nothing: the request came without one
    Time at{};
};

// Reads the Idempotency-Key (400 if malformed) and answers what was kept under it: the replay,
// or 422 if it was kept for another request. Call it once the caller's role is admitted.
Result<OperatorPost, Response> begin_post(const ApiContext& context, const Request& request);

// Keeps `answer` under the post's key (an answer below 500: a failing database may answer
// otherwise the next time) and returns it; if a concurrent twin kept its answer first, that one.
Response finish_post(const ApiContext& context, const OperatorPost& post, Response answer);

// The record that keeps `answer`, for a store call that writes it with its change.
IdempotencyRecord record_of(const IdempotencyKey& key, const Response& answer, Time at);

// The answer kept under `key`, as a replay; 503 if it cannot be read.
Response kept_answer(const ApiContext& context, const IdempotencyKey& key);

}  // namespace seminarflow::http
