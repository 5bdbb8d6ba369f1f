#pragma once
// The subcommands of `seminarflow`; each returns the process's exit code.
#include <filesystem>
#include <optional>
#include <string>

#include "adapters/cli/bootstrap.hpp"

namespace seminarflow {

int run_serve(const GlobalOptions& options);
int run_migrate(const GlobalOptions& options);
int run_workflows_validate(const GlobalOptions& options, const std::optional<std::filesystem::path>& directory);
int run_workflows_draw(const GlobalOptions& options, const std::optional<std::filesystem::path>& directory,
                       const std::string& name, const std::string& format, const std::string& highlight);

}  // namespace seminarflow
