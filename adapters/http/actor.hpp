#pragma once
// Who sends a request. Every route but the open ones (router.hpp) is behind one gate, admit(),
// which asks the ApiContext's resolver: bearer tokens (token_authenticator.hpp) in serve, the
// same in the tests. The routes read the caller the gate admitted from Request::actor.
#include <functional>
#include <optional>

#include "adapters/http/http_message.hpp"
#include "engine/model/event.hpp"
#include "engine/model/result.hpp"

namespace seminarflow::http {

// The actor a request speaks for, or the response that refuses it (401, or 503 if it cannot
// tell). May block: the server calls it on the store's pool.
using ActorResolver = std::function<Result<Actor, Response>(const Request&)>;
// The same answer when it can be told without blocking (a token checked lately), or nothing
// when only the store can tell. Called on an I/O thread.
using ActorResolverAtOnce = std::function<std::optional<Result<Actor, Response>>(const Request&)>;

// The gate: the resolver's actor, or its refusal; and 403 for a viewer sending anything but GET
// or HEAD, as a viewer token reads and never writes. Which events the other roles may send is
// the workflows' to say (`roles:`), and the interpreter's to enforce.
Result<Actor, Response> admit(const ActorResolver& resolver, const Request& request);
// The gate with a resolver that answers at once: nothing when it cannot.
std::optional<Result<Actor, Response>> admit_at_once(const ActorResolverAtOnce& resolver, const Request& request);

// Whether a token of `role` may send anything but GET and HEAD: all but a viewer's.
bool may_write(Role role);

}  // namespace seminarflow::http
