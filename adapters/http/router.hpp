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

// Whether a route's handler may block (it calls the store): the server runs those on the
// store's thread pool, never on an I/O thread.
enum class Blocking { no, yes };

// Who may call a route. Every route needs a bearer token unless it says it is open, so that one
// added without a thought for it is closed rather than open to anyone.
enum class Access { token, open };

struct Route {
    std::string method;
    std::string pattern;
    Blocking blocking = Blocking::no;
    Handler handler;
    // `open`: answered without a token (health and readiness, for probes that hold none).
    // Checking a token may block, so the server runs the others on the store's pool too.
    Access access = Access::token;
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
    void set_actor_resolver(ActorResolver resolver) { actor_resolver_ = std::move(resolver); }
    const ActorResolver& actor_resolver() const { return actor_resolver_; }

private:
    std::vector<Route> routes_;
    ActorResolver actor_resolver_;
};

}  // namespace seminarflow::http
