#include "adapters/http/actor.hpp"

#include "adapters/http/problem.hpp"

namespace seminarflow::http {

namespace {

// What the gate makes of the resolver's answer.
Result<Actor, Response> gate(Result<Actor, Response> actor, const Request& request) {
    if (!actor) return actor;
    const bool reads = request.method == "GET" || request.method == "HEAD";
    if (!may_write(actor->role) && !reads) {
        return fail(problem(403, "role-not-allowed", "Role not allowed",
                            "a viewer token may only read (GET and HEAD); " + request.method + " needs another role",
                            {{"rule", "viewer"}}));
    }
    return actor;
}

}  // namespace

Result<Actor, Response> admit(const ActorResolver& resolver, const Request& request) {
    return gate(resolver(request), request);
}

std::optional<Result<Actor, Response>> admit_at_once(const ActorResolverAtOnce& resolver, const Request& request) {
    if (!resolver) return std::nullopt;
    auto actor = resolver(request);
    if (!actor) return std::nullopt;
    return gate(std::move(*actor), request);
}

bool may_write(Role role) { return role != Role::viewer; }

}  // namespace seminarflow::http
