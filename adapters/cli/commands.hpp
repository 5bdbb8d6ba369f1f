#pragma once
// The subcommands of `seminarflow`; each returns the process's exit code.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "adapters/cli/bootstrap.hpp"

namespace CLI {
class App;
}

namespace seminarflow {

int run_serve(const GlobalOptions& options);
int run_migrate(const GlobalOptions& options);

// `tokens create`: --role, --name, and --unit as often as given.
struct TokenRequest {
    std::string role;
    std::string name;
    std::vector<std::string> units;
};
int run_tokens_create(const GlobalOptions& options, const TokenRequest& request);
int run_tokens_list(const GlobalOptions& options);
int run_tokens_revoke(const GlobalOptions& options, const std::string& name_or_id);

int run_workflows_validate(const GlobalOptions& options, const std::optional<std::filesystem::path>& directory);
int run_workflows_draw(const GlobalOptions& options, const std::optional<std::filesystem::path>& directory,
                       const std::string& name, const std::string& format, const std::string& highlight);

// `endpoints add|list|remove` (endpoints_command.cpp), registered on `app`; sets `exit_code`.
void add_endpoints_command(CLI::App& app, const GlobalOptions& options, int& exit_code);
// `deliveries list|retry|replay` (deliveries_command.cpp).
void add_deliveries_command(CLI::App& app, const GlobalOptions& options, int& exit_code);
// `directory import FILE` (directory_command.cpp).
void add_directory_command(CLI::App& app, const GlobalOptions& options, int& exit_code);
// `demo [--database URL]` (demo_command.cpp).
void add_demo_command(CLI::App& app, const GlobalOptions& options, int& exit_code);

}  // namespace seminarflow
