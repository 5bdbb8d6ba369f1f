#include "adapters/http/problem.hpp"

#include <boost/json/serialize.hpp>

namespace seminarflow::http {

Response problem(unsigned status, std::string_view type, std::string_view title, std::string_view detail,
                 boost::json::object extra) {
    boost::json::object body = std::move(extra);
    body["type"] = "https://seminarflow.dev/problems/" + std::string(type);
    body["title"] = title;
    body["status"] = status;
    if (!detail.empty()) body["detail"] = detail;
    return Response{status, "application/problem+json", boost::json::serialize(body), {}};
}

}  // namespace seminarflow::http
