#include "adapters/http/dashboard_assets.hpp"

#include <map>
#include <stdexcept>

#include "embedded/seminarflow_dashboard.hpp"
#include "engine/runtime/definition_records.hpp"

namespace seminarflow::http {
namespace {

constexpr std::string_view gzip_suffix = ".gz";

std::string_view content_type_of(std::string_view name) {
    if (name.ends_with(".html")) return "text/html; charset=utf-8";
    if (name.ends_with(".js")) return "text/javascript; charset=utf-8";
    if (name.ends_with(".css")) return "text/css; charset=utf-8";
    if (name.ends_with(".svg")) return "image/svg+xml";
    return "application/octet-stream";
}

// Strong: the same bytes always get the same tag, whichever node or build serves them.
std::string etag_of(std::string_view content) { return '"' + sha256_hex(content).substr(0, 32) + '"'; }

struct Table {
    std::map<std::string, DashboardAsset, std::less<>> assets;
    std::string_view version;
};

Table build_table() {
    Table table;
    std::map<std::string_view, std::string_view> compressed;
    for (const auto& file : dashboard_files::files()) {
        if (file.name == "version") {
            table.version = file.content;
        } else if (file.name.ends_with(gzip_suffix)) {
            compressed.emplace(file.name.substr(0, file.name.size() - gzip_suffix.size()), file.content);
        }
    }
    for (const auto& file : dashboard_files::files()) {
        if (file.name == "version" || file.name.ends_with(gzip_suffix)) continue;
        const auto gzip = compressed.find(file.name);
        // The build stages a .gz beside every file: one missing is a bug in the build.
        if (gzip == compressed.end()) throw std::logic_error("the dashboard's " + std::string(file.name) + " has no .gz");
        table.assets.emplace(std::string(file.name),
                             DashboardAsset{file.name, content_type_of(file.name), file.content, gzip->second,
                                            etag_of(file.content), etag_of(gzip->second)});
    }
    if (table.version.empty()) throw std::logic_error("the dashboard's version is not compiled in");
    return table;
}

const Table& table() {
    static const Table built = build_table();
    return built;
}

}  // namespace

const DashboardAsset* find_dashboard_asset(std::string_view name) {
    const auto found = table().assets.find(name);
    return found == table().assets.end() ? nullptr : &found->second;
}

std::string_view dashboard_version() { return table().version; }

}  // namespace seminarflow::http
