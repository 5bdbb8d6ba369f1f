#pragma once
// Who sends a request. The routes ask the ApiContext's resolver and nothing else, so that the
// bearer tokens of issue 4 replace the resolver below, in one place, and no route changes.
#include <functional>

#include "adapters/http/http_message.hpp"
#include "engine/model/event.hpp"
#include "engine/model/result.hpp"

namespace seminarflow::http {

// The actor a request speaks for, or the response that refuses it (a 401 once tokens exist).
using ActorResolver = std::function<Result<Actor, Response>(const Request&)>;

// What every request is until tokens exist: one administrator named "anonymous", whatever the
// request says. Honest about what it is: no header can claim another role or name; the server
// has no authentication yet and must not be exposed beyond a trusted network.
ActorResolver anonymous_admin();

}  // namespace seminarflow::http
