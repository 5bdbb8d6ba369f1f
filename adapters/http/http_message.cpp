#include "adapters/http/http_message.hpp"

#include <boost/url/parse.hpp>

namespace seminarflow::http {

std::string_view Request::header(std::string_view name) const {
    for (const auto& [key, value] : headers) {
        if (key == name) return value;
    }
    return {};
}

std::string_view Request::query_value(std::string_view name) const {
    for (const auto& [key, value] : query) {
        if (key == name) return value;
    }
    return {};
}

Response json_response(unsigned status, std::string body) {
    return Response{status, "application/json", std::move(body), {}};
}

Response text_response(unsigned status, std::string content_type, std::string body) {
    return Response{status, std::move(content_type), std::move(body), {}};
}

bool parse_target(std::string_view target, Request& request) {
    const auto url = boost::urls::parse_origin_form(target);
    if (!url) return false;
    request.path = url->path();
    request.query.clear();
    for (const auto& param : url->params()) request.query.emplace_back(param.key, param.value);
    return true;
}

}  // namespace seminarflow::http
