#include <iostream>

#include "adapters/cli/commands.hpp"
#include "engine/definition/diagram.hpp"

namespace seminarflow {

int run_workflows_validate(const GlobalOptions& options, const std::optional<std::filesystem::path>& directory) {
    const auto config = bootstrap(options);
    if (!config) return 1;
    const auto folder = directory.value_or(config->workflows_dir);
    const auto definitions = load_definitions(*config, folder);
    if (!definitions) return 1;
    const auto all = definitions->catalogue.all();
    std::cout << "ok: " << all.size() << " workflow(s) in " << folder.string() << " are valid:";
    for (const Definition* definition : all) std::cout << ' ' << definition->name << " v" << definition->version;
    std::cout << '\n';
    return 0;
}

int run_workflows_draw(const GlobalOptions& options, const std::optional<std::filesystem::path>& directory,
                       const std::string& name, const std::string& format_name, const std::string& highlight) {
    const auto config = bootstrap(options);
    if (!config) return 1;
    const auto definitions = load_definitions(*config, directory.value_or(config->workflows_dir));
    if (!definitions) return 1;
    const Definition* definition = definitions->catalogue.find(name);
    if (!definition) {
        std::cerr << "there is no workflow '" << name << "'; known:";
        for (const auto& known : definitions->catalogue.names()) std::cerr << ' ' << known;
        std::cerr << '\n';
        return 1;
    }
    if (!highlight.empty() && !definition->find_state(highlight)) {
        std::cerr << name << " has no state '" << highlight << "'\n";
        return 1;
    }
    std::cout << draw(*definition, *parse_diagram_format(format_name), highlight);
    return 0;
}

}  // namespace seminarflow
