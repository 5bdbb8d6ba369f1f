#pragma once
// The dashboard, served by `seminarflow serve` itself: GET / (the page) and
// GET /assets/{version}/{file} (its scripts and style). Open routes: the page holds no secret,
// and every API call it makes carries the signed-in user's token.
#include <string_view>

#include "adapters/http/dashboard_assets.hpp"
#include "adapters/http/router.hpp"

namespace seminarflow::http {

// How long a browser may keep a response: the page is asked again each time (it names the
// current assets), an asset under a versioned URL never changes.
enum class Caching { revalidate, immutable };

// `asset` answered to `request`: gzip when its Accept-Encoding takes it, 304 when its
// If-None-Match names the representation's ETag, always with the cache and security headers.
Response dashboard_response(const Request& request, const DashboardAsset& asset, Caching caching);

// Whether an Accept-Encoding header value takes gzip (by name or "*", with a q above 0).
bool accepts_gzip(std::string_view accept_encoding);

// Whether an If-None-Match header value names `etag` (or is "*"); weak comparison, as RFC 9110 says.
bool none_match_names(std::string_view if_none_match, std::string_view etag);

void add_dashboard_routes(Router& router);

}  // namespace seminarflow::http
