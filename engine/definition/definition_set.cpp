#include "engine/definition/definition_set.hpp"

namespace seminarflow {

Result<DefinitionSet, std::vector<Diagnostic>> load_definition_set(const std::filesystem::path& templates_dir,
                                                                   const std::filesystem::path& workflows_dir,
                                                                   NamedCode named) {
    auto templates = load_templates_directory(templates_dir);
    if (!templates) return fail(std::move(templates).error());
    auto catalogue = load_catalogue_directory(workflows_dir, LoadContext{templates->fields(), std::move(named)});
    if (!catalogue) return fail(std::move(catalogue).error());
    return DefinitionSet{std::move(templates).value(), std::move(catalogue).value()};
}

}  // namespace seminarflow
