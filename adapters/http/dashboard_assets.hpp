#pragma once
// The dashboard's files as the binary carries them (adapters/http/dashboard/, staged by
// cmake/dashboard_assets.cmake): each one as it is and gzip-compressed, with a strong ETag for
// each of the two, since they are two representations with different bytes.
#include <string>
#include <string_view>

namespace seminarflow::http {

struct DashboardAsset {
    std::string_view name;  // "app.js"
    std::string_view content_type;
    std::string_view identity;
    std::string_view gzip;
    std::string identity_etag;  // "\"<sha-256 of identity, shortened>\""
    std::string gzip_etag;
};

// The asset named `name`, or null. Thread-safe: the table is built once, on first use.
const DashboardAsset* find_dashboard_asset(std::string_view name);

// The hash of every asset, which the page's asset URLs carry (/assets/{version}/app.js).
std::string_view dashboard_version();

}  // namespace seminarflow::http
