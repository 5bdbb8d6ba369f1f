#include "adapters/http/problem.hpp"

#include <boost/json/serialize.hpp>

namespace seminarflow::http {

Response problem(unsigned status, std::string_view type, std::string_view title, std::string_view detail,
                 boost::json::object extra) {
    // The members RFC 9457 defines first, so that a person reading the body sees what it is.
    boost::json::object body;
    body["type"] = "https://seminarflow.dev/problems/" + std::string(type);
    body["title"] = title;
    body["status"] = status;
    if (!detail.empty()) body["detail"] = detail;
    for (auto& member : extra) body[member.key()] = std::move(member.value());
    return Response{status, "application/problem+json", boost::json::serialize(body), {}};
}

}  // namespace seminarflow::http
