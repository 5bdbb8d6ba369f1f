#include "adapters/cli/bootstrap.hpp"

#include <spdlog/spdlog.h>

#include <iostream>

#include "adapters/cli/logging.hpp"
#include "adapters/store/soci_store.hpp"
#include "engine/interpreter/named_code.hpp"
#include "engine/runtime/definition_records.hpp"

namespace seminarflow {

void print_diagnostics(const std::vector<Diagnostic>& diagnostics) {
    for (const auto& diagnostic : diagnostics) std::cerr << format_diagnostic(diagnostic) << '\n';
}

std::optional<Config> bootstrap(const GlobalOptions& options) {
    auto config = load_config(options.config_file, Environment::from_process());
    if (!config) {
        print_diagnostics(config.error());
        return std::nullopt;
    }
    if (options.log_format) config->log.format = *options.log_format == "json" ? LogFormat::json : LogFormat::text;
    if (options.log_level) config->log.level = *options.log_level;
    configure_logging(config->log);
    return std::move(config).value();
}

std::optional<DefinitionSet> load_definitions(const Config& config, const std::filesystem::path& workflows_dir) {
    auto definitions = load_definition_set(config.templates_dir, workflows_dir, standard_named_code());
    if (!definitions) {
        print_diagnostics(definitions.error());
        std::cerr << definitions.error().size() << " problem(s) in " << config.templates_dir.string() << " or "
                  << workflows_dir.string() << '\n';
        return std::nullopt;
    }
    return std::move(definitions).value();
}

}  // namespace seminarflow

namespace seminarflow {

std::optional<std::unique_ptr<Store>> open_migrated_store(const Config& config) {
    auto store = SociStore::open(config.database.url,
                                 SociStoreOptions{.pool_size = static_cast<std::size_t>(config.database.pool_size)});
    if (!store) {
        spdlog::error("database: {}", store.error().message);
        return std::nullopt;
    }
    const DatabaseUrl& url = (*store)->url();
    if (url.backend == DatabaseBackend::sqlite) {
        const auto folder = std::filesystem::path(url.path).parent_path();
        std::error_code error;
        if (!folder.empty()) std::filesystem::create_directories(folder, error);
        if (error) {
            spdlog::error("database: cannot create the folder {}: {}", folder.string(), error.message());
            return std::nullopt;
        }
    }
    spdlog::info("database: {}", url.redacted());
    auto report = (*store)->migrate();
    if (!report) {
        spdlog::error("database: the schema cannot be brought up to date: {}", report.error().message);
        return std::nullopt;
    }
    if (report->applied.empty()) {
        spdlog::info("database: the schema is up to date at version {}", report->status.current_version);
    } else {
        spdlog::info("database: applied {} migration(s); the schema is now at version {}", report->applied.size(),
                     report->status.current_version);
    }
    return std::unique_ptr<Store>(std::move(store).value());
}

std::optional<std::unique_ptr<Store>> prepare_store(const Config& config, DefinitionSet& definitions,
                                                    std::string_view command) {
    auto store = open_migrated_store(config);
    if (!store) return std::nullopt;
    // Every version an instance may run must stay in the store; a file edited under an
    // unchanged version is refused here, before it can change running instances.
    if (auto saved = (*store)->save_definitions(definition_records(definitions.catalogue)); !saved) {
        spdlog::error("{}: {}", command, saved.error().message);
        return std::nullopt;
    }
    auto stored = (*store)->load_definitions();
    if (!stored) {
        spdlog::error("{}: {}", command, stored.error().message);
        return std::nullopt;
    }
    const LoadContext context{definitions.templates.fields(), standard_named_code()};
    const StoredVersionsLoaded loaded = add_stored_versions(definitions.catalogue, *stored, context);
    for (const Diagnostic& problem : loaded.problems) {
        spdlog::warn("{}: {} (its instances cannot move until it loads)", command, format_diagnostic(problem));
    }
    for (const Diagnostic& warning : loaded.warnings) spdlog::warn("{}: {}", command, format_diagnostic(warning));
    return store;
}

std::optional<std::unique_ptr<Store>> open_command_store(const GlobalOptions& options) {
    const auto config = bootstrap(options);
    if (!config) return std::nullopt;
    return open_migrated_store(*config);
}

}  // namespace seminarflow
