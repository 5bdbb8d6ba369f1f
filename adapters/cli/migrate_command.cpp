#include "adapters/cli/commands.hpp"

namespace seminarflow {

int run_migrate(const GlobalOptions& options) {
    const auto config = bootstrap(options);
    if (!config) return 1;
    return open_migrated_store(*config) ? 0 : 1;
}

}  // namespace seminarflow
