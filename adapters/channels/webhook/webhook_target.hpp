#pragma once
// Where a webhook endpoint's URL points: what the client connects to and the request target.
// Pure (Boost.URL), so that every refusal has a plain unit test.
#include <string>
#include <string_view>

#include "engine/model/result.hpp"

namespace seminarflow::webhook {

struct WebhookTarget {
    std::string host;    // a name or an address, without brackets
    std::string port;    // "80" unless the URL says
    std::string target;  // path and query, "/" at least
    std::string host_header;  // as the Host header says it: with the port when not the default
};

struct TargetError {
    std::string message;
};

// Accepts http://host[:port]/path?query. Refuses other schemes (https is not supported yet: it
// says so), user info (credentials do not belong in a URL that is logged), fragments and a URL
// without a host.
Result<WebhookTarget, TargetError> parse_webhook_url(std::string_view url);

}  // namespace seminarflow::webhook
