#include "adapters/channels/http/http_target.hpp"

#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>

namespace seminarflow::channels {

Result<HttpTarget, TargetError> parse_http_url(std::string_view url) {
    const auto parsed = boost::urls::parse_uri(url);
    if (!parsed) return fail(TargetError{"'" + std::string(url) + "' is not an absolute URL"});
    const boost::urls::url_view view = *parsed;
    const bool secure = view.scheme() == "https";
    if (!secure && view.scheme() != "http") {
        return fail(TargetError{"'" + std::string(view.scheme()) + "' URLs are not webhooks: use https:// or http://"});
    }
    if (view.has_userinfo()) return fail(TargetError{"a webhook URL carries no user name or password"});
    if (view.has_fragment()) return fail(TargetError{"a webhook URL has no #fragment"});
    if (view.encoded_host().empty()) return fail(TargetError{"the URL names no host"});
    HttpTarget target;
    target.secure = secure;
    target.host = view.host_type() == boost::urls::host_type::ipv6 ? std::string(view.host_address())
                                                                   : std::string(view.encoded_host());
    target.port = view.has_port() && !view.port().empty() ? std::string(view.port()) : secure ? "443" : "80";
    target.target = view.encoded_path().empty() ? "/" : std::string(view.encoded_path());
    if (view.has_query()) target.target += "?" + std::string(view.encoded_query());
    target.host_header = std::string(view.encoded_host_and_port());
    return target;
}

}  // namespace seminarflow::channels
