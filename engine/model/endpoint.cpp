#include "engine/model/endpoint.hpp"

namespace seminarflow {

std::string shown_url(std::string_view channel, const std::string& url) {
    if (channel == "webhook") return url;
    const std::size_t scheme = url.find("://");
    const std::size_t path = url.find_first_of("/?#", scheme == std::string::npos ? 0 : scheme + 3);
    return path == std::string::npos ? url : url.substr(0, path) + "/…";
}

}  // namespace seminarflow
