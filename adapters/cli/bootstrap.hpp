#pragma once
// What every command starts with: the configuration, the logger, and the workflow definitions
// with the templates they name. Each step prints what is wrong and says so; the commands stop
// there with exit code 1.
#include <filesystem>
#include <optional>
#include <string>

#include "adapters/cli/config.hpp"
#include "engine/ports/store.hpp"
#include "engine/definition/definition_set.hpp"

namespace seminarflow {

struct GlobalOptions {
    std::optional<std::filesystem::path> config_file;  // --config
    std::optional<std::string> log_format;             // --log-format text|json
    std::optional<std::string> log_level;              // --log-level
};

// Loads the config, applies the command line on top, and sets up logging.
std::optional<Config> bootstrap(const GlobalOptions& options);
// Loads templates from the config's folder and workflows from `workflows_dir`.
std::optional<DefinitionSet> load_definitions(const Config& config, const std::filesystem::path& workflows_dir);

// The configured database (SQLite: its folder is created if missing), its schema brought up to
// date, with what was applied logged. Nothing, after logging why, if either step fails.
std::optional<std::unique_ptr<Store>> open_migrated_store(const Config& config);
// open_migrated_store(), holding every definition in `definitions`; and the versions other nodes
// or earlier releases stored, added to `definitions`, so that their instances go on running them.
// `command` names the command in what is logged.
std::optional<std::unique_ptr<Store>> prepare_store(const Config& config, DefinitionSet& definitions,
                                                    std::string_view command);
// bootstrap() then open_migrated_store(): what a command that only works on the database starts with.
std::optional<std::unique_ptr<Store>> open_command_store(const GlobalOptions& options);

void print_diagnostics(const std::vector<Diagnostic>& diagnostics);

}  // namespace seminarflow
