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
    // The current version of `name`: what new instances start on.
    const Definition* find(std::string_view name) const;
    // Version `version` of `name`, current or stored (an instance keeps the version it started on).
    const Definition* find(std::string_view name, int version) const;
    std::vector<const Definition*> all() const;  // by name
    std::vector<std::string> names() const;

    // Adds a version other than the current one, from its stored source, linked against the
    // current definitions (the children it spawns now are theirs). Refused with diagnostics if it
    // no longer loads (a template or named guard it needs is gone), or if it is the current
    // version of its workflow, or already added. A template placeholder it has no data field for
    // (the template gained one since) is a warning, whatever `context` says: PlaceholderCheck.
    struct StoredVersion {
        const Definition* definition = nullptr;
        std::vector<Diagnostic> warnings = {};
    };
    Result<StoredVersion, std::vector<Diagnostic>> add_stored_version(const SourceFile& file,
                                                                      const LoadContext& context);

private:
    friend Result<Catalogue, std::vector<Diagnostic>> load_catalogue(std::vector<SourceFile>, const LoadContext&);
    std::map<std::string, std::shared_ptr<const Definition>, std::less<>> definitions_;
    std::map<std::pair<std::string, int>, std::shared_ptr<const Definition>, std::less<>> stored_versions_;
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
