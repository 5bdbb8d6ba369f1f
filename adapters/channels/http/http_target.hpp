#pragma once
// Where an endpoint's URL points: what the HTTP client connects to and the request target. Pure
// (Boost.URL), so that every refusal has a plain unit test. Every channel that POSTs (the generic
// webhook and the chat platforms) reads its URL here, so a rule about URLs is made once.
#include <string>
#include <string_view>

#include "engine/model/result.hpp"

namespace seminarflow::channels {

struct HttpTarget {
    bool secure = false;  // https: TLS, the peer's certificate checked
    std::string host;    // a name or an address, without brackets
    std::string port;    // "80" (http) or "443" (https) unless the URL says
    std::string target;  // path and query, "/" at least
    std::string host_header;  // as the Host header says it: with the port when not the default
};

struct TargetError {
    std::string message;
};

// Accepts http:// and https://host[:port]/path?query. Refuses other schemes, user info
// (credentials do not belong in a URL that is logged), fragments and a URL without a host.
Result<HttpTarget, TargetError> parse_http_url(std::string_view url);

}  // namespace seminarflow::channels
