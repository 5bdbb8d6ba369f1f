#pragma once
// Matches a method and a path against route patterns such as "/v1/workflows/{name}/diagram".
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "adapters/http/http_message.hpp"

namespace seminarflow::http {

using PathParams = std::vector<std::pair<std::string, std::string>>;
using Handler = std::function<Response(const Request&, const PathParams&)>;

// Whether a route's handler may block (it calls the store): the server runs those on the
// store's thread pool, never on an I/O thread.
enum class Blocking { no, yes };

struct Route {
    std::string method;
    std::string pattern;
    Blocking blocking = Blocking::no;
    Handler handler;
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

private:
    std::vector<Route> routes_;
};

}  // namespace seminarflow::http
