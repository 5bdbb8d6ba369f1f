#include "adapters/http/problem.hpp"

#include <boost/json/serialize.hpp>

#include "engine/model/utf8.hpp"

namespace seminarflow::http {

Response problem(unsigned status, std::string_view type, std::string_view title, std::string_view detail,
                 boost::json::object extra) {
    // The members RFC 9457 defines first, so that a person reading the body sees what it is.
    boost::json::object body;
    body["type"] = "https://seminarflow.dev/problems/" + std::string(type);
    body["title"] = title;
    body["status"] = status;
    // A detail may quote what the client sent, which need not be UTF-8; the body must be.
    if (!detail.empty()) body["detail"] = utf8_repaired(detail);
    for (auto& member : extra) body[member.key()] = std::move(member.value());
    Response response{status, "application/problem+json", boost::json::serialize(body), {}};
    // 503 is what this server answers while it cannot reach its database: a moment's condition,
    // so it says when to ask again (RFC 9110, 15.6.4), and clients and probes back off alike.
    if (status == 503) response.headers.emplace_back("Retry-After", "1");
    return response;
}

}  // namespace seminarflow::http
