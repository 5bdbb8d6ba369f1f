#pragma once
// Every workflow definition the engine runs, loaded together so that they can be checked
// against each other: a seminar that spawns submissions, a reward that reads its parent's budget.
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "engine/definition/definition_parser.hpp"
#include "engine/definition/diagnostics.hpp"
#include "engine/definition/load_context.hpp"
#include "engine/model/result.hpp"

namespace seminarflow {

class Catalogue {
public:
    const Definition* find(std::string_view name) const;
    std::vector<const Definition*> all() const;  // by name
    std::vector<std::string> names() const;

private:
    friend Result<Catalogue, std::vector<Diagnostic>> load_catalogue(std::vector<SourceFile>, const LoadContext&);
    std::map<std::string, std::shared_ptr<const Definition>, std::less<>> definitions_;
};

// Parses and links the files; refuses the whole set, with every diagnostic, if any is wrong.
Result<Catalogue, std::vector<Diagnostic>> load_catalogue(std::vector<SourceFile> files, const LoadContext& context);
// Every *.yaml / *.yml file directly in `directory`.
Result<Catalogue, std::vector<Diagnostic>> load_catalogue_directory(const std::filesystem::path& directory,
                                                                    const LoadContext& context);

// Reads every file of a folder with one of the extensions, sorted by name. For the loaders of
// workflows and templates; an unreadable folder gives a diagnostic naming it.
Result<std::vector<SourceFile>, std::vector<Diagnostic>> read_source_files(const std::filesystem::path& directory,
                                                                           std::initializer_list<std::string_view> extensions);

}  // namespace seminarflow
