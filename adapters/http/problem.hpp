#pragma once
// Errors as RFC 9457 problem details: {type, title, status, detail, ...}, served as
// application/problem+json, so that clients can tell one refusal from another by `type`.
#include <boost/json/object.hpp>
#include <string>
#include <string_view>

#include "adapters/http/http_message.hpp"

namespace seminarflow::http {

// `type` is a short slug ("not-found"); it becomes "https://seminarflow.dev/problems/not-found".
// `extra` adds members such as {"rule": "..."} or {"field": "..."}. A 503 carries Retry-After: 1.
Response problem(unsigned status, std::string_view type, std::string_view title, std::string_view detail,
                 boost::json::object extra = {});

}  // namespace seminarflow::http
