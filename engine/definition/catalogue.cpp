#include "engine/definition/catalogue.hpp"

#include <fstream>
#include <sstream>

#include "engine/definition/catalogue_linker.hpp"
#include "engine/definition/suggest.hpp"

namespace seminarflow {

const Definition* Catalogue::find(std::string_view name) const {
    const auto found = definitions_.find(name);
    return found == definitions_.end() ? nullptr : found->second.get();
}

const Definition* Catalogue::find(std::string_view name, int version) const {
    if (const Definition* current = find(name); current && current->version == version) return current;
    const auto found = stored_versions_.find(std::pair<std::string, int>(name, version));
    return found == stored_versions_.end() ? nullptr : found->second.get();
}

Result<Catalogue::StoredVersion, std::vector<Diagnostic>> Catalogue::add_stored_version(const SourceFile& file,
                                                                                       const LoadContext& context) {
    DiagnosticSink sink(file.path);
    LoadContext lenient = context;
    lenient.placeholders = PlaceholderCheck::warn;
    auto parsed = parse_definition(file, lenient, sink);
    if (parsed && find(parsed->name, parsed->version)) {
        sink.error(parsed->where, "workflow '" + parsed->name + "' version " + std::to_string(parsed->version) +
                                      " is loaded already");
    }
    if (!parsed || !sink.empty()) return fail(std::vector<Diagnostic>(sink.diagnostics().begin(), sink.diagnostics().end()));

    // Linked in a set of its own: copies of the current definitions, with this one in place of
    // its workflow's current version.
    std::vector<Definition> set;
    for (const auto& [name, definition] : definitions_) {
        if (name != parsed->name) set.push_back(*definition);
    }
    set.push_back(std::move(*parsed));
    auto diagnostics = link_definitions(set);
    if (!diagnostics.empty()) return fail(std::move(diagnostics));
    auto added = std::make_shared<const Definition>(std::move(set.back()));
    stored_versions_.emplace(std::pair<std::string, int>(added->name, added->version), added);
    return StoredVersion{added.get(), std::move(sink.warnings())};
}

std::vector<const Definition*> Catalogue::all() const {
    std::vector<const Definition*> list;
    for (const auto& [name, definition] : definitions_) list.push_back(definition.get());
    return list;
}

std::vector<std::string> Catalogue::names() const {
    std::vector<std::string> list;
    for (const auto& [name, definition] : definitions_) list.push_back(name);
    return list;
}

Result<Catalogue, std::vector<Diagnostic>> load_catalogue(std::vector<SourceFile> files, const LoadContext& context) {
    std::vector<Diagnostic> diagnostics;
    std::vector<Definition> parsed;
    for (const auto& file : files) {
        DiagnosticSink sink(file.path);
        auto definition = parse_definition(file, context, sink);
        if (definition) {
            for (const auto& other : parsed) {
                if (other.name == definition->name) {
                    sink.error(definition->where, "workflow '" + definition->name + "' is also defined in " + other.file);
                }
            }
        }
        if (definition && sink.empty()) parsed.push_back(std::move(*definition));
        diagnostics.insert(diagnostics.end(), sink.diagnostics().begin(), sink.diagnostics().end());
    }
    if (!diagnostics.empty()) return fail(std::move(diagnostics));

    diagnostics = link_definitions(parsed);
    if (!diagnostics.empty()) return fail(std::move(diagnostics));

    Catalogue catalogue;
    for (auto& definition : parsed) {
        std::string name = definition.name;
        catalogue.definitions_.emplace(std::move(name), std::make_shared<const Definition>(std::move(definition)));
    }
    return catalogue;
}

Result<std::vector<SourceFile>, std::vector<Diagnostic>> read_source_files(
    const std::filesystem::path& directory, std::initializer_list<std::string_view> extensions) {
    std::error_code error;
    std::vector<std::filesystem::path> paths;
    for (std::filesystem::directory_iterator it(directory, error), end; !error && it != end; it.increment(error)) {
        const auto extension = it->path().extension().string();
        if (it->is_regular_file() && std::find(extensions.begin(), extensions.end(), extension) != extensions.end()) {
            paths.push_back(it->path());
        }
    }
    if (error) {
        return fail(std::vector<Diagnostic>{{directory.string(), {}, "cannot read the folder: " + error.message()}});
    }
    std::sort(paths.begin(), paths.end());
    std::vector<SourceFile> files;
    for (const auto& path : paths) {
        std::ifstream stream(path, std::ios::binary);
        std::ostringstream text;
        text << stream.rdbuf();
        if (!stream) return fail(std::vector<Diagnostic>{{path.string(), {}, "cannot read the file"}});
        files.push_back({path.string(), text.str()});
    }
    return files;
}

Result<Catalogue, std::vector<Diagnostic>> load_catalogue_directory(const std::filesystem::path& directory,
                                                                    const LoadContext& context) {
    auto files = read_source_files(directory, {".yaml", ".yml"});
    if (!files) return fail(std::move(files).error());
    if (files->empty()) {
        return fail(std::vector<Diagnostic>{{directory.string(), {}, "no workflow definitions (*.yaml) in this folder"}});
    }
    return load_catalogue(std::move(files).value(), context);
}

}  // namespace seminarflow
