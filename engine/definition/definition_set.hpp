#pragma once
// The templates and workflows a node runs, loaded as `seminarflow serve` loads them: the
// templates first, whose names the workflows may use, then the workflows, linked together.
#include <filesystem>
#include <vector>

#include "engine/definition/catalogue.hpp"
#include "engine/definition/template_catalogue.hpp"

namespace seminarflow {

struct DefinitionSet {
    TemplateCatalogue templates;
    Catalogue catalogue;
};

// Every problem of either folder, as file:line:column diagnostics, or the set.
Result<DefinitionSet, std::vector<Diagnostic>> load_definition_set(const std::filesystem::path& templates_dir,
                                                                   const std::filesystem::path& workflows_dir,
                                                                   NamedCode named);

}  // namespace seminarflow
