#pragma once
// Matches a method and a path against route patterns such as "/v1/workflows/{name}/diagram".
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "adapters/http/actor.hpp"
#include "adapters/http/http_message.hpp"

namespace seminarflow::http {

using PathParams = std::vector<std::pair<std::string, std::string>>;
using Handler = std::function<Response(const Request&, const PathParams&)>;
// A handler that answers later, for a route whose work waits on something that calls back (an
// InstanceReader): it hands the work over and returns; the answer is given to `respond`, once,
// from any thread. Neither it nor `respond` may block.
using Respond = std::function<void(Response)>;
using DeferredHandler = std::function<void(const Request&, const PathParams&, Respond)>;

// Whether a route's handler may block (it calls the store), and how: the server runs those on
// the store's threads, never on an I/O thread. `reads` (and token checks) run on as many threads
// as the store has connections; `commits` on many more (server.hpp says why).
enum class Blocking { no, reads, commits };

// Who may call a route. Every route needs a bearer token unless it says it is open, so that one
// added without a thought for it is closed rather than open to anyone.
enum class Access { token, open };

struct Route {
    std::string method;
    std::string pattern;
    Blocking blocking = Blocking::no;
    Handler handler = {};
    // `open`: answered without a token (health and readiness, for probes that hold none).
    // Checking a token may block, so the server runs the others on the store's pool too.
    Access access = Access::token;
    // Set instead of `handler` (and with Blocking::no): the route answers later. The server calls
    // it on an I/O thread once the gate admitted the request, which it checks there too when the
    // token was checked lately (ActorResolverAtOnce), else on the store's threads.
    DeferredHandler deferred = {};
};

struct Match {
    const Route* route = nullptr;  // null: see `response`
    PathParams params;
    Response response;  // 404, or 405 with an Allow header, when no route matches
};

std::string_view param(const PathParams& params, std::string_view name);

class Router {
public:
    void add(Route route);
    Match match(std::string_view method, std::string_view path) const;
    const std::vector<Route>& routes() const { return routes_; }

    // Who a request to a route that needs a token speaks for (make_api_router sets it).
    // `at_once` may be empty: then every token is checked on the store's threads.
    void set_actor_resolver(ActorResolver resolver, ActorResolverAtOnce at_once = {}) {
        actor_resolver_ = std::move(resolver);
        actor_resolver_at_once_ = std::move(at_once);
    }
    const ActorResolver& actor_resolver() const { return actor_resolver_; }
    const ActorResolverAtOnce& actor_resolver_at_once() const { return actor_resolver_at_once_; }

private:
    std::vector<Route> routes_;
    ActorResolver actor_resolver_;
    ActorResolverAtOnce actor_resolver_at_once_;
};

}  // namespace seminarflow::http
