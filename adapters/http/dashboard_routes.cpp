#include "adapters/http/dashboard_routes.hpp"

#include <algorithm>
#include <cctype>

#include "adapters/http/problem.hpp"

namespace seminarflow::http {
namespace {

// No inline script or style, nothing from elsewhere: an injected tag has nothing to run.
constexpr std::string_view content_security_policy =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

// Calls `each` with every comma-separated element of a header value, trimmed.
template <typename Each>
void for_each_element(std::string_view list, Each each) {
    while (!list.empty()) {
        const std::size_t comma = std::min(list.find(','), list.size());
        if (const auto element = trim(list.substr(0, comma)); !element.empty()) each(element);
        list.remove_prefix(std::min(comma + 1, list.size()));
    }
}

bool lower_equals(std::string_view text, std::string_view lower) {
    if (text.size() != lower.size()) return false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(text[i])) != lower[i]) return false;
    }
    return true;
}

// "gzip;q=0", "gzip; q=0.000" refuse a coding; any other weight, or none, takes it.
bool refused_by_weight(std::string_view element) {
    std::size_t at = element.find(';');
    while (at != std::string_view::npos) {
        const std::size_t next = element.find(';', at + 1);
        const auto parameter = trim(element.substr(at + 1, next == std::string_view::npos ? next : next - at - 1));
        if (parameter.size() >= 2 && lower_equals(parameter.substr(0, 2), "q=")) {
            return parameter.substr(2).find_first_not_of("0.") == std::string_view::npos;
        }
        at = next;
    }
    return false;
}

}  // namespace

bool accepts_gzip(std::string_view accept_encoding) {
    bool gzip = false;
    bool any = false;
    bool gzip_named = false;
    for_each_element(accept_encoding, [&](std::string_view element) {
        const auto coding = trim(element.substr(0, std::min(element.find(';'), element.size())));
        const bool taken = !refused_by_weight(element);
        if (lower_equals(coding, "gzip") || lower_equals(coding, "x-gzip")) {
            gzip_named = true;
            gzip = gzip || taken;
        } else if (coding == "*") {
            any = taken;
        }
    });
    return gzip_named ? gzip : any;
}

bool none_match_names(std::string_view if_none_match, std::string_view etag) {
    bool named = false;
    for_each_element(if_none_match, [&](std::string_view candidate) {
        if (candidate == "*") named = true;
        if (candidate.starts_with("W/")) candidate.remove_prefix(2);
        if (candidate == etag) named = true;
    });
    return named;
}

Response dashboard_response(const Request& request, const DashboardAsset& asset, Caching caching) {
    const bool gzip = accepts_gzip(request.header("accept-encoding"));
    const std::string& etag = gzip ? asset.gzip_etag : asset.identity_etag;
    Response response{200, std::string(asset.content_type), {}, {}};
    response.headers = {
        {"ETag", etag},
        {"Vary", "Accept-Encoding"},
        {"Cache-Control", caching == Caching::immutable ? "public, max-age=31536000, immutable" : "no-cache"},
        {"Content-Security-Policy", std::string(content_security_policy)},
        {"X-Content-Type-Options", "nosniff"},
        {"Referrer-Policy", "no-referrer"},
    };
    if (none_match_names(request.header("if-none-match"), etag)) {
        response.status = 304;
        return response;
    }
    if (gzip) response.headers.emplace_back("Content-Encoding", "gzip");
    response.body = std::string(gzip ? asset.gzip : asset.identity);
    return response;
}

void add_dashboard_routes(Router& router) {
    router.add({"GET", "/", Blocking::no,
                [](const Request& request, const PathParams&) {
                    return dashboard_response(request, *find_dashboard_asset("index.html"), Caching::revalidate);
                },
                Access::open});
    router.add({"GET", "/assets/{version}/{file}", Blocking::no,
                [](const Request& request, const PathParams& params) {
                    const auto* asset = find_dashboard_asset(param(params, "file"));
                    // An older page's URL: its assets are gone, and this build's must not be
                    // cached for a year under that URL.
                    if (!asset || asset->name == "index.html" || param(params, "version") != dashboard_version()) {
                        return problem(404, "not-found", "Not found", "no dashboard asset at " + request.path);
                    }
                    return dashboard_response(request, *asset, Caching::immutable);
                },
                Access::open});
}

}  // namespace seminarflow::http
