#include <spdlog/spdlog.h>

#include "adapters/cli/commands.hpp"

namespace seminarflow {

int run_migrate(const GlobalOptions& options) {
    const auto config = bootstrap(options);
    if (!config) return 1;
    auto store = open_store(*config);
    if (!store) return 1;
    auto report = (*store)->migrate();
    if (!report) {
        spdlog::error("migrate: {}", report.error().message);
        return 1;
    }
    if (report->applied.empty()) {
        spdlog::info("migrate: the schema is up to date at version {}", report->status.current_version);
    } else {
        spdlog::info("migrate: applied {} migration(s); the schema is now at version {}", report->applied.size(),
                     report->status.current_version);
    }
    return 0;
}

}  // namespace seminarflow
