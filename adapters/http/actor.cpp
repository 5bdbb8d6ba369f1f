#include "adapters/http/actor.hpp"

#include "adapters/http/problem.hpp"

namespace seminarflow::http {

Result<Actor, Response> admit(const ActorResolver& resolver, const Request& request) {
    auto actor = resolver(request);
    if (!actor) return actor;
    const bool reads = request.method == "GET" || request.method == "HEAD";
    if (!may_write(actor->role) && !reads) {
        return fail(problem(403, "role-not-allowed", "Role not allowed",
                            "a viewer token may only read (GET and HEAD); " + request.method + " needs another role",
                            {{"rule", "viewer"}}));
    }
    return actor;
}

bool may_write(Role role) { return role != Role::viewer; }

}  // namespace seminarflow::http
