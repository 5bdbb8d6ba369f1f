#include "adapters/http/router.hpp"

#include "adapters/http/problem.hpp"

namespace seminarflow::http {
namespace {

std::vector<std::string_view> segments(std::string_view path) {
    std::vector<std::string_view> parts;
    std::size_t at = 0;
    while (at < path.size()) {
        if (path[at] == '/') {
            ++at;
            continue;
        }
        const std::size_t end = std::min(path.find('/', at), path.size());
        parts.push_back(path.substr(at, end - at));
        at = end;
    }
    return parts;
}

bool matches(std::string_view pattern, std::string_view path, PathParams& params) {
    const auto expected = segments(pattern);
    const auto given = segments(path);
    if (expected.size() != given.size()) return false;
    PathParams found;
    for (std::size_t i = 0; i < expected.size(); ++i) {
        const auto part = expected[i];
        if (part.size() > 2 && part.front() == '{' && part.back() == '}') {
            found.emplace_back(std::string(part.substr(1, part.size() - 2)), std::string(given[i]));
        } else if (part != given[i]) {
            return false;
        }
    }
    params = std::move(found);
    return true;
}

}  // namespace

std::string_view param(const PathParams& params, std::string_view name) {
    for (const auto& [key, value] : params) {
        if (key == name) return value;
    }
    return {};
}

void Router::add(Route route) { routes_.push_back(std::move(route)); }

Match Router::match(std::string_view method, std::string_view path) const {
    Match result;
    std::string allowed;
    for (const auto& route : routes_) {
        PathParams params;
        if (!matches(route.pattern, path, params)) continue;
        if (route.method == method || (method == "HEAD" && route.method == "GET")) {
            result.route = &route;
            result.params = std::move(params);
            return result;
        }
        allowed += (allowed.empty() ? "" : ", ") + route.method;
    }
    if (!allowed.empty()) {
        result.response = problem(405, "method-not-allowed", "Method not allowed",
                                  std::string(method) + " is not allowed here; allowed: " + allowed);
        result.response.headers.emplace_back("Allow", allowed);
    } else {
        result.response = problem(404, "not-found", "Not found", "no resource at " + std::string(path));
    }
    return result;
}

}  // namespace seminarflow::http
